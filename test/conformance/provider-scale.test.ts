// Scale without loss, the same for every adapter over real HTTP: a batch over the limits goes
// out as several provider batches under one `sbh1_` handle, and every method takes the handle;
// streamed builds; partial submissions; expiry and resubmission; batches where all failed.
import { afterEach, describe, expect, it } from "vitest";
import type { EmulatedBatch, EmulatedOutcome, EmulatedRequest } from "../../src/emulator/index.js";
import {
  type BatchBuffer,
  BatchProcessor,
  type BatchProcessorOptions,
  type BatchStatus,
  type Conversation,
  decodeBatchHandle,
  handleBatchIds,
  InvalidMessagesError,
  PartialSubmitError,
  ProviderApiError,
} from "../../src/index.js";
import { CONFORMANCE_PROVIDERS, type ConformanceProvider } from "./providers.js";
import {
  collect,
  defaultIds,
  expectEveryPersonOnce,
  idCounts,
  outcomesById,
  Person,
  personConversations,
  useServer,
} from "./scale-support.js";

const MINUTE = 60_000;
// Long enough that the wall time a test takes never moves a batch: only clock.advance does.
const SLOW = {
  validatingMs: MINUTE,
  inProgressMs: MINUTE,
  finalizingMs: MINUTE,
  cancellingMs: MINUTE,
};
const PART_SIZE = 4;
const COUNT = 25; // 6 parts of 4 and one of 1
const PART_COUNTS = [4, 4, 4, 4, 4, 4, 1];

function partsOf(handle: string) {
  expect(handle.startsWith("sbh1_")).toBe(true);
  const data = decodeBatchHandle(handle);
  expect(data).toBeDefined();
  return data!;
}

async function newBatchIds(processor: BatchProcessor<unknown>, before: Set<string>) {
  const all = await processor.listBatches({ limit: 1000 });
  return all.map((b) => b.id).filter((id) => !before.has(id));
}

async function batchIds(processor: BatchProcessor<unknown>) {
  return new Set((await processor.listBatches({ limit: 1000 })).map((b) => b.id));
}

async function* slowly(conversations: Conversation[]): AsyncGenerator<Conversation> {
  for (const c of conversations) {
    await Promise.resolve();
    yield c;
  }
}

