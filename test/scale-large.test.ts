// 200,000 requests through the emulator over real HTTP: built as a stream, sent as 20 provider
// batches of 10,000 under one handle, results streamed and reconciled with a bitmap. A few
// requests are scripted to lose their result line; they must come back as `missing`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  createEmulator,
  type EmulatedRequest,
  type EmulatorServer,
} from "../src/emulator/index.js";
import { BatchProcessor, type Conversation, decodeBatchHandle } from "../src/index.js";

const TOTAL = 200_000;
const PART = 10_000;
const DROPPED = new Set(["request-0", "request-12345", "request-99999", "request-199999"]);
const Contact = z.object({ email: z.string() });

async function* conversations(): AsyncGenerator<Conversation> {
  for (let i = 0; i < TOTAL; i++) yield [{ role: "user", content: `Mail p${i}@x.io` }];
}

const PROVIDERS = [
  { model: "openai/gpt-4o-mini", path: "/v1" },
  { model: "anthropic/claude-haiku-4-5", path: "" },
];

describe.each(PROVIDERS)("200,000 requests on $model", ({ model, path }) => {
  let server: EmulatorServer;
  beforeAll(async () => {
    const emulator = createEmulator({
      phases: { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 },
      shuffle: 3,
      responder: (r: EmulatedRequest) =>
        DROPPED.has(r.customId) ? { type: "dropped" } : undefined,
    });
    server = await emulator.listen({ port: 0 });
  });
  afterAll(async () => server?.close());

  it("comes back with every id exactly once", { timeout: 180_000 }, async () => {
    const started = performance.now();
    const processor = new BatchProcessor(model, Contact, {
      apiKey: "test-key",
      baseURL: `${server.url}${path}`,
      includeRaw: false,
      limits: { maxRequests: PART },
    });
    const parts = await processor.createBatchFromMessages(conversations(), {
      stream: true,
      maxTokens: 50,
    });
    const handle = await processor.submitBatch(parts);
    const data = decodeBatchHandle(handle)!;
    expect(data).toMatchObject({ total: TOTAL, defaultIds: true });
    expect(data.layers[0]!.map((p) => p.count)).toEqual(Array(TOTAL / PART).fill(PART));
    const submittedAt = performance.now();

    const status = await processor.waitForCompletion(handle, { pollIntervalMs: 5 });
    expect(status.status).toBe("completed");
    expect(status.requestCounts).toMatchObject({ total: TOTAL, succeeded: TOTAL, pending: 0 });

    const seen = new Uint8Array(TOTAL);
    let results = 0;
    let wrong = 0;
    const missing: string[] = [];
    for await (const r of processor.streamResults(handle)) {
      results++;
      const k = Number(/^request-(\d+)$/.exec(r.customId)?.[1] ?? Number.NaN);
      if (!(k >= 0 && k < TOTAL)) {
        wrong++;
        continue;
      }
      seen[k]!++;
      if (r.success) {
        if (r.result.email !== `p${k}@x.io`) wrong++;
      } else if (r.errorType === "missing") missing.push(r.customId);
      else wrong++;
    }
    const elapsed = performance.now() - started;
    expect(wrong).toBe(0);
    expect(results).toBe(TOTAL);
    expect(seen.every((n) => n === 1)).toBe(true);
    expect(missing.sort()).toEqual([...DROPPED].sort());
    console.info(
      `${model}: ${TOTAL} requests in ${(elapsed / 1000).toFixed(1)} s ` +
        `(build + submit ${((submittedAt - started) / 1000).toFixed(1)} s)`,
    );
  });
});
