// The CLI's cost flags, as a subprocess (the built CLI) against the emulator over HTTP, on every
// provider: `create --estimate` prints the library's estimate of the same batch, `submit
// --dry-run` estimates the file and creates nothing, `submit --max-cost` refuses before any
// request (the emulator's request log stays empty).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CostEstimate } from "../src/cost/cost-types.js";
import type { RequestLogEntry } from "../src/emulator/index.js";
import { BatchProcessor } from "../src/index.js";
import { runCli, SECRET_KEY, startEmulator, tempDir, useBuiltCli } from "./support/cli-run.js";

const MODELS = {
  openai: "openai/gpt-5-mini",
  anthropic: "anthropic/claude-haiku-4-5",
  google: "google/gemini-2.5-flash",
} as const;

const SCHEMA = {
  title: "User",
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" } },
  required: ["name", "age"],
  additionalProperties: false,
};
const CONVERSATIONS = Array.from({ length: 5 }, (_, i) => [
  { role: "system" as const, content: "Extract the user." },
  { role: "user" as const, content: `User ${i} is ${30 + i} years old` },
]);

useBuiltCli();
const dir = tempDir();
const schemaFile = join(dir, "user.schema.json");
const conversationsFile = join(dir, "conversations.jsonl");
const log: RequestLogEntry[] = [];
let em: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => {
  writeFileSync(schemaFile, JSON.stringify(SCHEMA));
  writeFileSync(conversationsFile, CONVERSATIONS.map((c) => JSON.stringify(c)).join("\n"));
  em = await startEmulator({ onRequest: (entry) => log.push(entry) });
});
afterAll(async () => {
  await em?.close();
});
beforeEach(() => {
  log.length = 0;
});

const cli = (args: string[]) => runCli(args, em.env);

describe.each(Object.entries(MODELS))("CLI cost flags on %s", (provider, model) => {
  const batchFile = join(dir, `${provider}.jsonl`);

  it("create --estimate prints the library's estimate of the same batch, and no batch", async () => {
    const run = await cli([
      "create",
      "--model",
      model,
      "--messages",
      conversationsFile,
      "--schema",
      schemaFile,
      "--max-tokens",
      "200",
      "--estimate",
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as CostEstimate;
    const library = await new BatchProcessor(
      model,
      { jsonSchema: SCHEMA, validate: (v) => v },
      {
        apiKey: "x",
        schemaName: "User",
      },
    ).estimateCost(CONVERSATIONS, { maxTokens: 200 });
    expect(printed.requests).toBe(5);
    expect(printed.inputTokens).toBe(library.inputTokens);
    expect(printed.cost?.total).toBeCloseTo(library.cost!.total, 12);
    expect(printed.maxOutputTokens).toEqual({
      perRequest: 200,
      total: 1000,
      source: "request limit",
    });
    const text = await cli([
      "create",
      "--model",
      model,
      "--messages",
      conversationsFile,
      "--schema",
      schemaFile,
      "--max-tokens",
      "200",
      "--estimate",
    ]);
    expect(text.stdout).toContain(`Estimate for 5 requests to ${model}`);
    expect(text.stdout).toContain(provider === "openai" ? "exact: o200k_base" : "approximate:");
    expect(text.stdout).not.toContain('"custom_id"');
    expect(log).toEqual([]);
  });

  it("submit --dry-run estimates the file and creates nothing; --max-cost refuses before sending", async () => {
    const created = await cli([
      "create",
      "--model",
      model,
      "--messages",
      conversationsFile,
      "--schema",
      schemaFile,
      "--max-tokens",
      "200",
      "--out",
      batchFile,
    ]);
    expect(created.code, created.stderr).toBe(0);
    const dry = await cli(["submit", batchFile, "--model", model, "--dry-run", "--json"]);
    expect(dry.code, dry.stderr).toBe(0);
    const estimate = JSON.parse(dry.stdout) as CostEstimate & { dryRun: boolean; over: boolean };
    expect(estimate).toMatchObject({ dryRun: true, over: false, requests: 5 });
    const total = estimate.cost!.total;
    expect(log).toEqual([]);
    const over = await cli([
      "submit",
      batchFile,
      "--model",
      model,
      "--dry-run",
      "--max-cost",
      String(total / 2),
    ]);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain("over --max-cost");
    const refused = await cli([
      "submit",
      batchFile,
      "--model",
      model,
      "--max-cost",
      String(total / 2),
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("nothing was sent");
    expect(refused.stderr).not.toContain(SECRET_KEY);
    expect(log).toEqual([]);
    // A price given on the command line is used exactly (no discount applied to it).
    const priced = await cli([
      "submit",
      batchFile,
      "--model",
      model,
      "--dry-run",
      "--price",
      "1:1",
      "--json",
    ]);
    const p = JSON.parse(priced.stdout) as CostEstimate;
    expect(p.cost?.total).toBeCloseTo((p.inputTokens + 1000) / 1e6, 15);
    const sent = await cli([
      "submit",
      batchFile,
      "--model",
      model,
      "--max-cost",
      String(total * 2),
    ]);
    expect(sent.code, sent.stderr).toBe(0);
    expect(log.length).toBeGreaterThan(0);
  });
});
