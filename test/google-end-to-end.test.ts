// The library against its own emulator over real HTTP on 127.0.0.1: the Gemini path end to end.
import { GoogleGenAI } from "@google/genai";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchBuffer } from "../src/batch/batch-buffer.js";
import { DEMO_CONVERSATIONS, DemoUser } from "../src/cli/demo.js";
import {
  createEmulator,
  type EmulatedOutcome,
  type EmulatedRequest,
} from "../src/emulator/index.js";
import {
  BatchFailedError,
  BatchNotFinishedError,
  BatchProcessor,
  filterErrors,
  filterSuccessful,
  MissingApiKeyError,
  ProviderApiError,
  resultsByCustomId,
  WaitTimeoutError,
} from "../src/index.js";
import { createGoogleProvider } from "../src/providers/google/google-provider.js";
import { useEmulatorServer } from "./support/emulator-server.js";

type Script = (request: EmulatedRequest) => EmulatedOutcome | undefined;
let script: Script = () => undefined;
afterEach(() => {
  script = () => undefined;
});

const MODEL = "gemini-2.5-flash";
const server = useEmulatorServer({ shuffle: 7, responder: (request) => script(request) });
const options = () => ({ apiKey: "test-key", baseURL: server.url });
const processor = () => new BatchProcessor(`google/${MODEL}`, DemoUser, options());
/** The adapter alone, with an inline limit low enough to send every batch as a file. */
const fileAdapter = () => createGoogleProvider(MODEL, { ...options(), inlineMaxBytes: 0 });
const conversation = (text: string) => [{ role: "user" as const, content: text }];

async function build<T>(p: BatchProcessor<T>, texts: string[], customIds?: string[]) {
  return p.createBatchFromMessages(texts.map(conversation), customIds ? { customIds } : {});
}

async function finish<T>(p: BatchProcessor<T>, id: string) {
  const status = await p.waitForCompletion(id, { pollIntervalMs: 5 });
  return { id, status, results: await p.getResults(id) };
}

