// `--model mistral/...` through the built CLI against the emulator over HTTP: create, submit,
// status, wait, results and list, with the key never in any output, and a missing key named.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Mistral } from "@mistralai/mistralai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkedCli, cliFixtures, expectOneErrorLine } from "./support/cli-fixtures.js";
import { SECRET_KEY, startEmulator, useBuiltCli } from "./support/cli-run.js";

useBuiltCli();

const fixtures = cliFixtures();
let emulator: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const MODEL = "mistral/mistral-small-latest";

describe("structured-batch with --model mistral/...", () => {
  it("creates, submits, waits for and reads a Mistral batch job", async () => {
    const out = join(fixtures.dir, "mistral-batch.jsonl");
    const created = await checkedCli(
      [
        "create",
        "--model",
        MODEL,
        "--messages",
        fixtures.conversations,
        "--schema",
        fixtures.schemaFile,
        "--out",
        out,
      ],
      emulator.env,
    );
    expect(created.code).toBe(0);
    const lines = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      // Mistral's line format: custom_id and body, no method or url.
      expect(Object.keys(line).sort()).toEqual(["body", "custom_id"]);
      expect(line.body.response_format).toMatchObject({
        type: "json_schema",
        json_schema: { strict: true },
      });
    }

    const submitted = await checkedCli(["submit", out, "--model", MODEL], emulator.env);
    expect(submitted.code).toBe(0);
    const id = submitted.stdout.trim();
    // A Mistral job id is a UUID: the other commands tell the provider from it alone.
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const waited = await checkedCli(["wait", id, "--interval", "0.05"], emulator.env);
    expect(waited.code).toBe(0);
    const status = await checkedCli(["status", id, "--json"], emulator.env);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      id,
      provider: "mistral",
      status: "completed",
      rawStatus: "SUCCESS",
    });
    // The job the official SDK sees is the one the CLI made.
    const sdk = new Mistral({ apiKey: "k", serverURL: `${emulator.url}/mistral` });
    const job = await sdk.batch.jobs.get({ jobId: id });
    expect(job).toMatchObject({ status: "SUCCESS", totalRequests: 3, succeededRequests: 3 });

    const users = join(fixtures.dir, "mistral-users.jsonl");
    const results = await checkedCli(
      ["results", id, "--schema", "./test/support/cli-schemas.ts#User", "--out", users, "--json"],
      emulator.env,
    );
    expect(results.code).toBe(0);
    expect(JSON.parse(results.stdout)).toMatchObject({ total: 3, succeeded: 3, failed: 0 });
    expect(readFileSync(users, "utf8")).toContain('"name":"John Doe"');

    const listed = await checkedCli(["list", "--provider", "mistral", "--json"], emulator.env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(id);

    for (const run of [created, submitted, waited, status, results, listed]) {
      expect(run.stdout + run.stderr).not.toContain(SECRET_KEY);
    }
    // Seven CLI processes one after another: slow on a loaded machine.
  }, 120_000);

  it("names MISTRAL_API_KEY when no key is set", async () => {
    const { MISTRAL_API_KEY: _, ...keyless } = emulator.env;
    const run = await checkedCli(["status", "2f3e7c4a-9b1d-4c8e-a0f2-5d6b7c8e9f01"], keyless);
    expectOneErrorLine(run, 2, "No API key for Mistral: set MISTRAL_API_KEY");
  });
});
