// The library against its own emulator over real HTTP on 127.0.0.1: the Anthropic path end to end.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_CONVERSATIONS, DemoUser } from "../src/cli/demo.js";
import {
  createEmulator,
  type EmulatedOutcome,
  type EmulatedRequest,
} from "../src/emulator/index.js";
import {
  BatchNotFinishedError,
  BatchProcessor,
  filterErrors,
  filterSuccessful,
  InvalidArgumentError,
  MissingApiKeyError,
  ProviderApiError,
  resultsByCustomId,
  StructuredBatchError,
} from "../src/index.js";
import { useEmulatorServer } from "./support/emulator-server.js";

type Script = (request: EmulatedRequest) => EmulatedOutcome | undefined;
let script: Script = () => undefined;
afterEach(() => {
  script = () => undefined;
});

const server = useEmulatorServer({ responder: (request) => script(request) });
// Anthropic's baseURL has no /v1: the SDK's paths start with it.
const processor = (options: { logger?: { warn: (m: string) => void } } = {}) =>
  new BatchProcessor("anthropic/claude-haiku-4-5", DemoUser, {
    apiKey: "test-key",
    baseURL: server.url,
    ...options,
  });
const sdk = () => new Anthropic({ apiKey: "k", baseURL: server.url });
const conversation = (text: string) => [{ role: "user" as const, content: text }];

async function runToResults<T>(p: BatchProcessor<T>, texts: string[], customIds?: string[]) {
  const buffer = await p.createBatchFromMessages(texts.map(conversation), {
    maxTokens: 200,
    ...(customIds && { customIds }),
  });
  const id = await p.submitBatch(buffer);
  const status = await p.waitForCompletion(id, { pollIntervalMs: 5 });
  return { id, status, results: await p.getResults(id) };
}

