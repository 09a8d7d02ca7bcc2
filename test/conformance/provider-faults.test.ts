// Transport faults, the same for every adapter: what is safe is retried, no batch is created
// twice, and every request still comes back exactly once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CONVERSATIONS, DemoUser } from "../../src/cli/demo.js";
import { createEmulator, type Emulator, type RequestLogEntry } from "../../src/emulator/index.js";
import { BatchProcessor, filterErrors } from "../../src/index.js";
import { CONFORMANCE_PROVIDERS, type ConformanceProvider } from "./providers.js";

const INSTANT = { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 };

describe.each(CONFORMANCE_PROVIDERS)(
  "$name under transport faults",
  (provider: ConformanceProvider) => {
    const log: RequestLogEntry[] = [];
    const ctx = {} as { emulator: Emulator; url: string; close: () => Promise<void> };
    beforeAll(async () => {
      ctx.emulator = createEmulator({ phases: INSTANT, shuffle: 3, onRequest: (e) => log.push(e) });
      const server = await ctx.emulator.listen({ port: 0 });
      ctx.url = server.url;
      ctx.close = server.close;
    });
    afterAll(async () => ctx.close());
    afterEach(() => {
      ctx.emulator.faults.clear();
      log.length = 0;
    });

    const processor = () =>
      new BatchProcessor(provider.model, DemoUser, {
        ...provider.options(ctx.url),
        ...provider.fileOptions,
      });
    const count = (match: { method?: string; path?: string | RegExp }) =>
      log.filter(
        (e) =>
          e.method === match.method &&
          (typeof match.path === "string" ? e.path === match.path : match.path?.test(e.path)),
      ).length;

    async function roundTrip(p: BatchProcessor<unknown>) {
      const id = await p.submitBatch(await p.createBatchFromMessages(DEMO_CONVERSATIONS));
      await p.waitForCompletion(id, { pollIntervalMs: 5 });
      return { id, results: await p.getResults(id) };
    }

    async function batchCount(p: BatchProcessor<unknown>) {
      return (await p.listBatches({ limit: 1000 })).length;
    }

    it("rides out a 429 storm while sending the requests", async () => {
      const p = processor();
      ctx.emulator.faults.add({
        match: provider.calls.upload,
        times: 2,
        fault: { type: "status", status: 429, retryAfterSeconds: 0.01 },
      });
      const before = await batchCount(p);
      const { results } = await roundTrip(p);
      expect(filterErrors(results)).toEqual([]);
      expect(results).toHaveLength(3);
      expect(count(provider.calls.upload)).toBeGreaterThanOrEqual(3);
      expect(await batchCount(p)).toBe(before + 1);
    });

    it("creates the batch once when the create call fails after the provider made it", async () => {
      const p = processor();
      const before = await batchCount(p);
      ctx.emulator.faults.add({
        match: provider.calls.create,
        fault: { type: "status", status: 500, when: "after" },
      });
      const { results } = await roundTrip(p);
      expect(await batchCount(p)).toBe(before + 1);
      expect(count(provider.calls.create)).toBe(1);
      expect(results.map((r) => r.customId).sort()).toEqual([
        "request-0",
        "request-1",
        "request-2",
      ]);
    });

    it("creates the batch once when the connection drops during the create answer", async () => {
      const p = processor();
      const before = await batchCount(p);
      ctx.emulator.faults.add({
        match: provider.calls.create,
        fault: { type: "reset", when: "response", afterBytes: 5 },
      });
      const { results } = await roundTrip(p);
      expect(await batchCount(p)).toBe(before + 1);
      expect(results.filter((r) => r.success)).toHaveLength(3);
    });

    it("sends again when the create call was refused before anything was made", async () => {
      const p = processor();
      const before = await batchCount(p);
      ctx.emulator.faults.add({
        match: provider.calls.create,
        fault: { type: "status", status: 503, when: "before" },
      });
      const { results } = await roundTrip(p);
      expect(await batchCount(p)).toBe(before + 1);
      expect(count(provider.calls.create)).toBe(2);
      expect(results).toHaveLength(3);
    });

    it("finishes a results download that breaks midway, with no line lost or doubled", async () => {
      const p = processor();
      const id = await p.submitBatch(await p.createBatchFromMessages(DEMO_CONVERSATIONS));
      await p.waitForCompletion(id, { pollIntervalMs: 5 });
      ctx.emulator.faults.add({
        match: provider.calls.download,
        fault: { type: "reset", when: "response", afterBytes: 700 },
      });
      const results = await p.getResults(id);
      expect(results.map((r) => r.customId).sort()).toEqual([
        "request-0",
        "request-1",
        "request-2",
      ]);
      expect(filterErrors(results)).toEqual([]);
      expect(count(provider.calls.download)).toBe(2);
    });

    it("waits out slow answers and server errors while polling", async () => {
      const p = processor();
      ctx.emulator.faults.add({ match: provider.calls.create, fault: { type: "delay", ms: 300 } });
      const id = await p.submitBatch(await p.createBatchFromMessages(DEMO_CONVERSATIONS));
      const poll = provider.calls.poll ?? { method: "GET", path: /batches\/[^/]+$/ };
      // Two server errors on the same read: it is sent again.
      ctx.emulator.faults.add({
        match: poll,
        times: 2,
        fault: {
          type: "status",
          status: provider.id === "anthropic" ? 529 : 503,
          retryAfterSeconds: 0.01,
        },
      });
      ctx.emulator.faults.add({
        match: poll,
        skip: 2,
        times: 1,
        fault: { type: "delay", ms: 300 },
      });
      const status = await p.waitForCompletion(id, { pollIntervalMs: 5 });
      expect(status.status).toBe("completed");
      expect(log.some((e) => e.fault === "delay:300ms")).toBe(true);
      expect(log.filter((e) => e.fault?.startsWith("status:5")).length).toBe(2);
    });
  },
);
