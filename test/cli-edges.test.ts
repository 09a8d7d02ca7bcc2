// The CLI at the edges: base URLs with credentials refused before anything is sent, with no
// password in any output (--verbose included), and input files that start with a byte-order
// mark (as Windows tools write them) read without losing their first line.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkedCli, cliFixtures } from "./support/cli-fixtures.js";
import { type CliRun, startEmulator, useBuiltCli } from "./support/cli-run.js";

useBuiltCli();

const BOM = "\uFEFF";
const fixtures = cliFixtures();
let env: NodeJS.ProcessEnv;
let url: string;
let requests = 0;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ env, url, close } = await startEmulator({
    onRequest: () => {
      requests++;
    },
  }));
});
afterAll(async () => {
  await close();
});

const cli = (args: string[], runEnv: NodeJS.ProcessEnv = env): Promise<CliRun> =>
  checkedCli(args, runEnv);

describe("structured-batch CLI: secrets in base URLs", () => {
  it("refuses credentials in --base-url or a *_BASE_URL variable, exit 2, password never printed", async () => {
    const before = requests;
    const withPassword = url.replace("http://", "http://proxyuser:s3cret-pw@");
    const runs = [
      ["--base-url", await cli(["status", "batch_abc", "--base-url", `${withPassword}/v1`])],
      [
        "--base-url",
        await cli(["list", "--provider", "anthropic", "--base-url", withPassword, "--verbose"]),
      ],
      [
        "env.OPENAI_BASE_URL",
        await cli(["status", "batch_abc", "--verbose"], {
          ...env,
          OPENAI_BASE_URL: `${withPassword}/v1`,
        }),
      ],
      [
        "env.GOOGLE_GEMINI_BASE_URL",
        await cli(["status", "batches/abc", "--json"], {
          ...env,
          GOOGLE_GEMINI_BASE_URL: withPassword,
        }),
      ],
    ] as const;
    for (const [source, run] of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${source}: has credentials in it`);
      expect(run.stderr).toContain("Proxy-Authorization");
      expect(run.stdout + run.stderr).not.toContain("s3cret-pw");
    }
    expect(requests).toBe(before);
  }, 120_000);
});

describe("structured-batch CLI: byte-order marks", () => {
  it("reads --messages, --schema, --custom-ids and batch files that start with one", async () => {
    const messages = join(fixtures.dir, "bom-conversations.jsonl");
    writeFileSync(messages, BOM + readFileSync(fixtures.conversations, "utf8"));
    const schema = join(fixtures.dir, "bom-user.schema.json");
    writeFileSync(schema, BOM + readFileSync(fixtures.schemaFile, "utf8"));
    const ids = join(fixtures.dir, "bom-ids.txt");
    writeFileSync(ids, `${BOM}first\nsecond\nthird\n`);
    const out = join(fixtures.dir, "bom-batch.jsonl");
    const create = await cli([
      "create",
      ...["--model", "anthropic/claude-haiku-4-5", "--max-tokens", "100"],
      ...["--messages", messages, "--schema", schema, "--custom-ids", ids, "--out", out],
    ]);
    expect(create.code).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines.map((l) => JSON.parse(l).custom_id)).toEqual(["first", "second", "third"]);

    // The same file with a mark in front, as an editor may save it, submitted and read back.
    writeFileSync(out, BOM + readFileSync(out, "utf8"));
    const submit = await cli(["submit", out, "--model", "anthropic/claude-haiku-4-5"]);
    expect(submit.code).toBe(0);
    const handle = submit.stdout.trim();
    expect((await cli(["wait", handle, "--interval", "0.01", "-q"])).code).toBe(0);
    const results = await cli(["results", handle, "--schema", schema, "--ids", out]);
    expect(results.code).toBe(0);
    expect(
      results.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).customId),
    ).toEqual(["first", "second", "third"]);
  }, 120_000);
});