describe("Anthropic path on the emulator", () => {
  it("runs the quick start: three users extracted, typed and validated", async () => {
    const p = processor();
    const buffer = await p.createBatchFromMessages(DEMO_CONVERSATIONS, {
      filePath: null,
      maxTokens: 150,
      temperature: 0.1,
    });
    expect(buffer.requestCount).toBe(3);
    const id = await p.submitBatch(buffer, { metadata: { description: "demo" } });
    expect(id).toMatch(/^msgbatch_/);
    const seen: string[] = [];
    const final = await p.waitForCompletion(id, {
      pollIntervalMs: 5,
      onProgress: (s) => seen.push(s.rawStatus),
    });
    expect(final).toMatchObject({
      status: "completed",
      rawStatus: "ended",
      requestCounts: { total: 3, succeeded: 3, failed: 0, pending: 0 },
      metadata: undefined,
    });
    expect(seen.at(-1)).toBe("ended");
    const results = await p.getResults(id);
    expect(filterErrors(results)).toEqual([]);
    const byId = resultsByCustomId(results);
    expect(byId.get("request-0")).toMatchObject({
      success: true,
      result: { name: "John Doe", age: 25, email: "john@example.com" },
    });
    expect(byId.get("request-1")).toMatchObject({
      result: { name: "Jane Smith", age: 30, email: "jane.smith@company.com" },
    });
    expect(byId.get("request-2")).toMatchObject({
      result: { name: "Bob Wilson", age: 28, email: "bob.wilson@email.com" },
    });
    const first = filterSuccessful(results)[0];
    expect(first?.usage?.totalTokens).toBeGreaterThan(0);
    expect(first?.raw).toMatchObject({ result: { type: "succeeded" } });
  });

  it("sends forced tool use, max_tokens, system and stop_sequences; omits temperature with a warning", async () => {
    const bodies: Record<string, unknown>[] = [];
    script = (request) => {
      bodies.push(request.body);
      return undefined;
    };
    const logged: string[] = [];
    const p = processor({ logger: { warn: (m) => logged.push(m) } });
    const buffer = await p.createBatchFromMessages(
      [[{ role: "system", content: "Extract." }, ...conversation("Ann Lee is 40, ann@x.io")]],
      { maxTokens: 150, temperature: 0.1, stop: "###" },
    );
    expect(buffer.warnings).toEqual([
      expect.stringMatching(/^temperature is not sent to Anthropic/),
    ]);
    expect(buffer.warnings[0]).toContain("providerOptions: { anthropic: { temperature: 0.1 } }");
    expect(logged).toEqual(buffer.warnings);
    const id = await p.submitBatch(buffer);
    await p.waitForCompletion(id, { pollIntervalMs: 5 });
    const results = await p.getResults(id);
    expect(results[0]).toMatchObject({ success: true, result: { name: "Ann Lee", age: 40 } });
    expect(bodies[0]).toMatchObject({
      model: "claude-haiku-4-5",
      max_tokens: 150,
      system: "Extract.",
      stop_sequences: ["###"],
      tools: [
        { name: "response", input_schema: { type: "object", required: ["name", "age", "email"] } },
      ],
      tool_choice: { type: "tool", name: "response" },
    });
    expect(bodies[0]).not.toHaveProperty("temperature");
  });

  it("shows why: a temperature forced through providerOptions is rejected under 2026-10-21", async () => {
    const p = processor();
    const buffer = await p.createBatchFromMessages([conversation("x")], {
      maxTokens: 50,
      providerOptions: { anthropic: { temperature: 0.1 } },
    });
    expect(buffer.warnings).toEqual([]);
    const id = await p.submitBatch(buffer);
    await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(await p.getResults(id)).toEqual([
      expect.objectContaining({
        errorType: "provider_error",
        errorCode: "invalid_request_error",
        statusCode: 400,
        errorMessage: expect.stringContaining("temperature"),
      }),
    ]);
  });

  it("sends a default max_tokens when maxTokens is absent, and warns", async () => {
    const bodies: Record<string, unknown>[] = [];
    script = (request) => {
      bodies.push(request.body);
      return undefined;
    };
    const p = processor();
    const buffer = await p.createBatchFromMessages([conversation("Ann Lee is 40, ann@x.io")]);
    expect(buffer.warnings).toEqual([expect.stringContaining("4096 is sent")]);
    await p.waitForCompletion(await p.submitBatch(buffer), { pollIntervalMs: 5 });
    expect(bodies[0]?.max_tokens).toBe(4096);
  });

  it("accounts for every request with the right error type on mixed outcomes", async () => {
    const outcomes: Record<string, EmulatedOutcome> = {
      ok: { type: "success", content: { name: "A B", age: 1, email: "a@b.c" } },
      overloaded: {
        type: "error",
        status: 529,
        errorType: "overloaded_error",
        message: "Overloaded",
      },
      notjson: { type: "text", text: "Sure! Here is the user: A B" },
      invalid: { type: "success", content: { name: "A B", age: "twenty", email: "a@b.c" } },
      cut: { type: "truncated" },
      refused: { type: "refusal", message: "I can't help with that." },
      late: { type: "expired" },
      stopped: { type: "cancelled" },
    };
    script = (request) => outcomes[request.customId];
    const ids = Object.keys(outcomes);
    const { status, results } = await runToResults(
      processor(),
      ids.map(() => "x"),
      ids,
    );
    expect(status.status).toBe("completed");
    expect(results).toHaveLength(ids.length);
    const byId = resultsByCustomId(results);
    expect(new Set(byId.keys())).toEqual(new Set(ids));
    expect(byId.get("ok")).toMatchObject({ success: true, result: { age: 1 } });
    expect(byId.get("overloaded")).toMatchObject({
      success: false,
      errorType: "provider_error",
      errorCode: "overloaded_error",
      statusCode: 529,
      errorMessage: "Overloaded",
    });
    expect(byId.get("notjson")).toMatchObject({
      errorType: "parse_error",
      text: "Sure! Here is the user: A B",
    });
    expect(byId.get("invalid")).toMatchObject({
      errorType: "validation_error",
      value: { age: "twenty" },
      issues: [expect.objectContaining({ path: ["age"] })],
    });
    expect(byId.get("cut")).toMatchObject({ errorType: "truncated", errorCode: "max_tokens" });
    expect(byId.get("refused")).toMatchObject({
      errorType: "refusal",
      errorMessage: "I can't help with that.",
    });
    expect(byId.get("late")).toMatchObject({ errorType: "expired" });
    expect(byId.get("stopped")).toMatchObject({ errorType: "cancelled" });
  });

  it("returns every request as an error when nothing succeeded", async () => {
    script = () => ({ type: "error", status: 400, message: "Invalid schema" });
    const { status, results } = await runToResults(processor(), ["a", "b", "c"]);
    expect(status.requestCounts).toMatchObject({ total: 3, succeeded: 0, failed: 3 });
    expect(results.map((r) => [r.customId, r.success ? "ok" : r.errorType]).sort()).toEqual([
      ["request-0", "provider_error"],
      ["request-1", "provider_error"],
      ["request-2", "provider_error"],
    ]);
  });

  it("refuses results and deletion before the end; cancels through canceling to cancelled", async () => {
    const slow = useSlowServer();
    const p = new BatchProcessor("anthropic/claude-haiku-4-5", DemoUser, {
      apiKey: "k",
      fetch: slow.fetch,
      baseURL: "http://emulator.local",
    });
    const id = await p.submitBatch(
      await p.createBatchFromMessages([conversation("x"), conversation("y")], { maxTokens: 10 }),
    );
    await expect(p.getResults(id)).rejects.toThrow(BatchNotFinishedError);
    await expect(p.getResults(id)).rejects.toThrow(
      /status is "processing" \(provider: "in_progress"\)/,
    );
    const running = await p.deleteBatch(id).catch((e: unknown) => e);
    expect(running).toBeInstanceOf(StructuredBatchError);
    expect((running as StructuredBatchError).code).toBe("batch_running");
    const cancelling = await p.cancelBatch(id);
    expect(cancelling).toMatchObject({ rawStatus: "canceling", status: "processing" });
    slow.emulator.clock.advance(60_000);
    const final = await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(final).toMatchObject({ status: "cancelled", rawStatus: "ended" });
    const results = await p.getResults(id);
    expect(results.map((r) => [r.customId, r.success ? "ok" : r.errorType]).sort()).toEqual([
      ["request-0", "cancelled"],
      ["request-1", "cancelled"],
    ]);
  });

  it("lists batches newest first, and deletes an ended batch for good", async () => {
    const p = processor();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        await p.submitBatch(
          await p.createBatchFromMessages([conversation(`n ${i}`)], { maxTokens: 10 }),
        ),
      );
    }
    const listed = await p.listBatches({ limit: 1000 });
    expect(new Set(listed.map((b) => b.id)).size).toBe(listed.length);
    expect(listed.slice(0, 3).map((b) => b.id)).toEqual([...ids].reverse());
    expect((await p.listBatches({ limit: 2 })).map((b) => b.id)).toEqual([ids[2], ids[1]]);

    await p.waitForCompletion(ids[0]!, { pollIntervalMs: 5 });
    expect(await p.deleteBatch(ids[0]!)).toEqual({
      id: ids[0],
      batchDeleted: true,
      deletedFiles: [],
    });
    await expect(sdk().messages.batches.retrieve(ids[0]!)).rejects.toThrow(Anthropic.NotFoundError);
    const gone = await p.getBatchStatus(ids[0]!).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ProviderApiError);
    expect((gone as ProviderApiError).status).toBe(404);
  });

  it("checks custom ids against Anthropic's rule when the batch is built", async () => {
    const p = processor();
    const before = (await sdk().messages.batches.list({ limit: 1 })).data[0]?.id;
    for (const bad of ["has space", "dots.not.allowed", "x".repeat(65)]) {
      await expect(
        p.createBatchFromMessages([conversation("a")], { customIds: [bad], maxTokens: 5 }),
      ).rejects.toThrow(InvalidArgumentError);
    }
    const error = await p
      .createBatchFromMessages([conversation("a")], { customIds: ["user.1"] })
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain("customIds[0]");
    expect((await sdk().messages.batches.list({ limit: 1 })).data[0]?.id).toBe(before);
    const { results } = await runToResults(p, ["x"], ["user_1-A"]);
    expect(results[0]?.customId).toBe("user_1-A");
  });

  it("writes a batch file and submits it from the path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-"));
    const path = join(dir, "batch.jsonl");
    const p = processor();
    expect(
      await p.createBatchFromMessages(DEMO_CONVERSATIONS, { filePath: path, maxTokens: 150 }),
    ).toBe(path);
    const inMemory = await p.createBatchFromMessages(DEMO_CONVERSATIONS, { maxTokens: 150 });
    expect(readFileSync(path, "utf8")).toBe(inMemory.text());
    const id = await p.submitBatch(path);
    await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(filterSuccessful(await p.getResults(id))).toHaveLength(3);
    expect(existsSync(path)).toBe(true);
  });

  it("parses a downloaded results file offline, garbage lines included", async () => {
    const good = JSON.stringify({
      custom_id: "u1",
      result: {
        type: "succeeded",
        message: {
          content: [
            {
              type: "tool_use",
              id: "t",
              name: "response",
              input: { name: "A", age: 3, email: "a@b" },
            },
          ],
          stop_reason: "tool_use",
          usage: { input_tokens: 3, output_tokens: 4 },
        },
      },
    });
    const results = await processor().parseResults(`${good}\n\nthis is not json\n{"no":"id"}\n`);
    expect(
      results.map((r) => (r.success ? [r.customId, "ok"] : [r.customId, r.errorType])),
    ).toEqual([
      ["u1", "ok"],
      ["line-3", "malformed_line"],
      ["line-4", "malformed_line"],
    ]);
  });

  it("uses a client passed in, and an in-process fetch", async () => {
    const viaClient = new BatchProcessor("anthropic/claude-haiku-4-5", DemoUser, { client: sdk() });
    const { results } = await runToResults(viaClient, ["Ann Lee is 40 years old, ann@x.io"]);
    expect(results[0]).toMatchObject({ success: true, result: { name: "Ann Lee", age: 40 } });
    const inProcess = new BatchProcessor("anthropic/claude-haiku-4-5", DemoUser, {
      apiKey: "k",
      baseURL: "http://emulator.local",
      fetch: server.emulator.fetch,
    });
    expect((await runToResults(inProcess, ["x"])).results).toHaveLength(1);
  });
});

