// `--openai-endpoint responses` on create: the batch file is written for the Responses API, and
// submit (without the flag) sends it there; results read the same. The built CLI as a
// subprocess against the emulator over HTTP, the official SDK looking at the batch.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkedCli, cliFixtures, expectOneErrorLine } from "./support/cli-fixtures.js";
import { startEmulator, useBuiltCli } from "./support/cli-run.js";

useBuiltCli();

const fixtures = cliFixtures();
let emulator: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const create = (model: string, ...extra: string[]) => [
  "create",
  "--model",
  model,
  "--messages",
  fixtures.conversations,
  "--schema",
  fixtures.schemaFile,
  ...extra,
];

describe("structured-batch create --openai-endpoint", () => {
  it("writes /v1/responses lines that submit sends to the Responses API", async () => {
    const out = join(fixtures.dir, "responses-batch.jsonl");
    const created = await checkedCli(
      create("openai/gpt-5-mini", "--openai-endpoint", "responses", "--out", out),
      emulator.env,
    );
    expect(created.code).toBe(0);
    const lines = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line.url).toBe("/v1/responses");
      expect(line.body.text.format).toMatchObject({ type: "json_schema", strict: true });
    }

    const submitted = await checkedCli(
      ["submit", out, "--model", "openai/gpt-5-mini"],
      emulator.env,
    );
    expect(submitted.code).toBe(0);
    const handle = submitted.stdout.trim();
    const waited = await checkedCli(["wait", handle, "--interval", "0.05"], emulator.env);
    expect(waited.code).toBe(0);
    const sdk = new OpenAI({ apiKey: "k", baseURL: `${emulator.url}/v1` });
    const batchId = handle.slice(handle.lastIndexOf(":") + 1);
    const batch = await sdk.batches.retrieve(batchId);
    expect(batch.endpoint).toBe("/v1/responses");

    const users = join(fixtures.dir, "responses-users.jsonl");
    const results = await checkedCli(
      [
        "results",
        handle,
        "--schema",
        "./test/support/cli-schemas.ts#User",
        "--out",
        users,
        "--json",
      ],
      emulator.env,
    );
    expect(results.code).toBe(0);
    expect(JSON.parse(results.stdout)).toMatchObject({ total: 3, succeeded: 3, failed: 0 });
    expect(readFileSync(users, "utf8")).toContain('"name":"John Doe"');
  });

  it("refuses an unknown endpoint, and the flag on another provider", async () => {
    const bad = await checkedCli(
      create("openai/gpt-4o-mini", "--openai-endpoint", "completions"),
      emulator.env,
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("must be chat or responses");
    const other = await checkedCli(
      create("anthropic/claude-haiku-4-5", "--openai-endpoint", "responses"),
      emulator.env,
    );
    expectOneErrorLine(other, 2, "--openai-endpoint applies to OpenAI models, not anthropic");
  });
});
