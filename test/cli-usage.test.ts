// The CLI's exit codes and error lines: --help with examples on every command, 2 on usage
// errors (unknown flag, missing file, bad schema, bad input, no key), 1 when the operation
// fails (provider errors), one line without a stack trace, and never a key.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CONVERSATIONS } from "../src/cli/demo.js";
import { checkedCli, cliFixtures, expectOneErrorLine } from "./support/cli-fixtures.js";
import { type CliRun, SECRET_KEY, startEmulator, useBuiltCli } from "./support/cli-run.js";

useBuiltCli();

const COMMANDS = [
  "create",
  "submit",
  "status",
  "wait",
  "list",
  "cancel",
  "delete",
  "results",
  "download",
  "emulator",
  "demo",
];

const fixtures = cliFixtures();
let env: NodeJS.ProcessEnv;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ env, url, close } = await startEmulator());
});
afterAll(async () => {
  await close();
});

async function cli(args: string[], runEnv: NodeJS.ProcessEnv = env): Promise<CliRun> {
  return checkedCli(args, runEnv);
}

describe.concurrent("structured-batch CLI: help and usage errors", () => {
  it("has --help with examples on every command, and the exit codes on the program", async () => {
    const top = await cli(["--help"]);
    expect(top.code).toBe(0);
    for (const command of COMMANDS) expect(top.stdout).toContain(command);
    expect(top.stdout).toContain("Exit codes: 0 success; 1 the operation failed");
    expect(top.stdout).toContain("130 interrupted");
    const helps = await Promise.all(COMMANDS.map((c) => cli([c, "--help"])));
    helps.forEach((help, i) => {
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("Examples:");
      expect(help.stdout).toContain(`$ structured-batch ${COMMANDS[i]}`);
      expect(help.stdout).toContain("--json");
    });
  }, 120_000);

  it("exits 2 with one line on an unknown flag, an unknown command or a missing option", async () => {
    expectOneErrorLine(
      await cli(["status", "batch_abc", "--bogus"]),
      2,
      "structured-batch status: unknown option '--bogus'. Run structured-batch status --help",
    );
    expectOneErrorLine(await cli(["frobnicate"]), 2, "unknown command 'frobnicate'");
    expectOneErrorLine(
      await cli(["create", "--messages", fixtures.conversations]),
      2,
      "required option",
    );
    const json = await cli(["wait", "--json"]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { exitCode: 2 } });
  }, 120_000);

  it("exits 2 on a missing file", async () => {
    const create = ["create", "--model", "openai/gpt-4o-mini", "--schema", fixtures.schemaFile];
    expectOneErrorLine(
      await cli([...create, "--messages", join(fixtures.dir, "nope.jsonl")]),
      2,
      "--messages",
    );
    expectOneErrorLine(
      await cli(["submit", join(fixtures.dir, "nope.jsonl"), "--model", "openai/gpt-4o-mini"]),
      2,
      "no such file",
    );
    expectOneErrorLine(
      await cli(["results", "batch_abc", "--schema", join(fixtures.dir, "nope.json")]),
      2,
      "--schema",
    );
  }, 120_000);

  it("exits 2 on a bad schema: not JSON, not JSON Schema, refused by the provider, not an export", async () => {
    const create = [
      "create",
      "--model",
      "openai/gpt-4o-mini",
      "--messages",
      fixtures.conversations,
    ];
    const notJson = join(fixtures.dir, "not.json");
    writeFileSync(notJson, "{ nope");
    expectOneErrorLine(await cli([...create, "--schema", notJson]), 2, "not valid JSON");
    const badType = join(fixtures.dir, "bad-type.json");
    writeFileSync(
      badType,
      JSON.stringify({ type: "object", properties: { a: { type: "strin" } } }),
    );
    expectOneErrorLine(
      await cli([...create, "--schema", badType]),
      2,
      "cannot read this JSON Schema",
    );
    const open = join(fixtures.dir, "open.json");
    writeFileSync(
      open,
      JSON.stringify({ type: "object", additionalProperties: { type: "string" } }),
    );
    expectOneErrorLine(
      await cli([...create, "--schema", open]),
      2,
      "bad schema: OpenAI strict mode",
    );
    const notSchema = await cli([
      ...create,
      "--schema",
      "./test/support/cli-schemas.ts#NotASchema",
    ]);
    expectOneErrorLine(notSchema, 2, 'the export "NotASchema" is not a Zod/Standard schema');
    expect(notSchema.stderr).toContain("./test/support/cli-schemas.ts#User");
  }, 120_000);

  it("exits 2 on a bad input line, naming the line", async () => {
    const bad = join(fixtures.dir, "bad-lines.jsonl");
    writeFileSync(
      bad,
      `${JSON.stringify(DEMO_CONVERSATIONS[0])}\n\n[{"role":"bot","content":"hi"}]\n`,
    );
    const run = await cli([
      "create",
      "--model",
      "openai/gpt-4o-mini",
      "--messages",
      bad,
      "--schema",
      fixtures.schemaFile,
    ]);
    expectOneErrorLine(run, 2, `${bad} line 3 messages[0].role: role must be`);
    expect(run.stdout).toBe("");
    writeFileSync(bad, "not json\n");
    const notJson = await cli([
      "create",
      "--model",
      "openai/gpt-4o-mini",
      "--messages",
      bad,
      "--schema",
      fixtures.schemaFile,
    ]);
    expectOneErrorLine(notJson, 2, `${bad} line 1: not valid JSON`);
  }, 120_000);

  it("exits 2 without a key, or on a handle whose provider cannot be told", async () => {
    const noKey = await cli(["status", "batch_abc"], { OPENAI_BASE_URL: `${url}/v1` });
    expectOneErrorLine(noKey, 2, "No API key for OpenAI: set OPENAI_API_KEY");
    expectOneErrorLine(
      await cli(["status", "job-17"]),
      2,
      "Add --provider openai|anthropic|google",
    );
    expectOneErrorLine(
      await cli(["status", "sbh1_garbage"]),
      2,
      "not a readable structured-batch handle",
    );
  }, 120_000);
});

describe.concurrent("structured-batch CLI: operation failures", () => {
  it("exits 1 on a provider error, with a hint, and a JSON error line with --json", async () => {
    const missing = await cli(["status", "batch_0000"]);
    expectOneErrorLine(missing, 1, "openai: retrieve batch failed (HTTP 404)");
    expect(missing.stderr).toContain("Check the batch id");
    const json = await cli(["cancel", "msgbatch_0000", "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr)).toMatchObject({
      error: { code: "provider_api_error", exitCode: 1 },
    });
    const unreachable = await cli([
      "list",
      "--provider",
      "google",
      "--base-url",
      "http://127.0.0.1:9",
    ]);
    expectOneErrorLine(unreachable, 1, "Check the network and the base URL");
  }, 120_000);

  it("never prints the key, not even with --verbose on a rejected key", async () => {
    const strict = await startEmulator({ apiKeys: ["another-key-entirely"] });
    try {
      for (const args of [
        ["status", "batch_abc"],
        ["list", "--provider", "anthropic"],
        ["status", "batches/abc"],
      ]) {
        const run = await cli([...args, "--verbose"], strict.env);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^\s+at /m); // --verbose: the stack is there...
        expect(run.stderr).not.toContain(SECRET_KEY); // ...and the key is not
      }
    } finally {
      await strict.close();
    }
  }, 120_000);
});
