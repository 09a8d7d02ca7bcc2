// Every CLI flag and input line a provider would refuse is refused first: exit 2, one error
// line naming the flag or the file and line, and no request reaches the emulator.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encodeBatchHandle } from "../src/batch/batch-handle.js";
import {
  checkedCli,
  cliFixtures,
  createBatchFile,
  expectOneErrorLine,
} from "./support/cli-fixtures.js";
import { type CliRun, startEmulator, useBuiltCli } from "./support/cli-run.js";

useBuiltCli();

const fixtures = cliFixtures();
let env: NodeJS.ProcessEnv;
let close: () => Promise<void>;
const requests: string[] = [];

beforeAll(async () => {
  ({ env, close } = await startEmulator({
    onRequest: (entry) => requests.push(`${entry.method} ${entry.path}`),
  }));
});
afterAll(async () => {
  await close();
});
beforeEach(() => {
  requests.length = 0;
});

let files = 0;
function inputFile(lines: string[]): string {
  const path = join(fixtures.dir, `input-${++files}.jsonl`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

const user = (text: string) => [{ role: "user", content: text }];
const line = (value: unknown) => JSON.stringify(value);

async function refused(args: string[], text: string): Promise<CliRun> {
  const run = await checkedCli(args, env);
  expectOneErrorLine(run, 2, text);
  expect(requests).toEqual([]);
  return run;
}

function create(messages: string, model = "openai/gpt-4o-mini", extra: string[] = []) {
  return [
    "create",
    "--model",
    model,
    "--messages",
    messages,
    "--schema",
    fixtures.schemaFile,
    ...extra,
  ];
}

describe("create: flags", () => {
  it.each([
    ["--max-tokens", ""],
    ["--max-tokens", "0"],
    ["--max-tokens", "1.5"],
    ["--max-tokens", "0x10"],
    ["--temperature", " "],
    ["--temperature", "NaN"],
    ["--temperature", "-0.5"],
  ])("refuses %s %j", async (flag, value) => {
    await refused(create(fixtures.conversations, undefined, [flag, value]), flag);
  });

  it.each(["gpt-4o-mini", "openai/ gpt-4o", "google/../files", "google/gemini:x"])(
    "refuses the model %j",
    async (model) => {
      await refused(create(fixtures.conversations, model), "model");
    },
  );
});

describe("create: input lines", () => {
  it("refuses a misspelt custom_id field, naming the line", async () => {
    const file = inputFile([line(user("a")), line({ customId: "x", messages: user("b") })]);
    await refused(
      create(file),
      `${file} line 2: unknown field "customId"; did you mean "custom_id"?`,
    );
  });

  it("refuses a line that is a JSON scalar", async () => {
    const file = inputFile([line(user("a")), "42"]);
    await refused(create(file), `${file} line 2: not a conversation`);
  });

  it("refuses duplicate custom ids across lines, naming both lines", async () => {
    const file = inputFile([
      line({ custom_id: "a", messages: user("1") }),
      "",
      line({ custom_id: "b", messages: user("2") }),
      line({ custom_id: "a", messages: user("3") }),
    ]);
    await refused(
      create(file),
      `${file} line 4 custom_id: "a" is already used by ${file} line 1 custom_id`,
    );
  });

  it("refuses a custom id Anthropic would refuse, naming the line", async () => {
    const file = inputFile([
      line({ custom_id: "ok-1", messages: user("1") }),
      line({ custom_id: "user 2", messages: user("2") }),
    ]);
    await refused(
      create(file, "anthropic/claude-haiku-4-5"),
      `${file} line 2 custom_id: "user 2" does not match anthropic's rule`,
    );
  });

  it("names the --custom-ids file and line of a bad id", async () => {
    const ids = inputFile(["first", "", "first", "third"]);
    await refused(
      create(fixtures.conversations, undefined, ["--custom-ids", ids]),
      `--custom-ids ${ids} line 3: "first" is already used by --custom-ids ${ids} line 1`,
    );
  });

  it("refuses an OpenAI message name with a space, naming the line", async () => {
    const file = inputFile([
      line(user("a")),
      line([{ role: "user", content: "b", name: "Ann Lee" }]),
    ]);
    await refused(create(file), `${file} line 2 messages[0].name: OpenAI takes a name`);
  });
});

describe("submit", () => {
  let batchFile: string;
  beforeAll(async () => {
    batchFile = await createBatchFile(fixtures, env);
  });

  it.each([
    [["--metadata", "job"], "expected key=value"],
    [["--metadata", "=x"], "expected key=value"],
    [["--metadata", "a=1", "--metadata", "a=2"], 'the key "a" is given twice'],
  ])("refuses %j", async (flags, text) => {
    requests.length = 0;
    await refused(["submit", batchFile, "--model", "openai/gpt-4o-mini", ...flags], text);
  });

  it("refuses metadata OpenAI would refuse before uploading anything", async () => {
    requests.length = 0;
    const many = Array.from({ length: 17 }, (_, i) => ["--metadata", `k${i}=v`]).flat();
    await refused(
      ["submit", batchFile, "--model", "openai/gpt-4o-mini", ...many],
      "at most 16 metadata pairs",
    );
  });

  it("refuses a batch file with a repeated line, naming it", async () => {
    requests.length = 0;
    const first = (await import("node:fs")).readFileSync(batchFile, "utf8").split("\n")[0]!;
    const file = inputFile([first, first]);
    await refused(["submit", file, "--model", "openai/gpt-4o-mini"], "already used by line 1");
  });
});

describe("handles and ids", () => {
  it.each([
    [["status", "../files", "--provider", "openai"], "is not an OpenAI batch id"],
    [["cancel", "msgbatch_a/results", "--provider", "anthropic"], "is not an Anthropic batch id"],
    [["status", "batches/../files/x"], "is not a Gemini batch name"],
    [["delete", "batches/x?alt=media"], "is not a Gemini batch name"],
    [["download", "msgbatch_01Hk", "--provider", "openai"], "is an Anthropic batch id"],
    [["results", "batch_a?x=1", "--schema", "SCHEMA"], "is not an OpenAI batch id"],
  ])("refuses %j before any request", async (args, text) => {
    await refused(
      args.map((a) => (a === "SCHEMA" ? fixtures.schemaFile : a)),
      text,
    );
  });

  it("refuses a handle edited to point a part elsewhere", async () => {
    const handle = encodeBatchHandle({
      v: 1,
      provider: "openai",
      total: 2,
      defaultIds: true,
      layers: [
        [
          { id: "batch_a", first: 0, count: 1 },
          { id: "../../v1/files", first: 1, count: 1 },
        ],
      ],
    });
    await refused(["status", handle], "handle.parts[1].id");
  });
});

describe("list and wait flags", () => {
  it.each([["0"], ["2.5"], [""], ["-3"], ["1e9"]])("list refuses --limit %j", async (value) => {
    await refused(["list", "--provider", "openai", "--limit", value], "--limit");
  });

  it.each([
    ["--interval", "-1"],
    ["--interval", ""],
    ["--max-interval", "abc"],
    ["--timeout", ""],
    ["--timeout", "Infinity"],
  ])("wait refuses %s %j", async (flag, value) => {
    await refused(["wait", "batch_abc", flag, value], flag);
  });
});
