// One scenario file, run over every provider adapter against the emulator over real HTTP (the
// Hono way: the same assertions for every implementation of the interface).
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { DEMO_CONVERSATIONS, DemoUser } from "../../src/cli/demo.js";
import {
  createEmulator,
  type EmulatedOutcome,
  type EmulatedRequest,
} from "../../src/emulator/index.js";
import {
  BatchNotFinishedError,
  BatchProcessor,
  type BatchProcessorOptions,
  type BatchResult,
  type BatchStatus,
  filterErrors,
  filterSuccessful,
  InvalidMessagesError,
  MissingApiKeyError,
  ProviderApiError,
  resultsByCustomId,
  StructuredBatchError,
  WaitTimeoutError,
} from "../../src/index.js";
import {
  CONFORMANCE_PROVIDERS,
  type ConformanceProvider,
  optionsWithKey,
  optionsWithoutKey,
  sendModes,
} from "./providers.js";
import { useServer } from "./scale-support.js";

const INSTANT = { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 };
const conversation = (text: string) => [{ role: "user" as const, content: text }];

function summary(results: BatchResult<unknown>[]) {
  return Object.fromEntries(
    [...resultsByCustomId(results)].map(([id, r]) => [id, r.success ? "success" : r.errorType]),
  );
}

describe.each(CONFORMANCE_PROVIDERS)("$name adapter", (provider: ConformanceProvider) => {
  let script: (request: EmulatedRequest) => EmulatedOutcome | undefined = () => undefined;
  let requests = 0;
  afterEach(() => {
    script = () => undefined;
  });
  const server = useServer({
    phases: INSTANT,
    shuffle: 7,
    responder: (r) => script(r),
    onRequest: () => {
      requests++;
    },
  });
  const make = <T>(schema: z.ZodType<T>, options: BatchProcessorOptions = {}) =>
    new BatchProcessor(provider.model, schema, { ...provider.options(server.url), ...options });

  async function run<T>(processor: BatchProcessor<T>, texts: string[], customIds?: string[]) {
    const buffer = await processor.createBatchFromMessages(texts.map(conversation), {
      maxTokens: 200,
      ...(customIds && { customIds }),
    });
    const id = await processor.submitBatch(buffer);
    const status = await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    return { id, status, results: await processor.getResults(id) };
  }

  it("runs the seed's three-user quick start", async () => {
    const processor = make(DemoUser);
    const buffer = await processor.createBatchFromMessages(DEMO_CONVERSATIONS, {
      filePath: null,
      maxTokens: 150,
      temperature: 0.1,
    });
    expect(buffer.provider).toBe(provider.id);
    expect(buffer.requestCount).toBe(3);
    const id = await processor.submitBatch(buffer, { metadata: { description: "conformance" } });
    const seen: BatchStatus[] = [];
    const status = await processor.waitForCompletion(id, {
      pollIntervalMs: 5,
      onProgress: (s) => seen.push(s),
    });
    expect(status).toMatchObject({ id, provider: provider.id, status: "completed" });
    if (provider.endpoint) expect(status.raw).toMatchObject({ endpoint: provider.endpoint });
    expect(status.requestCounts).toMatchObject({ total: 3, succeeded: 3, failed: 0, pending: 0 });
    expect(status.completedAt).toBeInstanceOf(Date);
    // The last progress report is the status that ended the wait.
    expect(seen.at(-1)).toMatchObject({ status: "completed", rawStatus: status.rawStatus });
    const results = await processor.getResults(id);
    expect(filterErrors(results)).toEqual([]);
    const users = Object.fromEntries(
      results.map((r) => [r.customId, r.success ? r.result : undefined]),
    );
    expect(users).toEqual({
      "request-0": { name: "John Doe", age: 25, email: "john@example.com" },
      "request-1": { name: "Jane Smith", age: 30, email: "jane.smith@company.com" },
      "request-2": { name: "Bob Wilson", age: 28, email: "bob.wilson@email.com" },
    });
    expect(results.every((r) => r.success && r.usage && r.usage.totalTokens > 0)).toBe(true);
  });

  describe.each(sendModes(provider))("sent $mode", ({ options }) => {
    it("gives the same normalised result for every outcome", async () => {
      const outcomes: Record<string, EmulatedOutcome> = {
        ok: { type: "success", content: { name: "A B", age: 1, email: "a@b.c" } },
        failed: { type: "error", status: 500, message: "internal failure" },
        notjson: { type: "text", text: "Sure! The user is A B." },
        invalid: { type: "success", content: { name: "A B", age: "twenty", email: "a@b.c" } },
        cut: { type: "truncated" },
        refused: { type: "refusal", message: "I can't help with that." },
        late: { type: "expired" },
        stopped: { type: "cancelled" },
      };
      script = (request) => outcomes[request.customId];
      const ids = Object.keys(outcomes);
      const { status, results } = await run(
        make(DemoUser, options),
        ids.map(() => "x"),
        ids,
      );
      expect(status.status).toBe("completed");
      expect(status.requestCounts.total).toBe(ids.length);
      expect(results).toHaveLength(ids.length);
      expect(summary(results)).toEqual({
        ok: "success",
        failed: "provider_error",
        notjson: "parse_error",
        invalid: "validation_error",
        cut: "truncated",
        refused: provider.refusalAs ?? "refusal",
        late: "expired",
        stopped: "cancelled",
      });
      const byId = resultsByCustomId(results);
      expect(byId.get("ok")).toMatchObject({
        result: { name: "A B", age: 1, email: "a@b.c" },
      });
      expect(byId.get("invalid")).toMatchObject({
        value: { age: "twenty" },
        issues: [expect.objectContaining({ path: ["age"] })],
      });
      expect(byId.get("notjson")).toMatchObject({ text: "Sure! The user is A B." });
      expect(byId.get("failed")).toMatchObject({ errorMessage: "internal failure" });
    });

    it("joins results given out of input order by id", async () => {
      const texts = Array.from(
        { length: 12 },
        (_, i) => `Person${i} Smith is ${20 + i} years old, p${i}@x.io`,
      );
      const ids = texts.map((_, i) => `item-${String.fromCharCode(97 + i)}`);
      const { results } = await run(make(DemoUser, options), texts, ids);
      const order = results.map((r) => r.customId);
      expect([...order].sort()).toEqual([...ids].sort());
      const byId = resultsByCustomId(results);
      ids.forEach((id, i) => {
        const r = byId.get(id);
        expect(r?.success && r.result.age).toBe(20 + i);
      });
    });

    it("runs over an in-process fetch, with no server in between", async () => {
      const processor = new BatchProcessor(provider.model, DemoUser, {
        ...provider.options("http://emulator.local"),
        ...options,
        fetch: server.emulator.fetch as typeof fetch,
      });
      const { results } = await run(processor, ["Ann Lee is 40 years old, ann@x.io"]);
      expect(results).toEqual([
        expect.objectContaining({ success: true, result: expect.objectContaining({ age: 40 }) }),
      ]);
    });

    it("uses a client of the provider's own SDK passed in", async () => {
      const processor = new BatchProcessor(provider.model, DemoUser, {
        client: provider.client(server.url),
        ...provider.clientOptions?.(server.url),
        ...options,
      });
      const { results } = await run(processor, ["Ann Lee is 40 years old, ann@x.io"]);
      expect(results[0]).toMatchObject({ success: true, result: { name: "Ann Lee", age: 40 } });
    });
  });

  it("lists batches newest first and deletes a finished batch", async () => {
    const processor = make(DemoUser);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        await processor.submitBatch(
          await processor.createBatchFromMessages([conversation(`n${i}`)]),
        ),
      );
    }
    const newest = await processor.listBatches({ limit: 2 });
    expect(newest.map((b) => b.id)).toEqual([ids[2], ids[1]]);
    expect(newest.every((b) => b.provider === provider.id)).toBe(true);
    const all = (await processor.listBatches({ limit: 1000 })).map((b) => b.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.slice(0, 3)).toEqual([...ids].reverse());

    await processor.waitForCompletion(ids[0]!, { pollIntervalMs: 5 });
    const report = await processor.deleteBatch(ids[0]!);
    expect(report.id).toBe(ids[0]);
    expect(report.batchDeleted).toBe(provider.deletesBatchObject);
    if (provider.deletesBatchObject) {
      const error = await processor.getBatchStatus(ids[0]!).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderApiError);
      expect((error as ProviderApiError).status).toBe(404);
    } else {
      expect(report.deletedFiles.length).toBeGreaterThan(0);
    }
  });

  it("rejects a schema-invalid answer even when the provider returned JSON", async () => {
    const Strict = z.object({ n: z.number().int().min(10) });
    script = () => ({ type: "success", content: { n: 3 } });
    const { results } = await run(make(Strict), ["x"]);
    expect(results[0]).toMatchObject({
      success: false,
      errorType: "validation_error",
      value: { n: 3 },
    });
  });

  it("writes a batch file atomically and submits it from the path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-"));
    const path = join(dir, "batch.jsonl");
    const processor = make(DemoUser);
    const returned = await processor.createBatchFromMessages(DEMO_CONVERSATIONS, {
      filePath: path,
      maxTokens: 150,
    });
    expect(returned).toBe(path);
    expect(readdirSync(dir)).toEqual(["batch.jsonl"]); // no temporary file left
    const inMemory = await processor.createBatchFromMessages(DEMO_CONVERSATIONS, {
      maxTokens: 150,
    });
    expect(readFileSync(path, "utf8")).toBe(inMemory.text());
    const id = await processor.submitBatch(path);
    await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(filterSuccessful(await processor.getResults(id))).toHaveLength(3);
    expect(existsSync(path)).toBe(true);

    const bad = join(dir, "bad.jsonl");
    await expect(
      processor.createBatchFromMessages(
        [[{ role: "user", content: "x" }], [{ role: "bot", content: "y" }]] as never,
        { filePath: bad },
      ),
    ).rejects.toThrow(InvalidMessagesError);
    expect(existsSync(bad)).toBe(false);
  });

  it("parses a downloaded results file offline, garbage lines included", async () => {
    const results = await make(DemoUser).parseResults(
      `${provider.resultLine}\n\nthis is not json\n{"no":"id"}\n`,
    );
    expect(
      results.map((r) => (r.success ? [r.customId, r.result] : [r.customId, r.errorType])),
    ).toEqual([
      ["u1", { name: "A", age: 3, email: "a@b" }],
      ["line-3", "malformed_line"],
      ["line-4", "malformed_line"],
    ]);
  });

  it("fails clearly without an API key, before sending anything", async () => {
    const saved = provider.keyEnv.map((name) => [name, process.env[name]] as const);
    for (const name of provider.keyEnv) delete process.env[name];
    try {
      const keyless = optionsWithoutKey(provider, provider.options(server.url));
      const processor = new BatchProcessor(provider.model, DemoUser, keyless);
      const buffer = await processor.createBatchFromMessages([conversation("x")], {
        maxTokens: 5,
      });
      const before = requests;
      const error = await processor.submitBatch(buffer).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingApiKeyError);
      expect((error as Error).message).toContain(provider.keyEnv[0]);
      expect(requests).toBe(before);
    } finally {
      for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
    }
  });

  it("never puts a rejected key in the error", async () => {
    const guarded = createEmulator({ apiKeys: ["the-only-valid-key"] });
    // Every provider's key format, in case a redaction knows only its own.
    const secrets = [
      "sk-proj-THIS-IS-A-SECRET-KEY-123456",
      "sk-ant-api03-THIS-IS-A-SECRET-KEY-123456",
      "AIzaSyTHIS-IS-A-SECRET-KEY-123456",
    ];
    for (const secret of secrets) {
      const processor = new BatchProcessor(provider.model, DemoUser, {
        ...optionsWithKey(provider, provider.options("http://emulator.local"), secret),
        fetch: guarded.fetch as typeof fetch,
      });
      const error = await processor
        .submitBatch(await processor.createBatchFromMessages([conversation("x")], { maxTokens: 5 }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderApiError);
      expect((error as ProviderApiError).status).toBe(provider.rejectedKey.status);
      expect((error as Error).message).toContain(provider.rejectedKey.call);
      expect(
        JSON.stringify({ message: (error as Error).message, stack: (error as Error).stack }),
      ).not.toContain("SECRET-KEY");
    }
  });
});

