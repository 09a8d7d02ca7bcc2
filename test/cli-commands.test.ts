// Every batch command of the CLI, on every provider, as a subprocess against the emulator over
// HTTP: create -> submit -> status -> wait -> results -> download -> list -> delete, then
// cancel on a batch that is still running, and results with mixed outcomes.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureResponder } from "../src/emulator/index.js";
import {
  type CliRun,
  runCli,
  SECRET_KEY,
  startEmulator,
  tempDir,
  useBuiltCli,
} from "./support/cli-run.js";

const PROVIDERS = [
  { provider: "openai", model: "openai/gpt-4o-mini", id: /^batch_\w+$/, deletes: false },
  {
    provider: "anthropic",
    model: "anthropic/claude-haiku-4-5",
    id: /^msgbatch_\w+$/,
    deletes: true,
  },
  { provider: "google", model: "google/gemini-2.5-flash", id: /^batches\/\w+$/, deletes: true },
  {
    provider: "bedrock",
    model: "bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0",
    id: /^arn:aws:bedrock:us-east-1:\d{12}:model-invocation-job\/[a-z0-9]{12}$/,
    deletes: false,
  },
  {
    provider: "vertex",
    model: "vertex/gemini-2.5-flash",
    id: /^projects\/cli-project\/locations\/us-central1\/batchPredictionJobs\/\d+$/,
    deletes: true,
  },
] as const;

const USER_SCHEMA = {
  title: "User",
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" }, email: { type: "string" } },
  required: ["name", "age", "email"],
  additionalProperties: false,
};

/** The three input forms: a bare array, { messages }, and (in the mixed file) { custom_id, messages }. */
const CONVERSATIONS = [
  JSON.stringify([
    { role: "system", content: "Extract the user." },
    { role: "user", content: "John Doe is 25 years old, john@example.com" },
  ]),
  JSON.stringify({ messages: [{ role: "user", content: "Jane Smith, age 30, jane@company.com" }] }),
  "",
  JSON.stringify([{ role: "user", content: "Bob Wilson (28) bob@email.com" }]),
].join("\n");

const MIXED_IDS = ["mixed-ok", "mixed-refusal", "mixed-truncated", "mixed-invalid", "mixed-error"];
const MIXED = MIXED_IDS.map((id, i) =>
  JSON.stringify({
    custom_id: id,
    messages: [{ role: "user", content: `Person ${i}: Ann Lee is ${30 + i}, ann${i}@example.com` }],
  }),
).join("\n");

const dir = tempDir();
const schemaFile = join(dir, "user.schema.json");
const conversationsFile = join(dir, "conversations.jsonl");
const mixedFile = join(dir, "mixed.jsonl");
writeFileSync(schemaFile, JSON.stringify(USER_SCHEMA));
writeFileSync(conversationsFile, CONVERSATIONS);
writeFileSync(mixedFile, MIXED);

useBuiltCli();

let env: NodeJS.ProcessEnv;
let stuckEnv: NodeJS.ProcessEnv;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const main = await startEmulator({
    responder: fixtureResponder({
      "mixed-refusal": { type: "refusal", message: "I can't help with that." },
      "mixed-truncated": { type: "truncated" },
      "mixed-invalid": { name: "Ann Lee", age: "thirty", email: "ann@example.com" },
      "mixed-error": { type: "error", status: 500, message: "internal failure" },
    }),
  });
  // Batches that never start on their own: for cancel, and for results asked too early.
  const stuck = await startEmulator({ stuck: () => true });
  env = main.env;
  stuckEnv = stuck.env;
  closers.push(main.close, stuck.close);
});
afterAll(async () => {
  for (const close of closers) await close();
});

function lines(text: string): unknown[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
}

/** Runs the CLI and checks what every run must satisfy: no key anywhere, no stack trace. */
async function cli(args: string[], runEnv: NodeJS.ProcessEnv = env): Promise<CliRun> {
  const run = await runCli(args, runEnv);
  expect(run.stdout + run.stderr).not.toContain(SECRET_KEY);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  return run;
}

