// Azure OpenAI, Groq and Together AI from the built CLI, as a user runs it: credentials and
// endpoints from the environment (AZURE_OPENAI_API_KEY / AZURE_OPENAI_ENDPOINT, GROQ_API_KEY /
// GROQ_BASE_URL, TOGETHER_API_KEY / TOGETHER_BASE_URL), `--model azure/<deployment>` /
// `groq/<model>` / `together/<model>`, the emulator over HTTP, the official SDK looking.
import { readFileSync } from "node:fs";
import OpenAI, { AzureOpenAI } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkedCli,
  cliFixtures,
  createBatchFile,
  expectOneErrorLine,
} from "./support/cli-fixtures.js";
import { SECRET_KEY, startEmulator, useBuiltCli } from "./support/cli-run.js";

useBuiltCli();

const BASES: Record<string, string> = { groq: "groq/openai/v1", together: "together/v1" };
const KEY_ENV: Record<string, string> = {
  azure: "AZURE_OPENAI_API_KEY",
  groq: "GROQ_API_KEY",
  together: "TOGETHER_API_KEY",
};

const fixtures = cliFixtures();
let emulator: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

describe.each([
  ["azure/gpt-4o-mini", "azure", "/chat/completions"],
  ["groq/llama-3.1-8b-instant", "groq", "/v1/chat/completions"],
  ["together/meta-llama/Llama-3.3-70B-Instruct-Turbo", "together", "/v1/chat/completions"],
])("structured-batch with --model %s", (model, provider, url) => {
  it("creates, submits, waits, lists and reads results, the key never shown", async () => {
    const file = await createBatchFile(fixtures, emulator.env, model);
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // The service's own endpoint name in every line, and the model (deployment) as given.
    expect(lines.map((l) => [l.url, l.body.model])).toEqual(
      lines.map(() => [url, model.slice(model.indexOf("/") + 1)]),
    );
    const submitted = await checkedCli(["submit", file, "--model", model], emulator.env);
    expect(submitted.code).toBe(0);
    const id = submitted.stdout.trim();
    // Together's batch ids are UUIDs (docs.together.ai/reference/batch-get).
    expect(id).toMatch(provider === "together" ? /^[0-9a-f-]{36}$/ : /^batch_/);
    // A batch_ id is OpenAI's shape too: --provider says whose it is.
    const waited = await checkedCli(
      ["wait", id, "--provider", provider, "--interval", "0.05"],
      emulator.env,
    );
    expect(waited.code).toBe(0);
    const status = await checkedCli(["status", id, "--provider", provider, "--json"], emulator.env);
    expect(JSON.parse(status.stdout)).toMatchObject({ provider, status: "completed" });
    const results = await checkedCli(
      ["results", id, "--model", model, "--schema", fixtures.schemaFile, "--json"],
      emulator.env,
    );
    expect(results.code).toBe(0);
    expect(results.stdout).toContain("bob.wilson@email.com");
    const listed = await checkedCli(["list", "--provider", provider, "--json"], emulator.env);
    expect(listed.stdout).toContain(id);
    // The batch is the service's own, under its own routes.
    const sdk =
      provider === "azure"
        ? new AzureOpenAI({
            apiKey: "k",
            endpoint: `${emulator.url}/azure`,
            apiVersion: "2024-10-21",
          })
        : new OpenAI({ apiKey: "k", baseURL: `${emulator.url}/${BASES[provider]}` });
    const batch = (await sdk.batches.retrieve(id)) as unknown as Record<string, unknown>;
    expect(batch.endpoint).toBe(url);
    // Together's own job object: upper-case status, ISO dates.
    if (provider === "together") {
      expect(batch).toMatchObject({ status: "COMPLETED", progress: 100 });
      expect(batch.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
  });

  it("names the key variable when it is missing", async () => {
    const env = { ...emulator.env };
    delete env[KEY_ENV[provider] as string];
    const file = await createBatchFile(fixtures, emulator.env, model);
    const run = await checkedCli(["submit", file, "--model", model], env);
    expectOneErrorLine(run, run.code ?? -1, KEY_ENV[provider] as string);
    expect(run.code).not.toBe(0);
    expect(run.stderr).not.toContain(SECRET_KEY);
  });
});

describe("structured-batch with --model azure/...", () => {
  it("names AZURE_OPENAI_ENDPOINT when no endpoint is set", async () => {
    const env = { ...emulator.env };
    delete env.AZURE_OPENAI_ENDPOINT;
    const file = await createBatchFile(fixtures, emulator.env, "azure/gpt-4o-mini");
    const run = await checkedCli(["submit", file, "--model", "azure/gpt-4o-mini"], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("AZURE_OPENAI_ENDPOINT");
  });
});