describe("Gemini path on the emulator", () => {
  it("runs the quick start inline: three users extracted, typed and validated", async () => {
    const p = processor();
    const buffer = await p.createBatchFromMessages(DEMO_CONVERSATIONS, {
      filePath: null,
      maxTokens: 150,
      temperature: 0.1,
    });
    expect(buffer.requestCount).toBe(3);
    const id = await p.submitBatch(buffer, { metadata: { description: "demo" } });
    expect(id).toMatch(/^batches\//);
    const seen: string[] = [];
    const final = await p.waitForCompletion(id, {
      pollIntervalMs: 5,
      onProgress: (s) => seen.push(s.status),
    });
    expect(final).toMatchObject({
      status: "completed",
      rawStatus: "BATCH_STATE_SUCCEEDED",
      requestCounts: { total: 3, succeeded: 3, failed: 0, pending: 0 },
      metadata: { displayName: "demo" },
    });
    expect(final.completedAt).toBeInstanceOf(Date);
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
    expect(first?.raw).toMatchObject({ metadata: { key: first?.customId }, response: {} });
  });

  it("sends what it built: systemInstruction, model role, generationConfig with the JSON schema", async () => {
    const bodies: Record<string, unknown>[] = [];
    script = (request) => {
      bodies.push(request.body);
      return undefined;
    };
    const p = processor();
    const buffer = await p.createBatchFromMessages(
      [
        [
          { role: "system", content: "Extract the user." },
          { role: "user", content: "Ann Lee is 40, ann@x.io" },
          { role: "assistant", content: "Which fields?" },
          { role: "user", content: "All of them." },
        ],
      ],
      { maxTokens: 150, temperature: 0.1, seed: 3, stop: ["END"] },
    );
    await finish(p, await p.submitBatch(buffer));
    expect(bodies[0]).toEqual({
      contents: [
        { role: "user", parts: [{ text: "Ann Lee is 40, ann@x.io" }] },
        { role: "model", parts: [{ text: "Which fields?" }] },
        { role: "user", parts: [{ text: "All of them." }] },
      ],
      systemInstruction: { parts: [{ text: "Extract the user." }] },
      generationConfig: {
        maxOutputTokens: 150,
        temperature: 0.1,
        seed: 3,
        stopSequences: ["END"],
        responseMimeType: "application/json",
        responseJsonSchema: p.wireSchema,
      },
    });
  });

  it("goes through the Files API above the inline limit, results joined by key", async () => {
    const p = processor();
    const texts = Array.from({ length: 12 }, (_, i) => `Person${i} Smith is ${20 + i}, p${i}@x.io`);
    const ids = texts.map((_, i) => `item-${String.fromCharCode(97 + i)}`);
    const id = await fileAdapter().submit(await build(p, texts, ids), {});
    const { status, results } = await finish(p, id);
    expect(status.raw).toMatchObject({
      metadata: { inputConfig: { fileName: expect.stringMatching(/^files\//) } },
    });
    const order = results.map((r) => r.customId);
    expect(order).not.toEqual(ids); // the emulator shuffles, as the real services may
    expect([...order].sort()).toEqual([...ids].sort());
    const byId = resultsByCustomId(results);
    ids.forEach((key, i) => {
      const r = byId.get(key);
      expect(r?.success && r.result.age).toBe(20 + i);
    });
  });

  it("accounts for every request with the right error type on mixed outcomes", async () => {
    const outcomes: Record<string, EmulatedOutcome> = {
      ok: { type: "success", content: { name: "A B", age: 1, email: "a@b.c" } },
      http500: { type: "error", status: 500, message: "The server had an error" },
      notjson: { type: "text", text: "Sure! Here is the user: A B" },
      invalid: { type: "success", content: { name: "A B", age: "twenty", email: "a@b.c" } },
      cut: { type: "truncated", text: '{"name":"A' },
      refused: { type: "refusal" },
      blocked: { type: "refusal", blockedPrompt: true },
      late: { type: "expired" },
      stopped: { type: "cancelled" },
    };
    script = (request) => outcomes[request.customId];
    const keys = Object.keys(outcomes);
    for (const submit of ["inline", "file"] as const) {
      const p = processor();
      const buffer = await build(
        p,
        keys.map(() => "x"),
        keys,
      );
      const id =
        submit === "inline" ? await p.submitBatch(buffer) : await fileAdapter().submit(buffer, {});
      const { status, results } = await finish(p, id);
      expect(status.requestCounts.total).toBe(keys.length);
      expect(results).toHaveLength(keys.length);
      const byId = resultsByCustomId(results);
      expect(new Set(byId.keys())).toEqual(new Set(keys));
      expect(byId.get("ok")).toMatchObject({ success: true, result: { age: 1 } });
      expect(byId.get("http500")).toMatchObject({
        errorType: "provider_error",
        errorCode: "INTERNAL",
        errorMessage: "The server had an error",
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
      expect(byId.get("cut")).toMatchObject({ errorType: "truncated", text: '{"name":"A' });
      expect(byId.get("refused")).toMatchObject({ errorType: "refusal", errorCode: "SAFETY" });
      expect(byId.get("blocked")).toMatchObject({
        errorType: "refusal",
        errorMessage: expect.stringContaining("prompt was blocked"),
      });
      expect(byId.get("late")).toMatchObject({ errorType: "expired" });
      expect(byId.get("stopped")).toMatchObject({ errorType: "cancelled" });
    }
  });

  it("returns every request as an error when nothing succeeded", async () => {
    script = () => ({ type: "error", status: 400, message: "Invalid schema" });
    const p = processor();
    const { status, results } = await finish(p, await p.submitBatch(await build(p, ["a", "b"])));
    expect(status.requestCounts).toMatchObject({ total: 2, succeeded: 0, failed: 2 });
    expect(results.map((r) => [r.customId, r.success ? "ok" : r.errorType]).sort()).toEqual([
      ["request-0", "provider_error"],
      ["request-1", "provider_error"],
    ]);
  });

  it("keeps optional fields optional on the wire: no nullable rewriting, absent stays absent", async () => {
    const Person = z.object({ name: z.string(), nickname: z.string().optional() });
    script = () => ({ type: "success", content: { name: "A" } });
    const p = new BatchProcessor(`google/${MODEL}`, Person, options());
    expect(p.wireSchema).toEqual({
      type: "object",
      properties: { name: { type: "string" }, nickname: { type: "string" } },
      required: ["name"],
    });
    const { results } = await finish(p, await p.submitBatch(await build(p, ["x"])));
    expect(results[0]).toMatchObject({ success: true, result: { name: "A" } });
  });

  it("refuses results before the batch has finished, waits, and cancels", async () => {
    const slow = createEmulator({
      phases: { validatingMs: 3_600_000, inProgressMs: 1000, finalizingMs: 0, cancellingMs: 1000 },
    });
    const p = new BatchProcessor(`google/${MODEL}`, DemoUser, {
      apiKey: "k",
      baseURL: "http://emulator.local",
      fetch: slow.fetch as typeof fetch,
    });
    const id = await p.submitBatch(await build(p, ["x", "y"]));
    await expect(p.getResults(id)).rejects.toThrow(BatchNotFinishedError);
    await expect(p.getResults(id)).rejects.toThrow(
      /status is "pending" \(provider: "BATCH_STATE_PENDING"\)/,
    );
    await expect(p.waitForCompletion(id, { pollIntervalMs: 5, timeoutMs: 30 })).rejects.toThrow(
      WaitTimeoutError,
    );
    const cancelling = await p.cancelBatch(id);
    expect(["pending", "processing", "cancelled"]).toContain(cancelling.status);
    slow.clock.advance(60_000);
    const final = await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(final.status).toBe("cancelled");
    const results = await p.getResults(id);
    expect(results.map((r) => (r.success ? "ok" : r.errorType))).toEqual([
      "cancelled",
      "cancelled",
    ]);
  });

  it("surfaces a batch whose input file was rejected as BatchFailedError", async () => {
    const line = (key: string, request: unknown) => JSON.stringify({ key, request });
    const bytes = new TextEncoder().encode(
      `${line("a", { contents: [] })}\n${line("b", "oops")}\n`,
    );
    const bad = new BatchBuffer({
      provider: "google",
      model: MODEL,
      customIds: ["a", "b"],
      chunks: [bytes],
    });
    const id = await fileAdapter().submit(bad, {});
    const p = processor();
    const status = await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(status.status).toBe("failed");
    expect(status.errors[0]?.code).toBe("INVALID_ARGUMENT");
    const error = await p.getResults(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchFailedError);
    expect((error as Error).message).toMatch(/Line 2/);
  });

  it("lists batches newest first across pages, and deletes a batch with its files", async () => {
    const p = processor();
    const sdk = new GoogleGenAI({
      apiKey: "k",
      httpOptions: { baseUrl: server.url, apiVersion: "v1beta" },
    });
    for (let i = 0; i < 101; i++) {
      await sdk.batches.create({
        model: MODEL,
        src: [{ contents: [{ role: "user", parts: [{ text: "seed" }] }] }],
        config: { displayName: `seed ${i}` },
      });
    }
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await p.submitBatch(await build(p, [`n ${i}`])));
    const listed = await p.listBatches({ limit: 1000 });
    expect(listed.length).toBeGreaterThan(104);
    expect(new Set(listed.map((b) => b.id)).size).toBe(listed.length);
    expect(listed.slice(0, 3).map((b) => b.id)).toEqual([...ids].reverse());
    expect((await p.listBatches({ limit: 2 })).map((b) => b.id)).toEqual([ids[2], ids[1]]);

    const fileId = await fileAdapter().submit(await build(p, ["to delete"]), {});
    const { status } = await finish(p, fileId);
    const raw = status.raw as {
      metadata: { inputConfig: { fileName: string }; output: { responsesFile: string } };
    };
    const report = await p.deleteBatch(fileId);
    expect(report).toEqual({
      id: fileId,
      batchDeleted: true,
      deletedFiles: [raw.metadata.inputConfig.fileName, raw.metadata.output.responsesFile],
    });
    const gone = await p.getBatchStatus(fileId).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ProviderApiError);
    expect((gone as ProviderApiError).status).toBe(404);
    await expect(sdk.files.get({ name: raw.metadata.inputConfig.fileName })).rejects.toThrow();
  }, 60_000);

  it("parses a downloaded results file offline, garbage lines included", async () => {
    const good = JSON.stringify({
      key: "u1",
      response: {
        candidates: [
          {
            content: { parts: [{ text: '{"name":"A","age":3,"email":"a@b"}' }] },
            finishReason: "STOP",
          },
        ],
      },
    });
    const results = await processor().parseResults(`${good}\n\nthis is not json\n{"no":"key"}\n`);
    expect(
      results.map((r) => (r.success ? [r.customId, "ok"] : [r.customId, r.errorType])),
    ).toEqual([
      ["u1", "ok"],
      ["line-3", "malformed_line"],
      ["line-4", "malformed_line"],
    ]);
  });

  it("uses a GoogleGenAI client passed in, and an in-process fetch", async () => {
    const client = new GoogleGenAI({ apiKey: "k", httpOptions: { baseUrl: server.url } });
    const viaClient = new BatchProcessor(`google/${MODEL}`, DemoUser, { client });
    const { results } = await finish(
      viaClient,
      await viaClient.submitBatch(await build(viaClient, ["Ann Lee is 40 years old, ann@x.io"])),
    );
    expect(results[0]).toMatchObject({ success: true, result: { name: "Ann Lee", age: 40 } });
    const inProcess = new BatchProcessor(`google/${MODEL}`, DemoUser, {
      apiKey: "k",
      baseURL: "http://emulator.local",
      fetch: server.emulator.fetch as typeof fetch,
    });
    const id = await fileAdapter().submit(await build(inProcess, ["x"]), {});
    expect((await finish(inProcess, id)).results).toHaveLength(1);
  });
});

describe("credentials", () => {
  it("fails clearly without GEMINI_API_KEY, before sending anything", async () => {
    const saved = { g: process.env.GEMINI_API_KEY, o: process.env.GOOGLE_API_KEY };
    delete process.env.GEMINI_API_KEY;
    delete process.env.GOOGLE_API_KEY;
    try {
      const sdk = new GoogleGenAI({
        apiKey: "k",
        httpOptions: { baseUrl: server.url, apiVersion: "v1beta" },
      });
      const newest = async () =>
        (await sdk.batches.list({ config: { pageSize: 1 } })).page[0]?.name;
      const p = new BatchProcessor(`google/${MODEL}`, DemoUser, { baseURL: server.url });
      const before = await newest();
      const error = await p.submitBatch(await build(p, ["x"])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingApiKeyError);
      expect((error as Error).message).toContain("GEMINI_API_KEY");
      expect(await newest()).toBe(before);
    } finally {
      if (saved.g !== undefined) process.env.GEMINI_API_KEY = saved.g;
      if (saved.o !== undefined) process.env.GOOGLE_API_KEY = saved.o;
    }
  });

  it("never puts a rejected key in the error", async () => {
    const guarded = createEmulator({ apiKeys: ["the-only-valid-key"] });
    const secret = "AIzaSyTHIS-IS-A-SECRET-KEY-123456";
    const p = new BatchProcessor(`google/${MODEL}`, DemoUser, {
      apiKey: secret,
      baseURL: "http://emulator.local",
      fetch: guarded.fetch as typeof fetch,
    });
    const error = await p.submitBatch(await build(p, ["x"])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect([400, 401, 403]).toContain((error as ProviderApiError).status);
    expect((error as Error).message).toContain("create batch");
    expect(
      JSON.stringify({ m: (error as Error).message, s: (error as Error).stack }),
    ).not.toContain("SECRET-KEY");
  });
});