describe.concurrent("structured-batch batch commands", () => {
  it.each(PROVIDERS)(
    "$provider: create, submit, status, wait, results, download, list, delete",
    async ({ provider, model, id, deletes }) => {
      const batchFile = join(dir, `${provider}-batch.jsonl`);
      const created = await cli([
        "create",
        "--model",
        model,
        "--messages",
        conversationsFile,
        "--schema",
        schemaFile,
        "--out",
        batchFile,
        "--max-tokens",
        "200",
        "--json",
      ]);
      expect(created.code).toBe(0);
      expect(JSON.parse(created.stdout)).toMatchObject({ provider, requests: 3, out: batchFile });
      expect(lines(readFileSync(batchFile, "utf8"))).toHaveLength(3);

      const submitted = await cli(["submit", batchFile, "--model", model, "--metadata", "job=cli"]);
      expect(submitted.code).toBe(0);
      const handle = submitted.stdout.trim();
      expect(handle).toMatch(id);
      expect(submitted.stderr).toContain(`structured-batch wait ${handle}`);

      const status = await cli(["status", handle, "--json"]);
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ id: handle, provider });
      const human = await cli(["status", handle]);
      expect(human.stdout).toContain(`provider:  ${provider}`);

      const waited = await cli(["wait", handle, "--interval", "0.05", "--json"]);
      expect(waited.code).toBe(0);
      expect(JSON.parse(waited.stdout)).toMatchObject({
        id: handle,
        status: "completed",
        requestCounts: { total: 3, succeeded: 3 },
      });
      // Not a terminal: plain progress lines, no escape codes.
      expect(waited.stderr).toMatch(/^\d\d:\d\d:\d\d completed \(.+\): 3\/3 done, 0 failed$/m);
      expect(waited.stderr).not.toContain("\u001b[");

      const out = join(dir, `${provider}-users.jsonl`);
      const errors = join(dir, `${provider}-errors.jsonl`);
      const results = await cli([
        "results",
        handle,
        "--schema",
        "./test/support/cli-schemas.ts#User",
        "--out",
        out,
        "--errors",
        errors,
        "--json",
      ]);
      expect(results.code).toBe(0);
      expect(JSON.parse(results.stdout)).toMatchObject({ total: 3, succeeded: 3, failed: 0 });
      expect(lines(readFileSync(out, "utf8"))).toEqual([
        expect.objectContaining({
          customId: "request-0",
          result: { name: "John Doe", age: 25, email: "john@example.com" },
        }),
        expect.objectContaining({
          customId: "request-1",
          result: expect.objectContaining({ age: 30 }),
        }),
        expect.objectContaining({
          customId: "request-2",
          result: expect.objectContaining({ age: 28 }),
        }),
      ]);
      expect(readFileSync(errors, "utf8")).toBe("");
      // To stdout, with the summary table on stderr.
      const piped = await cli(["results", handle, "--schema", schemaFile]);
      expect(lines(piped.stdout)).toHaveLength(3);
      expect(piped.stderr).toMatch(/succeeded\s+│\s+3/);

      const rawFile = join(dir, `${provider}-raw.jsonl`);
      const downloaded = await cli(["download", handle, "--out", rawFile, "--json"]);
      expect(downloaded.code).toBe(0);
      expect(JSON.parse(downloaded.stdout)).toMatchObject({ lines: 3, out: rawFile });
      const raw = readFileSync(rawFile, "utf8");
      expect(lines(raw)).toHaveLength(3);
      for (const name of ["John Doe", "Jane Smith", "Bob Wilson"]) expect(raw).toContain(name);

      const listed = await cli(["list", "--provider", provider, "--json"]);
      expect(listed.code).toBe(0);
      expect((JSON.parse(listed.stdout) as { id: string }[]).map((b) => b.id)).toContain(handle);
      const table = await cli(["list", "--provider", provider, "--limit", "5"]);
      expect(table.stdout).toContain(handle);
      expect(table.stdout).toMatch(/│ id\s+│ provider\s+│ status/);

      const deleted = await cli(["delete", handle, "--json"]);
      expect(deleted.code).toBe(0);
      expect(JSON.parse(deleted.stdout)).toMatchObject({ id: handle, batchDeleted: deletes });
    },
    180_000,
  );

  it.each(PROVIDERS)(
    "$provider: cancel a running batch; wait then exits 1, results too early exits 1",
    async ({ provider, model }) => {
      const batchFile = join(dir, `${provider}-stuck.jsonl`);
      const created = await cli(
        ["create", "--model", model, "--messages", conversationsFile, "--schema", schemaFile],
        stuckEnv,
      );
      expect(created.code).toBe(0);
      writeFileSync(batchFile, created.stdout);
      expect(created.stderr).toContain(`Wrote 3 requests`);
      const handle = (await cli(["submit", batchFile, "--model", model], stuckEnv)).stdout.trim();

      const early = await cli(["results", handle, "--schema", schemaFile], stuckEnv);
      expect(early.code).toBe(1);
      expect(early.stderr).toContain("has no results yet");
      expect(early.stderr).toContain(`structured-batch wait ${handle}`);

      const cancelled = await cli(["cancel", handle, "--json"], stuckEnv);
      expect(cancelled.code).toBe(0);
      expect(JSON.parse(cancelled.stdout)).toMatchObject({ id: handle, provider });

      const waited = await cli(["wait", handle, "--interval", "0.05"], stuckEnv);
      expect(waited.code).toBe(1);
      expect(waited.stdout).toMatch(/^cancelled /);
      expect(waited.stderr).toContain(`batch ${handle} ended cancelled, not completed`);

      const deleted = await cli(["delete", handle], stuckEnv);
      expect(deleted.code).toBe(0);
    },
    120_000,
  );

  it.each(PROVIDERS)(
    "$provider: results of mixed outcomes, with --fail-on-errors, exit 1",
    async ({ provider, model }) => {
      const batchFile = join(dir, `${provider}-mixed-batch.jsonl`);
      await cli([
        "create",
        "--model",
        model,
        "--messages",
        mixedFile,
        "--schema",
        schemaFile,
        "--out",
        batchFile,
      ]);
      const handle = (await cli(["submit", batchFile, "--model", model])).stdout.trim();
      expect((await cli(["wait", handle, "--interval", "0.05", "--quiet"])).code).toBe(0);

      const out = join(dir, `${provider}-mixed-users.jsonl`);
      const errors = join(dir, `${provider}-mixed-errors.jsonl`);
      const args = ["results", handle, "--schema", schemaFile, "--out", out, "--errors", errors];
      const tolerant = await cli([...args, "--ids", batchFile]);
      expect(tolerant.code).toBe(0);
      const failing = await cli([...args, "--fail-on-errors"]);
      expect(failing.code).toBe(1);
      expect(failing.stderr).toContain(
        `structured-batch results: 4 of 5 requests failed (--fail-on-errors). Their errors are in ${errors}.`,
      );
      for (const type of [
        "succeeded",
        "refusal",
        "truncated",
        "validation_error",
        "provider_error",
      ]) {
        expect(failing.stderr).toMatch(new RegExp(`│ ${type}\\s+│ 1\\s+│`));
      }
      expect(lines(readFileSync(out, "utf8"))).toEqual([
        expect.objectContaining({ customId: "mixed-ok" }),
      ]);
      const errorLines = lines(readFileSync(errors, "utf8")) as Record<string, unknown>[];
      expect(Object.fromEntries(errorLines.map((e) => [e.customId, e.errorType]))).toEqual({
        "mixed-refusal": "refusal",
        "mixed-truncated": "truncated",
        "mixed-invalid": "validation_error",
        "mixed-error": "provider_error",
      });
      const invalid = errorLines.find((e) => e.customId === "mixed-invalid");
      expect(invalid).toMatchObject({
        value: { age: "thirty" },
        issues: [expect.objectContaining({ path: ["age"] })],
      });
      expect(invalid).not.toHaveProperty("raw");

      // The raw lines: every outcome (for OpenAI: the output file, then the error file).
      const raw = await cli(["download", handle]);
      expect(lines(raw.stdout)).toHaveLength(5);
      for (const id of MIXED_IDS) expect(raw.stdout).toContain(id);

      // Without --errors, a few errors are shown on stderr instead.
      const shown = await cli(["results", handle, "--schema", schemaFile, "--out", out, "--json"]);
      expect(JSON.parse(shown.stdout)).toMatchObject({
        total: 5,
        succeeded: 1,
        failed: 4,
        byErrorType: { refusal: 1, truncated: 1, validation_error: 1, provider_error: 1 },
      });
    },
    120_000,
  );
});
