// One scenario file, run over every provider adapter against the emulator over real HTTP (the
// Hono way: the same assertions for every implementation of the interface).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { DEMO_CONVERSATIONS, DemoUser } from "../../src/cli/demo.js";
import {
  createEmulator,
  type EmulatedOutcome,
  type EmulatedRequest,
  type Emulator,
  type EmulatorOptions,
} from "../../src/emulator/index.js";
import {
  BatchProcessor,
  type BatchResult,
  filterErrors,
  ProviderApiError,
  resultsByCustomId,
} from "../../src/index.js";
import { CONFORMANCE_PROVIDERS, type ConformanceProvider } from "./providers.js";

const INSTANT = { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 };
const conversation = (text: string) => [{ role: "user" as const, content: text }];

function useServer(options: EmulatorOptions) {
  const ctx = {} as { emulator: Emulator; url: string };
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ctx.emulator = createEmulator(options);
    const server = await ctx.emulator.listen({ port: 0 });
    ctx.url = server.url;
    close = server.close;
  });
  afterAll(async () => close?.());
  return ctx;
}

function summary(results: BatchResult<unknown>[]) {
  return Object.fromEntries(
    [...resultsByCustomId(results)].map(([id, r]) => [id, r.success ? "success" : r.errorType]),
  );
}

describe.each(CONFORMANCE_PROVIDERS)("$id adapter", (provider: ConformanceProvider) => {
  let script: (request: EmulatedRequest) => EmulatedOutcome | undefined = () => undefined;
  afterEach(() => {
    script = () => undefined;
  });
  const server = useServer({ phases: INSTANT, shuffle: 7, responder: (r) => script(r) });
  const make = <T>(schema: z.ZodType<T>) =>
    new BatchProcessor(provider.model, schema, provider.options(server.url));

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
    const id = await processor.submitBatch(buffer, { metadata: { description: "conformance" } });
    const status = await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(status).toMatchObject({ id, provider: provider.id, status: "completed" });
    expect(status.requestCounts).toMatchObject({ total: 3, succeeded: 3, failed: 0, pending: 0 });
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
    const { results } = await run(
      make(DemoUser),
      ids.map(() => "x"),
      ids,
    );
    expect(results).toHaveLength(ids.length);
    expect(summary(results)).toEqual({
      ok: "success",
      failed: "provider_error",
      notjson: "parse_error",
      invalid: "validation_error",
      cut: "truncated",
      refused: "refusal",
      late: "expired",
      stopped: "cancelled",
    });
    const byId = resultsByCustomId(results);
    expect(byId.get("invalid")).toMatchObject({ value: { age: "twenty" } });
    expect(byId.get("failed")).toMatchObject({
      errorMessage: expect.stringContaining("internal failure"),
    });
  });

  it("joins results given out of input order by id", async () => {
    const texts = Array.from(
      { length: 12 },
      (_, i) => `Person${i} Smith is ${20 + i} years old, p${i}@x.io`,
    );
    const ids = texts.map((_, i) => `item-${String.fromCharCode(97 + i)}`);
    const { results } = await run(make(DemoUser), texts, ids);
    const order = results.map((r) => r.customId);
    expect([...order].sort()).toEqual([...ids].sort());
    const byId = resultsByCustomId(results);
    ids.forEach((id, i) => {
      const r = byId.get(id);
      expect(r?.success && r.result.age).toBe(20 + i);
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
    expect(all).toEqual(expect.arrayContaining(ids));

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
});

describe.each(CONFORMANCE_PROVIDERS)("$id status and cancel", (provider: ConformanceProvider) => {
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
    await processor.cancelBatch(id);
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

  it("refuses results while the batch runs, naming its status", async () => {
    const processor = make();
    const id = await processor.submitBatch(
      await processor.createBatchFromMessages(DEMO_CONVERSATIONS),
    );
    await expect(processor.getResults(id)).rejects.toMatchObject({ code: "batch_not_finished" });
  });
});