describe("credentials", () => {
  it("fails clearly without ANTHROPIC_API_KEY, before sending anything", async () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      const p = new BatchProcessor("anthropic/claude-haiku-4-5", DemoUser, { baseURL: server.url });
      const buffer = await p.createBatchFromMessages([conversation("x")], { maxTokens: 5 });
      const before = (await sdk().messages.batches.list({ limit: 1 })).data[0]?.id;
      const error = await p.submitBatch(buffer).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingApiKeyError);
      expect((error as Error).message).toContain("ANTHROPIC_API_KEY");
      expect((await sdk().messages.batches.list({ limit: 1 })).data[0]?.id).toBe(before);
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });

  it("never puts a rejected key in the error", async () => {
    const guarded = createEmulator({ apiKeys: ["the-only-valid-key"] });
    const secret = "sk-ant-api03-THIS-IS-A-SECRET-KEY-123456";
    const p = new BatchProcessor("anthropic/claude-haiku-4-5", DemoUser, {
      apiKey: secret,
      baseURL: "http://emulator.local",
      fetch: guarded.fetch as typeof fetch,
    });
    const error = await p
      .submitBatch(await p.createBatchFromMessages([conversation("x")], { maxTokens: 5 }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect((error as ProviderApiError).status).toBe(401);
    expect((error as Error).message).toContain("create batch");
    expect(
      JSON.stringify({ message: (error as Error).message, stack: (error as Error).stack }),
    ).not.toContain("SECRET-KEY");
  });
});

function useSlowServer() {
  // Real-time phases: the batch stays queued (in_progress) until the clock is advanced.
  const emulator = createEmulator({
    phases: { validatingMs: 3_600_000, inProgressMs: 1000, finalizingMs: 1000, cancellingMs: 1000 },
  });
  return { emulator, fetch: emulator.fetch as typeof fetch };
}
