// `run --attach` sends the PDF each row names, and the default responder of the emulator reads it;
// `--reasoning-*` and `--anthropic-output` reach the provider, and a setting the model cannot
// take is refused before anything is sent.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RequestLogEntry } from "../src/emulator/index.js";
import { makePdf } from "../src/messages/test-support/pdf.js";
import { checkedCli, expectOneErrorLine, USER_JSON_SCHEMA } from "./support/cli-fixtures.js";
import { startEmulator, tempDir, useBuiltCli } from "./support/cli-run.js";

useBuiltCli();

const dir = tempDir();
const PEOPLE = [
  { id: "a1", text: "Ada Lovelace, 36, ada@example.com" },
  { id: "a2", text: "Alan Turing, 41, alan@example.com" },
  { id: "a3", text: "Grace Hopper, 85, grace@example.com" },
];
mkdirSync(join(dir, "scans"));
for (const p of PEOPLE) {
  writeFileSync(
    join(dir, "scans", `${p.id}.pdf`),
    Buffer.from(makePdf(`Contact sheet\n${p.text}`, { compress: true }), "base64"),
  );
}
const input = join(dir, "people.csv");
writeFileSync(
  input,
  `id,scan\n${PEOPLE.map((p) => `${p.id},${join(dir, "scans", `${p.id}.pdf`)}`).join("\n")}\n`,
);
const template = join(dir, "prompt.txt");
writeFileSync(template, "Extract the person from the attached contact sheet {{id}}.");
const schema = join(dir, "user.schema.json");
writeFileSync(schema, JSON.stringify(USER_JSON_SCHEMA));

let env: NodeJS.ProcessEnv;
let close: () => Promise<void>;
const log: RequestLogEntry[] = [];

beforeAll(async () => {
  ({ env, close } = await startEmulator({ onRequest: (entry) => log.push(entry) }));
}, 60_000);
afterAll(async () => {
  await close();
});
beforeEach(() => {
  log.length = 0;
});

function run(model: string, name: string, extra: string[] = []) {
  const out = join(dir, `${name}.out.jsonl`);
  const args = [
    "run",
    "--input",
    input,
    "--name",
    name,
    "--template",
    template,
    "--attach",
    "scan",
    "--schema",
    schema,
    "--model",
    model,
    "--store",
    join(dir, `${name}-store`),
    "--out",
    out,
    "--poll-interval",
    "20",
    "--quiet",
    ...extra,
  ];
  return { out, args };
}

describe("run --attach", () => {
  it.each([
    ["openai/gpt-5-mini", ["--reasoning-effort", "low"]],
    [
      "anthropic/claude-sonnet-4-5",
      ["--anthropic-output", "native", "--reasoning-budget", "2048", "--max-tokens", "8000"],
    ],
    ["google/gemini-2.5-flash", ["--reasoning-budget", "0"]],
  ])("%s reads each row's PDF and extracts what it says", async (model, extra) => {
    const name = model.split("/")[0]!;
    const { out, args } = run(model, name, extra);
    const result = await checkedCli(args, env);
    expect(result.code).toBe(0);
    const rows = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.id, r.result.email])).toEqual(
      PEOPLE.map((p) => [p.id, p.text.split(", ")[2]]),
    );
    expect(rows.map((r) => r.result.age)).toEqual([36, 41, 85]);
  });

  it("refuses a missing file, naming the line, and sends nothing", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(
      bad,
      `id,scan\nb1,${join(dir, "scans", "a1.pdf")}\nb2,${join(dir, "scans", "nope.pdf")}\n`,
    );
    const { args } = run("google/gemini-2.5-flash", "bad");
    args[args.indexOf(input)] = bad;
    const result = await checkedCli(args, env);
    expectOneErrorLine(result, 2, "line 3: ");
    expect(result.stderr).toContain("--attach scan: cannot read");
    expect(log.filter((e) => e.method === "POST")).toEqual([]);
  });
});

describe("reasoning flags the model cannot take", () => {
  it("are refused before anything is sent", async () => {
    const { args } = run("openai/gpt-4o-mini", "refused", ["--reasoning-effort", "low"]);
    const result = await checkedCli(args, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("not a reasoning model");
    const native = await checkedCli(
      run("google/gemini-2.5-flash", "g", ["--anthropic-output", "native"]).args,
      env,
    );
    expectOneErrorLine(native, 2, "--anthropic-output applies to Anthropic models, not google");
    expect(log).toEqual([]);
  });
});