describe.each(CONFORMANCE_PROVIDERS)("$name status and cancel", (provider: ConformanceProvider) => {
  const server = useServer({
    phases: { validatingMs: 1000, inProgressMs: 3000, finalizingMs: 1000, cancellingMs: 1000 },
  });
  const make = () => new BatchProcessor(provider.model, DemoUser, provider.options(server.url));

  it("normalises the status as the clock moves", async () => {
    const processor = make();
    const id = await processor.submitBatch(
      await processor.createBatchFromMessages(DEMO_CONVERSATIONS),
    );
    const seen: string[] = [];
    for (let step = 0; step < 8; step++) {
      const status = await processor.getBatchStatus(id);
      seen.push(status.status);
      expect(status.rawStatus).toEqual(expect.any(String));
      expect(status.createdAt).toBeInstanceOf(Date);
      server.emulator.clock.advance(1000);
    }
    const order = ["pending", "processing", "completed"];
    const ranks = seen.map((s) => order.indexOf(s));
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe("completed");
    expect(seen).toContain("processing");
    if (provider.hasPendingPhase) expect(seen[0]).toBe("pending");
    const final = await processor.getBatchStatus(id);
    expect(final.requestCounts).toMatchObject({ total: 3, succeeded: 3, pending: 0 });
    expect(final.completedAt).toBeInstanceOf(Date);
  });

  it("cancels: every request comes back cancelled and the batch is cancelled", async () => {
    const processor = make();
    const id = await processor.submitBatch(
      await processor.createBatchFromMessages(DEMO_CONVERSATIONS),
    );
    const cancelling = await processor.cancelBatch(id);
    expect(["pending", "processing", "cancelled"]).toContain(cancelling.status);
    server.emulator.clock.advance(10_000);
    const status = await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(status.status).toBe("cancelled");
    const results = await processor.getResults(id);
    expect(summary(results)).toEqual({
      "request-0": "cancelled",
      "request-1": "cancelled",
      "request-2": "cancelled",
    });
  });
});

