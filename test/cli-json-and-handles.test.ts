// --json output, schema modules, custom ids and handles (multi-part sbh1_, Gemini result
// files), on the built CLI against the emulator.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CONVERSATIONS, DemoUser } from "../src/cli/demo.js";
import { BatchProcessor } from "../src/index.js";
import {
  checkedCli,
  cliFixtures,
  createBatchFile,
  expectOneErrorLine,
} from "./support/cli-fixtures.js";
import {
  type CliRun,
  finish,
  runCli,
  spawnCli,
  startEmulator,
  useBuiltCli,
} from "./support/cli-run.js";

useBuiltCli();

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

describe.concurrent("structured-batch CLI: JSON output, schemas, handles", () => {
  it("submit --json, create to stdout, custom ids from the lines or a file", async () => {
    const file = await createBatchFile(fixtures, env);
    const submitted = await cli(["submit", file, "--model", "openai/gpt-4o-mini", "--json"]);
    expect(submitted.code).toBe(0);
    expect(JSON.parse(submitted.stdout)).toMatchObject({
      provider: "openai",
      requests: 3,
      handle: expect.stringMatching(/^batch_/),
    });

    const withIds = join(fixtures.dir, "with-ids.jsonl");
    writeFileSync(
      withIds,
      DEMO_CONVERSATIONS.map((m, i) =>
        JSON.stringify({ custom_id: `user-${i}`, messages: m }),
      ).join("\n"),
    );
    const base = [
      "create",
      "--model",
      "anthropic/claude-haiku-4-5",
      "--schema",
      fixtures.schemaFile,
    ];
    const created = await cli([...base, "--messages", withIds]);
    expect(created.code).toBe(0);
    expect(
      created.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).custom_id),
    ).toEqual(["user-0", "user-1", "user-2"]);
    const idsFile = join(fixtures.dir, "ids.txt");
    writeFileSync(idsFile, "a\nb\nc\n");
    const fromFile = await cli([
      ...base,
      "--messages",
      fixtures.conversations,
      "--custom-ids",
      idsFile,
    ]);
    expect(
      fromFile.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).custom_id),
    ).toEqual(["a", "b", "c"]);
    expectOneErrorLine(
      await cli([...base, "--messages", withIds, "--custom-ids", idsFile]),
      2,
      "Use one of the two",
    );
    const wrongProvider = await cli(["submit", file, "--model", "google/gemini-2.5-flash"]);
    expectOneErrorLine(wrongProvider, 2, "holds openai requests, but --model names google");
  }, 120_000);

  it("loads a .mjs module schema ({ jsonSchema, validate }, default export)", async () => {
    const module = join(fixtures.dir, "schema.mjs");
    writeFileSync(
      module,
      `export default { jsonSchema: ${readFileSync(fixtures.schemaFile, "utf8")}, validate: (v) => v };\n`,
    );
    const run = await cli([
      "create",
      "--model",
      "google/gemini-2.5-flash",
      "--messages",
      fixtures.conversations,
      "--schema",
      module,
      "--json",
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stderr)).toMatchObject({
      provider: "google",
      requests: 3,
      out: "stdout",
    });
    expect(run.stdout.trim().split("\n")).toHaveLength(3);
  }, 120_000);

  it("takes a multi-part sbh1_ handle: status, results and download over every part", async () => {
    const processor = new BatchProcessor("openai/gpt-4o-mini", DemoUser, {
      apiKey: "test",
      baseURL: `${url}/v1`,
      limits: { maxRequests: 2 },
    });
    const handle = await processor.submitBatch(
      await processor.createBatchFromMessages(DEMO_CONVERSATIONS),
    );
    expect(handle).toMatch(/^sbh1_/);
    await processor.waitForCompletion(handle, { pollIntervalMs: 20 });
    const status = await cli(["status", handle, "--json"]);
    expect(JSON.parse(status.stdout)).toMatchObject({ status: "completed", parts: [{}, {}] });
    const results = await cli([
      "results",
      handle,
      "--schema",
      "./test/support/cli-schemas.ts#User",
    ]);
    expect(results.code).toBe(0);
    expect(
      results.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).customId),
    ).toEqual(["request-0", "request-1", "request-2"]);
    const download = await cli(["download", handle]);
    expect(download.stdout.trim().split("\n")).toHaveLength(3);
    expect(download.stderr).toContain("Downloaded 3 result lines");
    expectOneErrorLine(
      await cli(["status", handle, "--provider", "anthropic"]),
      2,
      "the handle belongs to openai",
    );
  }, 120_000);

  it("downloads a Gemini batch whose results are a file, line by line", async () => {
    const processor = new BatchProcessor("google/gemini-2.5-flash", DemoUser, {
      apiKey: "test",
      baseURL: url,
      google: { inlineMaxBytes: 0 }, // always upload a file
    });
    const id = await processor.submitBatch(
      await processor.createBatchFromMessages(DEMO_CONVERSATIONS),
    );
    await processor.waitForCompletion(id, { pollIntervalMs: 20 });
    const download = await cli(["download", id]);
    expect(download.code).toBe(0);
    const keys = download.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).key);
    expect(keys.sort()).toEqual(["request-0", "request-1", "request-2"]);
  }, 120_000);

  it("demo --json and emulator --json print one JSON document", async () => {
    const demo = await runCli(["demo", "--json"]);
    expect(demo.code).toBe(0);
    expect(JSON.parse(demo.stdout)).toEqual({
      model: "openai/gpt-4o-mini",
      emulator: true,
      succeeded: 3,
      failed: 0,
    });
    const child = spawnCli(["emulator", "--port", "0", "--json", "--quiet"]);
    const done = finish(child);
    const first = await new Promise<string>((resolve) => {
      let seen = "";
      child.stdout?.on("data", (d) => {
        seen += d;
        if (seen.trim().endsWith("}")) resolve(seen);
      });
    });
    expect(JSON.parse(first)).toMatchObject({
      openaiBaseURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1$/),
    });
    child.kill("SIGTERM");
    expect((await done).code).toBe(0);
  }, 120_000);
});