describe.each(CONFORMANCE_PROVIDERS)("$name: a batch in parts", (provider: ConformanceProvider) => {
  let script: (request: EmulatedRequest) => EmulatedOutcome | undefined = () => undefined;
  let hold: (batch: EmulatedBatch) => boolean = () => false;
  afterEach(() => {
    script = () => undefined;
    hold = () => false;
  });
  const server = useServer({
    phases: SLOW,
    shuffle: 11,
    responder: (r) => script(r),
    stuck: (b) => hold(b),
  });
  const make = (options: BatchProcessorOptions = {}) =>
    new BatchProcessor(provider.model, Person, {
      ...provider.options(server.url),
      limits: { maxRequests: PART_SIZE },
      ...options,
    });
  /** Moves every batch past its end (SLOW: 3 minutes from creation). */
  const finishAll = () => server.emulator.clock.advance(10 * MINUTE);

  it("submits 7 provider batches under one handle that every method takes", async () => {
    const processor = make();
    const buffer = await processor.createBatchFromMessages(personConversations(COUNT), {
      maxTokens: 100,
    });
    const before = await batchIds(processor);
    const handle = await processor.submitBatch(buffer);

    const data = partsOf(handle);
    expect(data).toMatchObject({ v: 1, provider: provider.id, total: COUNT, defaultIds: true });
    expect(data.layers).toHaveLength(1);
    const parts = data.layers[0]!;
    expect(parts.map((p) => p.count)).toEqual(PART_COUNTS);
    expect(parts.map((p) => p.first)).toEqual([0, 4, 8, 12, 16, 20, 24]);
    expect(new Set(parts.map((p) => p.id)).size).toBe(7);
    // Exactly these 7 batches were created at the provider.
    expect((await newBatchIds(processor, before)).sort()).toEqual(parts.map((p) => p.id).sort());

    // The status moves as one: counts summed over the parts, each part's own status kept.
    const order = ["pending", "processing", "completed"];
    const seen: (BatchStatus & { parts?: BatchStatus[] })[] = [];
    for (let step = 0; step <= 10; step++) {
      const status = await processor.getBatchStatus(handle);
      expect(status.id).toBe(handle);
      expect(status.provider).toBe(provider.id);
      expect(status.parts?.map((p) => p.id)).toEqual(parts.map((p) => p.id));
      for (const key of ["total", "succeeded", "failed", "pending"] as const) {
        const sum = status.parts!.reduce((n, p) => n + p.requestCounts[key], 0);
        expect(status.requestCounts[key]).toBe(sum);
      }
      seen.push(status);
      server.emulator.clock.advance(20_000);
    }
    const ranks = seen.map((s) => order.indexOf(s.status));
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(seen[0]!.status).toBe(provider.hasPendingPhase ? "pending" : "processing");
    expect(seen.some((s) => s.status === "processing")).toBe(true);
    expect(seen.at(-1)!.status).toBe("completed");
    expect(seen.at(-1)!.parts!.every((p) => p.status === "completed")).toBe(true);
    // Part of the way through, some requests are done and some are not.
    expect(
      seen.some((s) => s.requestCounts.succeeded > 0 && s.requestCounts.succeeded < COUNT),
    ).toBe(true);

    const final = await processor.waitForCompletion(handle, { pollIntervalMs: 5 });
    expect(final.status).toBe("completed");
    expect(final.requestCounts).toEqual({ total: COUNT, succeeded: COUNT, failed: 0, pending: 0 });
    expect(final.completedAt).toBeInstanceOf(Date);

    const results = await processor.getResults(handle);
    expectEveryPersonOnce(results, defaultIds(COUNT));
    const usage = results.reduce((n, r) => n + (r.usage?.totalTokens ?? 0), 0);
    expect(usage).toBeGreaterThan(0);
    expect(results.summary).toEqual({
      total: COUNT,
      succeeded: COUNT,
      failed: 0,
      byErrorType: {},
      duplicateIds: [],
      unaccounted: 0,
      usage: expect.objectContaining({ totalTokens: usage }),
      // What the usage cost, at the price dataset's batch price (see test/cost-end-to-end).
      cost: expect.objectContaining({ currency: "USD", atMost: false, total: expect.any(Number) }),
    });

    const streamed = await collect(processor.streamResults(handle));
    expectEveryPersonOnce(streamed, defaultIds(COUNT));

    const report = await processor.deleteBatch(handle);
    expect(report.id).toBe(handle);
    expect(report.batchDeleted).toBe(provider.deletesBatchObject);
    if (provider.deletesBatchObject) {
      for (const part of parts) {
        const error = await processor.getBatchStatus(part.id).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ProviderApiError);
        expect((error as ProviderApiError).status).toBe(404);
      }
      expect((await newBatchIds(processor, before)).length).toBe(0);
    } else {
      // Each part's input and output file (Bedrock: and its manifest).
      const files = 7 * (provider.deletedFilesPerBatch ?? 2);
      expect(report.deletedFiles).toHaveLength(files);
      expect(new Set(report.deletedFiles).size).toBe(files);
    }
  });

  it("cancels every running part and leaves a finished one alone", async () => {
    const processor = make();
    const buffer = await processor.createBatchFromMessages(personConversations(COUNT));
    // The six parts of four wait in their first state; the last part (one request) runs.
    hold = (b) => b.requestCount === PART_SIZE;
    const handle = await processor.submitBatch(buffer);
    finishAll();
    const parts = partsOf(handle).layers[0]!;
    const running = await processor.getBatchStatus(handle);
    expect(running.status).not.toBe("completed");
    expect(running.parts!.map((p) => p.status === "completed")).toEqual([
      ...Array(6).fill(false),
      true,
    ]);

    const cancelled = await processor.cancelBatch(handle);
    expect(cancelled.id).toBe(handle);
    expect(cancelled.parts).toHaveLength(7);
    expect(cancelled.parts!.at(-1)!.status).toBe("completed");
    finishAll();
    const final = await processor.waitForCompletion(handle, { pollIntervalMs: 5 });
    expect(final.parts!.map((p) => p.status)).toEqual([...Array(6).fill("cancelled"), "completed"]);
    // One part completed, so the whole did too (with its cancelled parts in `parts`).
    expect(final.status).toBe("completed");
    expect(final.parts!.map((p) => p.id)).toEqual(parts.map((p) => p.id));

    const results = await processor.getResults(handle);
    expect(results).toHaveLength(COUNT);
    expect(outcomesById(results)).toEqual(
      Object.fromEntries(
        defaultIds(COUNT).map((id, i) => [id, i === COUNT - 1 ? "success" : "cancelled"]),
      ),
    );
    expect(results.summary).toMatchObject({
      total: COUNT,
      succeeded: 1,
      failed: COUNT - 1,
      byErrorType: { cancelled: COUNT - 1 },
      duplicateIds: [],
    });
    await processor.deleteBatch(handle);
  });

  it("hands out no result while any part still runs", async () => {
    const processor = make();
    const buffer = await processor.createBatchFromMessages(personConversations(COUNT));
    // The last part (one request) waits; the six before it finish.
    hold = (b) => b.requestCount === 1;
    const handle = await processor.submitBatch(buffer);
    hold = () => false;
    finishAll();
    const status = await processor.getBatchStatus(handle);
    expect(status.parts!.map((p) => p.status === "completed")).toEqual([
      ...Array(6).fill(true),
      false,
    ]);
    const stream = processor.streamResults(handle);
    await expect(stream.next()).rejects.toMatchObject({
      code: "batch_not_finished",
      batchId: handle,
      message: expect.stringContaining("1 of 7 parts still running"),
    });
    await expect(processor.getResults(handle)).rejects.toMatchObject({
      code: "batch_not_finished",
    });

    const last = partsOf(handle).layers[0]!.at(-1)!;
    expect(server.emulator.release(last.id)).toBe(true);
    finishAll();
    await processor.waitForCompletion(handle, { pollIntervalMs: 5 });
    expectEveryPersonOnce(await processor.getResults(handle), defaultIds(COUNT));
  });

  it("reconciles custom ids from the handle alone, or with the ids given", async () => {
    const processor = make();
    const ids = Array.from({ length: COUNT }, (_, i) => `person_${COUNT - i}-x`);
    const buffer = await processor.createBatchFromMessages(personConversations(COUNT), {
      customIds: ids,
    });
    const handle = await processor.submitBatch(buffer);
    const data = partsOf(handle);
    expect(data.defaultIds).toBe(false);
    expect(data.layers[0]!.map((p) => p.count)).toEqual(PART_COUNTS);
    finishAll();
    await processor.waitForCompletion(handle, { pollIntervalMs: 5 });

    const alone = await processor.getResults(handle);
    expectEveryPersonOnce(alone, ids);
    expect(alone.summary).toMatchObject({ total: COUNT, succeeded: COUNT, unaccounted: 0 });
    for (const options of [{ customIds: ids }, { buffer }]) {
      const results = await processor.getResults(handle, options);
      expectEveryPersonOnce(results, ids);
      expect(results.summary).toMatchObject({ total: COUNT, succeeded: COUNT, unaccounted: 0 });
      expectEveryPersonOnce(await collect(processor.streamResults(handle, options)), ids);
    }
  });

  it("submits a streamed build part by part, with custom ids from a function", async () => {
    const processor = make();
    const before = await batchIds(processor);
    const parts = await processor.createBatchFromMessages(slowly(personConversations(COUNT)), {
      stream: true,
      maxTokens: 100,
      customIds: (i) => `row_${i}`,
    });
    const sizes: number[] = [];
    async function* counted() {
      for await (const part of parts) {
        sizes.push(part.requestCount);
        yield part;
      }
    }
    const handle = await processor.submitBatch(counted());
    expect(sizes).toEqual(PART_COUNTS);
    const data = partsOf(handle);
    expect(data).toMatchObject({ total: COUNT, defaultIds: false });
    expect(data.layers[0]!.map((p) => [p.first, p.count])).toEqual(
      PART_COUNTS.map((n, k) => [k * PART_SIZE, n]),
    );
    expect(await newBatchIds(processor, before)).toHaveLength(7);
    finishAll();
    await processor.waitForCompletion(handle, { pollIntervalMs: 5 });
    const ids = Array.from({ length: COUNT }, (_, i) => `row_${i}`);
    expectEveryPersonOnce(await processor.getResults(handle), ids);
  });

  it("submits a streamed build with default ids under a handle that names them", async () => {
    const processor = make();
    const parts = await processor.createBatchFromMessages(slowly(personConversations(COUNT)), {
      stream: true,
    });
    const handle = await processor.submitBatch(parts);
    expect(partsOf(handle)).toMatchObject({ total: COUNT, defaultIds: true });
    finishAll();
    await processor.waitForCompletion(handle, { pollIntervalMs: 5 });
    const results = await processor.getResults(handle);
    expectEveryPersonOnce(results, defaultIds(COUNT));
    expectEveryPersonOnce(await collect(processor.streamResults(handle)), defaultIds(COUNT));
  });

  it("stops at a bad conversation mid-stream with a handle for the parts already created", async () => {
    const processor = make();
    const before = await batchIds(processor);
    const conversations = personConversations(COUNT);
    // Conversation 10 has no user message: parts [0-3] and [4-7] are out by then; 8 and 9 are
    // in the part being built, which is never sent.
    conversations[10] = [{ role: "system", content: "nothing to extract" }];
    const parts = await processor.createBatchFromMessages(slowly(conversations), { stream: true });
    const error = await processor.submitBatch(parts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialSubmitError);
    const partial = error as PartialSubmitError;
    expect(partial.code).toBe("partial_submit");
    expect(partial.submittedRequests).toBe(8);
    expect(partial.cause).toBeInstanceOf(InvalidMessagesError);
    expect((partial.cause as InvalidMessagesError).issues[0]!.path[0]).toBe(10);

    const data = partsOf(partial.handle!);
    expect(data).toMatchObject({ total: 8, defaultIds: true });
    expect(data.layers[0]!.map((p) => [p.first, p.count])).toEqual([
      [0, 4],
      [4, 4],
    ]);
    const created = await newBatchIds(processor, before);
    expect(created.sort()).toEqual(data.layers[0]!.map((p) => p.id).sort());

    // The handle reads what was created; the rest can be sent again from position 8.
    finishAll();
    await processor.waitForCompletion(partial.handle!, { pollIntervalMs: 5 });
    expectEveryPersonOnce(await processor.getResults(partial.handle!), defaultIds(8));
  });

  it("stops when the provider refuses a part, with a handle for the parts before it", async () => {
    const processor = make();
    const before = await batchIds(processor);
    const buffer = await processor.createBatchFromMessages(personConversations(COUNT));
    server.emulator.faults.add({
      match: provider.calls.create,
      skip: 2,
      times: 1,
      fault: { type: "status", status: 400, message: "no third batch today" },
    });
    const error = await processor.submitBatch(buffer).catch((e: unknown) => e);
    server.emulator.faults.clear();
    expect(error).toBeInstanceOf(PartialSubmitError);
    const partial = error as PartialSubmitError;
    expect(partial.submittedRequests).toBe(8);
    expect(partial.cause).toBeInstanceOf(ProviderApiError);
    expect((partial.cause as ProviderApiError).status).toBe(400);
    const data = partsOf(partial.handle!);
    expect(data).toMatchObject({ total: 8, defaultIds: true });
    expect((await newBatchIds(processor, before)).sort()).toEqual(
      data.layers[0]!.map((p) => p.id).sort(),
    );
    finishAll();
    await processor.waitForCompletion(partial.handle!, { pollIntervalMs: 5 });
    expectEveryPersonOnce(await processor.getResults(partial.handle!), defaultIds(8));
  });

  it("fails a stream that is bad in its first part without creating anything", async () => {
    const processor = make();
    const before = await batchIds(processor);
    const conversations = personConversations(COUNT);
    conversations[2] = [];
    const parts = await processor.createBatchFromMessages(slowly(conversations), { stream: true });
    await expect(processor.submitBatch(parts)).rejects.toBeInstanceOf(InvalidMessagesError);
    expect(await newBatchIds(processor, before)).toEqual([]);
  });

  it("returns every id once as an error when every request failed (error file only)", async () => {
    script = () => ({ type: "error", status: 500, message: "overloaded here" });
    for (const limits of [{ maxRequests: PART_SIZE }, {}]) {
      const processor = make({ limits });
      const buffer = await processor.createBatchFromMessages(personConversations(COUNT));
      const id = await processor.submitBatch(buffer);
      expect(id.startsWith("sbh1_")).toBe(limits.maxRequests !== undefined);
      finishAll();
      const status = await processor.waitForCompletion(id, { pollIntervalMs: 5 });
      expect(status.requestCounts).toMatchObject({ total: COUNT, succeeded: 0, failed: COUNT });
      const results = await processor.getResults(id);
      expect(results).toHaveLength(COUNT);
      expect([...idCounts(results).keys()].sort()).toEqual(defaultIds(COUNT).sort());
      for (const r of results) {
        expect(r).toMatchObject({
          success: false,
          errorType: "provider_error",
          errorMessage: expect.stringContaining("overloaded here"),
        });
      }
      expect(results.summary).toMatchObject({
        total: COUNT,
        succeeded: 0,
        failed: COUNT,
        byErrorType: { provider_error: COUNT },
        duplicateIds: [],
        unaccounted: 0,
      });
      if (provider.id === "openai") {
        for (const part of (await processor.getBatchStatus(id)).parts ?? [status]) {
          const raw = part.raw as { output_file_id: string | null; error_file_id: string | null };
          expect(raw.output_file_id).toBeNull();
          expect(raw.error_file_id).toEqual(expect.any(String));
        }
      }
    }
  });
});

