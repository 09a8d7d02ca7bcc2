// Azure OpenAI and Groq from the built CLI, as a user runs it: credentials and endpoints from
// the environment (AZURE_OPENAI_API_KEY / AZURE_OPENAI_ENDPOINT, GROQ_API_KEY / GROQ_BASE_URL),
// `--model azure/<deployment>` / `groq/<model>`, the emulator over HTTP, the official SDK looking.
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

const fixtures = cliFixtures();
let emulator: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

describe.each([
  ["azure/gpt-4o-mini", "azure", "/chat/completions"],
  ["groq/llama-3.1-8b-instant", "groq", "/v1/chat/completions"],
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
    expect(id).toMatch(/^batch_/);
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
        : new OpenAI({ apiKey: "k", baseURL: `${emulator.url}/groq/openai/v1` });
    expect((await sdk.batches.retrieve(id)).endpoint).toBe(url);
  });

  it("names the key variable when it is missing", async () => {
    const env = { ...emulator.env };
    delete env[provider === "azure" ? "AZURE_OPENAI_API_KEY" : "GROQ_API_KEY"];
    const file = await createBatchFile(fixtures, emulator.env, model);
    const run = await checkedCli(["submit", file, "--model", model], env);
    expectOneErrorLine(
      run,
      run.code ?? -1,
      provider === "azure" ? "AZURE_OPENAI_API_KEY" : "GROQ_API_KEY",
    );
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