describe.each(CONFORMANCE_PROVIDERS)("$name while a batch runs", (provider) => {
  // The batch stays in its first state for an hour unless the clock is advanced.
  const server = useServer({
    phases: { validatingMs: 3_600_000, inProgressMs: 1000, finalizingMs: 1000, cancellingMs: 1000 },
  });
  const make = () => new BatchProcessor(provider.model, DemoUser, provider.options(server.url));
  const submitted = async (processor: BatchProcessor<unknown>) =>
    processor.submitBatch(await processor.createBatchFromMessages(DEMO_CONVERSATIONS));

  it("refuses results and deletion while the batch runs, naming its status", async () => {
    const processor = make();
    const id = await submitted(processor);
    const status = await processor.getBatchStatus(id);
    const error = await processor.getResults(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchNotFinishedError);
    expect(error).toMatchObject({
      code: "batch_not_finished",
      message: expect.stringContaining(
        `its status is "${status.status}" (provider: "${status.rawStatus}")`,
      ),
    });
    const running = await processor.deleteBatch(id).catch((e: unknown) => e);
    expect(running).toBeInstanceOf(StructuredBatchError);
    expect((running as StructuredBatchError).code).toBe("batch_running");
  });

  it("gives up waiting at the timeout, or when the signal aborts", async () => {
    const processor = make();
    const id = await submitted(processor);
    await expect(
      processor.waitForCompletion(id, { pollIntervalMs: 5, timeoutMs: 30 }),
    ).rejects.toThrow(WaitTimeoutError);
    const controller = new AbortController();
    const waiting = processor.waitForCompletion(id, {
      pollIntervalMs: 1000,
      signal: controller.signal,
    });
    controller.abort(new Error("stop waiting"));
    await expect(waiting).rejects.toThrow("stop waiting");
  });
});
