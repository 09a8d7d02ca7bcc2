// The CLI as a user runs it: a subprocess, real HTTP on 127.0.0.1.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { DEMO_CONVERSATIONS, DemoUser } from "../src/cli/demo.js";
import { BatchProcessor } from "../src/index.js";
import { finish } from "./support/cli-run.js";

const root = fileURLToPath(new URL("..", import.meta.url));

function cli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const rest = { ...process.env };
  // The demo must take the emulator path whatever the developer's shell holds.
  for (const name of [
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_BASE_URL",
    "GEMINI_API_KEY",
    "GOOGLE_API_KEY",
    "GOOGLE_GEMINI_BASE_URL",
    "MISTRAL_API_KEY",
    "MISTRAL_BASE_URL",
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_ENDPOINT",
    "GROQ_API_KEY",
    "GROQ_BASE_URL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "GOOGLE_CLOUD_PROJECT",
    "GOOGLE_CLOUD_LOCATION",
    "GOOGLE_VERTEX_BASE_URL",
    "VERTEX_GCS_URI",
    "TOGETHER_API_KEY",
    "TOGETHER_BASE_URL",
  ]) {
    delete rest[name];
  }
  return spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: root,
    env: { ...rest, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("structured-batch CLI", () => {
  it("demo runs the quick start on the embedded emulator when no key is set", async () => {
    const { code, stdout } = await finish(cli(["demo"]));
    expect(stdout).toContain(
      "OPENAI_API_KEY not set: running the quick start for openai/gpt-4o-mini on the embedded emulator at http://127.0.0.1:",
    );
    expect(stdout).toMatch(/Buffer size: \d+ bytes, 3 requests/);
    expect(stdout).toContain("Total results: 3");
    expect(stdout).toContain("Successful: 3");
    expect(stdout).toContain("Errors: 0");
    expect(stdout).toContain("John Doe, age 25, john@example.com");
    expect(stdout).toContain("Jane Smith, age 30, jane.smith@company.com");
    expect(stdout).toContain("Bob Wilson, age 28, bob.wilson@email.com");
    expect(code).toBe(0);
  }, 60_000);

  it.each([
    ["anthropic", "ANTHROPIC_API_KEY", "anthropic/claude-haiku-4-5"],
    ["google", "GEMINI_API_KEY / GOOGLE_API_KEY", "google/gemini-2.5-flash"],
    ["mistral", "MISTRAL_API_KEY", "mistral/mistral-small-latest"],
    ["azure", "AZURE_OPENAI_API_KEY", "azure/gpt-4o-mini"],
    ["groq", "GROQ_API_KEY", "groq/llama-3.1-8b-instant"],
    [
      "bedrock",
      "AWS_ACCESS_KEY_ID / AWS_PROFILE",
      "bedrock/anthropic.claude-haiku-4-5-20251001-v1:0",
    ],
    ["vertex", "GOOGLE_CLOUD_PROJECT", "vertex/gemini-2.5-flash"],
    ["together", "TOGETHER_API_KEY", "together/meta-llama/Llama-3.3-70B-Instruct-Turbo"],
  ])(
    "demo --provider %s runs the same quick start",
    async (provider, keys, model) => {
      const { code, stdout } = await finish(cli(["demo", "--provider", provider]));
      expect(stdout).toContain(
        `${keys} not set: running the quick start for ${model} on the embedded emulator`,
      );
      expect(stdout).toContain("Successful: 3");
      expect(stdout).toContain("Bob Wilson, age 28, bob.wilson@email.com");
      expect(code).toBe(0);
    },
    60_000,
  );

  it("emulator serves the OpenAI API on loopback until SIGTERM", async () => {
    const child = cli(["emulator", "--port", "0"]);
    const done = finish(child);
    const baseURL = await new Promise<string>((resolve, reject) => {
      let seen = "";
      child.stdout?.on("data", (d) => {
        seen += d;
        const match = /export OPENAI_BASE_URL=(\S+)/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
      child.on("close", () => reject(new Error(`emulator exited early: ${seen}`)));
    });
    expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const client = new OpenAI({ apiKey: "k", baseURL });
    const page = await client.batches.list({ limit: 1 });
    expect(page.data).toEqual([]);
    const anthropicBase = baseURL.replace(/\/v1$/, "");
    const anthropic = await fetch(`${anthropicBase}/v1/messages/batches`, {
      headers: { "x-api-key": "k", "anthropic-version": "2023-06-01" },
    });
    expect(anthropic.status).toBe(200);
    child.kill("SIGTERM");
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(stdout).toContain("emulator stopped");
  }, 60_000);

  it("emulator answers from a fixtures file and logs one line per request, never a key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-cli-"));
    const fixtures = join(dir, "fixtures.json");
    writeFileSync(
      fixtures,
      JSON.stringify({
        "request-0": { name: "Fixed Name", age: 99, email: "fixed@example.com" },
        "request-1": { type: "refusal", message: "No." },
      }),
    );
    const child = cli([
      "emulator",
      "--port",
      "0",
      "--responder",
      "fixtures",
      "--fixtures",
      fixtures,
    ]);
    let stderr = "";
    child.stderr?.on("data", (d) => {
      stderr += d;
    });
    const done = finish(child);
    const baseURL = await new Promise<string>((resolve) => {
      let seen = "";
      child.stdout?.on("data", (d) => {
        seen += d;
        const match = /export OPENAI_BASE_URL=(\S+)/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
    });
    const processor = new BatchProcessor("openai/gpt-4o-mini", DemoUser, {
      apiKey: "sk-secret-cli-key-123",
      baseURL,
    });
    const id = await processor.submitBatch(
      await processor.createBatchFromMessages(DEMO_CONVERSATIONS),
    );
    await processor.waitForCompletion(id, { pollIntervalMs: 50 });
    const results = await processor.getResults(id);
    const byId = Object.fromEntries(results.map((r) => [r.customId, r]));
    expect(byId["request-0"]).toMatchObject({
      success: true,
      result: { name: "Fixed Name", age: 99 },
    });
    expect(byId["request-1"]).toMatchObject({ success: false, errorType: "refusal" });
    expect(byId["request-2"]).toMatchObject({ success: true, result: { name: "Bob Wilson" } });
    const gemini = await fetch(
      `${baseURL.replace(/\/v1$/, "")}/v1beta/batches?key=AIza-secret-query-key`,
    );
    expect(gemini.status).toBe(200);
    child.kill("SIGINT");
    const { code } = await done;
    expect(code).toBe(0);
    expect(stderr).toMatch(/^POST \/v1\/files 200 \d+ms openai$/m);
    expect(stderr).toMatch(/^POST \/v1\/batches 200 \d+ms openai$/m);
    expect(stderr).toMatch(/^GET \/v1beta\/batches 200 \d+ms google$/m);
    expect(stderr).not.toContain("secret");
  }, 60_000);

  it("exits 2 on a usage error", async () => {
    const { code, stderr } = await finish(cli(["emulator", "--port", "not-a-port"]));
    expect(code).toBe(2);
    expect(stderr).toContain("must be an integer from 0 to 65535");
    const missing = await finish(cli(["emulator", "--port", "0", "--responder", "forward"]));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--responder forward needs --forward-url <url>");
  }, 60_000);
});