describe.each(CONFORMANCE_PROVIDERS)("$name: expiry and resubmission", (provider) => {
  const HOUR = 60 * MINUTE;
  // A batch that starts at once completes in an hour, well inside its two-hour window; one
  // held for 85 minutes runs only 35 minutes before the window closes.
  let holdNew = false;
  const sent: string[] = [];
  const server = useServer({
    phases: { validatingMs: 0, inProgressMs: HOUR, finalizingMs: 0, cancellingMs: 0 },
    completionWindowMs: 2 * HOUR,
    shuffle: 5,
    stuck: () => holdNew,
    responder: (request) => {
      sent.push(request.customId);
      return undefined;
    },
  });

  async function expireHalf(processor: BatchProcessor<Person>, count: number) {
    const buffer = await processor.createBatchFromMessages(personConversations(count));
    holdNew = true;
    const id = await processor.submitBatch(buffer);
    holdNew = false;
    server.emulator.clock.advance(85 * MINUTE);
    const ids = handleBatchIds(id);
    for (const part of ids) expect(server.emulator.release(part)).toBe(true);
    server.emulator.clock.advance(HOUR);
    return { buffer, id };
  }

  async function resubmitAndCheck(
    processor: BatchProcessor<Person>,
    id: string,
    buffer: BatchBuffer,
    expired: string[],
  ) {
    const before = await batchIds(processor);
    sent.length = 0;
    const retried = await processor.resubmitFailed(id, { buffer });
    const data = partsOf(retried);
    expect(data.layers).toHaveLength(2);
    expect(data.layers[1]!.reduce((n, p) => n + p.count, 0)).toBe(expired.length);
    expect((await newBatchIds(processor, before)).sort()).toEqual(
      data.layers[1]!.map((p) => p.id).sort(),
    );
    server.emulator.clock.advance(2 * HOUR);
    const status = await processor.waitForCompletion(retried, { pollIntervalMs: 5 });
    expect(status.status).toBe("completed");
    // Counted per request, not per round: a retried request that succeeded is no longer failed.
    expect(status.requestCounts).toEqual({
      total: buffer.requestCount,
      succeeded: buffer.requestCount,
      failed: 0,
      pending: 0,
    });
    expect(status.parts).toHaveLength(data.layers.flat().length);
    // Only the expired requests were sent again.
    expect([...sent].sort()).toEqual([...expired].sort());

    const results = await processor.getResults(retried);
    expectEveryPersonOnce(results, defaultIds(buffer.requestCount));
    expect(results.summary).toMatchObject({
      total: buffer.requestCount,
      succeeded: buffer.requestCount,
      failed: 0,
      duplicateIds: [],
    });
    expectEveryPersonOnce(await collect(processor.streamResults(retried)), buffer.customIds);
    // Nothing left to send: the same handle back, and no new batch.
    const again = await processor.resubmitFailed(retried, { buffer });
    expect(again).toBe(retried);
  }

  // Anthropic ends every batch as `ended`; one in which some requests ran maps to completed.
  const expiredStatus = provider.id === "anthropic" ? "completed" : "expired";

  it("expires half of a batch, then resubmits only the expired requests", async () => {
    const processor = new BatchProcessor(provider.model, Person, provider.options(server.url));
    const { buffer, id } = await expireHalf(processor, 8);
    expect(id.startsWith("sbh1_")).toBe(false);
    const status = await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(status.status).toBe(expiredStatus);
    const results = await processor.getResults(id);
    // Eight requests over an hour: four finish in the 35 minutes.
    const expired = ["request-4", "request-5", "request-6", "request-7"];
    expect(outcomesById(results)).toEqual(
      Object.fromEntries(
        defaultIds(8).map((rid) => [rid, expired.includes(rid) ? "expired" : "success"]),
      ),
    );
    expect(results.summary).toMatchObject({ succeeded: 4, byErrorType: { expired: 4 } });
    await resubmitAndCheck(processor, id, buffer, expired);
  });

  it("expires half of every part of a handle, then resubmits the expired ones", async () => {
    const processor = new BatchProcessor(provider.model, Person, {
      ...provider.options(server.url),
      limits: { maxRequests: PART_SIZE },
    });
    const { buffer, id } = await expireHalf(processor, 20);
    const status = await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(status.parts).toHaveLength(5);
    expect(status.parts!.every((p) => p.status === expiredStatus)).toBe(true);
    expect(status.status).toBe(expiredStatus);
    const results = await processor.getResults(id);
    // Four requests a part over an hour: two finish in the 35 minutes.
    const expired = defaultIds(20).filter((_, i) => i % 4 >= 2);
    expect(outcomesById(results)).toEqual(
      Object.fromEntries(
        defaultIds(20).map((rid) => [rid, expired.includes(rid) ? "expired" : "success"]),
      ),
    );
    expect(results).toHaveLength(20);
    await resubmitAndCheck(processor, id, buffer, expired);
  });
});
