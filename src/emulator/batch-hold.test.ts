import { describe, expect, it } from "vitest";
import {
  item,
  readResults,
  startAnthropicHarness,
} from "./anthropic/test-support/anthropic-harness.js";
import { inlined, rawBatch, startGoogleHarness } from "./google/test-support/google-harness.js";
import {
  chatLine,
  readJsonl,
  startOpenAIHarness,
  submit,
  toJsonl,
  upload,
} from "./test-support/openai-harness.js";
import type { EmulatedBatch } from "./types.js";

const HOUR = 60 * 60 * 1000;
const IDS = ["a", "b", "c", "d"];
/**
 * Released after an hour, requests finish every 10 h (at 11, 21, 31 and 41 h): two of them
 * before the 24 h window closes.
 */
const SLOW = { validatingMs: 0, inProgressMs: 40 * HOUR, finalizingMs: 0, cancellingMs: 0 };

describe("OpenAI: a batch held in validating", () => {
  it("stays validating however far the clock moves, then expires with every request", async () => {
    const h = await startOpenAIHarness({ stuck: () => true });
    try {
      const batch = await submit(
        h.client,
        IDS.map((id) => chatLine(id, "hi")),
      );
      h.emulator.clock.advance(HOUR);
      const held = await h.client.batches.retrieve(batch.id);
      expect(held).toMatchObject({ status: "validating", in_progress_at: null });
      expect(held.request_counts).toEqual({ total: 0, completed: 0, failed: 0 });

      h.emulator.clock.advance(23 * HOUR);
      const expired = await h.client.batches.retrieve(batch.id);
      expect(expired).toMatchObject({
        status: "expired",
        in_progress_at: null,
        output_file_id: null,
      });
      expect(expired.expired_at).toBe(expired.expires_at);
      expect(expired.request_counts).toEqual({ total: 4, completed: 0, failed: 4 });
      const errors = await readJsonl(h.client, expired.error_file_id);
      expect(errors.map((l) => [l.custom_id, l.error.code])).toEqual(
        IDS.map((id) => [id, "batch_expired"]),
      );
    } finally {
      await h.close();
    }
  });

  it("pending for an hour, released, then expired with partial results", async () => {
    const seen: EmulatedBatch[] = [];
    const h = await startOpenAIHarness({
      phases: SLOW,
      stuck: (batch) => {
        seen.push(batch);
        return batch.metadata?.scenario === "stuck";
      },
    });
    try {
      const other = await submit(h.client, [chatLine("x", "hi")]);
      const file = await upload(h.client, toJsonl(IDS.map((id) => chatLine(id, "hi"))));
      const batch = await h.client.batches.create({
        input_file_id: file.id,
        endpoint: "/v1/chat/completions",
        completion_window: "24h",
        metadata: { scenario: "stuck" },
      });
      expect(seen.at(-1)).toEqual({
        provider: "openai",
        id: batch.id,
        requestCount: 4,
        metadata: { scenario: "stuck" },
      });
      h.emulator.clock.advance(HOUR);
      expect((await h.client.batches.retrieve(other.id)).status).toBe("in_progress");
      expect((await h.client.batches.retrieve(batch.id)).status).toBe("validating");

      expect(h.emulator.release(batch.id)).toBe(true);
      expect(h.emulator.release(batch.id)).toBe(false);
      expect((await h.client.batches.retrieve(batch.id)).status).toBe("in_progress");
      h.emulator.clock.advance(23 * HOUR);
      const expired = await h.client.batches.retrieve(batch.id);
      expect(expired.status).toBe("expired");
      expect(expired.request_counts).toEqual({ total: 4, completed: 2, failed: 2 });
      const output = await readJsonl(h.client, expired.output_file_id);
      expect(output.map((l) => l.custom_id)).toEqual(["a", "b"]);
      const errors = await readJsonl(h.client, expired.error_file_id);
      expect(errors.map((l) => [l.custom_id, l.error.code])).toEqual([
        ["c", "batch_expired"],
        ["d", "batch_expired"],
      ]);
    } finally {
      await h.close();
    }
  });

  it("hold(id) works until the batch starts; unknown ids and started batches answer false", async () => {
    const h = await startOpenAIHarness({
      phases: { validatingMs: 10 * 60 * 1000, inProgressMs: 0, finalizingMs: 0 },
    });
    try {
      const batch = await submit(h.client, [chatLine("a", "hi")]);
      expect(h.emulator.hold(batch.id)).toBe(true);
      expect(h.emulator.hold(batch.id)).toBe(true);
      h.emulator.clock.advance(HOUR);
      expect((await h.client.batches.retrieve(batch.id)).status).toBe("validating");
      expect(h.emulator.release(batch.id)).toBe(true);
      expect((await h.client.batches.retrieve(batch.id)).status).toBe("completed");
      expect(h.emulator.hold(batch.id)).toBe(false);
      expect(h.emulator.hold("batch_unknown")).toBe(false);
      expect(h.emulator.release("batch_unknown")).toBe(false);
    } finally {
      await h.close();
    }
  });
});

describe("Anthropic: a batch held with every request processing", () => {
  it("stays in_progress, then ends with every request expired", async () => {
    const h = await startAnthropicHarness({ stuck: (batch) => batch.requestCount === 4 });
    try {
      const created = await h.client.messages.batches.create({
        requests: IDS.map((id) => item(id, "hi")),
      });
      h.emulator.clock.advance(HOUR);
      const held = await h.client.messages.batches.retrieve(created.id);
      expect(held.processing_status).toBe("in_progress");
      expect(held.request_counts).toMatchObject({ processing: 4, succeeded: 0 });
      h.emulator.clock.advance(23 * HOUR);
      const ended = await h.client.messages.batches.retrieve(created.id);
      expect(ended.processing_status).toBe("ended");
      expect(ended.ended_at).toBe(ended.expires_at);
      expect(ended.request_counts).toMatchObject({ processing: 0, expired: 4 });
      const rows = await readResults(h.client, created.id);
      expect(rows.map((r) => r.result.type)).toEqual(["expired", "expired", "expired", "expired"]);
    } finally {
      await h.close();
    }
  });

  it("pending for an hour, released, then expired with partial results", async () => {
    const h = await startAnthropicHarness({ phases: SLOW, stuck: () => true });
    try {
      const created = await h.client.messages.batches.create({
        requests: IDS.map((id) => item(id, "hi")),
      });
      h.emulator.clock.advance(HOUR);
      expect(h.emulator.release(created.id)).toBe(true);
      h.emulator.clock.advance(23 * HOUR);
      const ended = await h.client.messages.batches.retrieve(created.id);
      expect(ended.processing_status).toBe("ended");
      expect(ended.request_counts).toEqual({
        processing: 0,
        succeeded: 2,
        errored: 0,
        canceled: 0,
        expired: 2,
      });
      const rows = await readResults(h.client, created.id);
      expect(rows.map((r) => [r.custom_id, r.result.type])).toEqual([
        ["a", "succeeded"],
        ["b", "succeeded"],
        ["c", "expired"],
        ["d", "expired"],
      ]);
    } finally {
      await h.close();
    }
  });

  it("can be cancelled while held", async () => {
    const h = await startAnthropicHarness({ stuck: () => true });
    try {
      const created = await h.client.messages.batches.create({ requests: [item("a", "hi")] });
      await h.client.messages.batches.cancel(created.id);
      const ended = await h.client.messages.batches.retrieve(created.id);
      expect(ended.processing_status).toBe("ended");
      expect(ended.request_counts).toMatchObject({ canceled: 1 });
      expect(h.emulator.release(created.id)).toBe(true);
      expect((await readResults(h.client, created.id))[0]!.result.type).toBe("canceled");
    } finally {
      await h.close();
    }
  });
});

describe("Gemini: a batch held in BATCH_STATE_PENDING", () => {
  it("stays pending for 47 h, then expires at 48 h with every request", async () => {
    const h = await startGoogleHarness({ stuck: () => true });
    try {
      const src = IDS.map((key) => inlined(key, "hi"));
      const job = await h.ai.batches.create({ model: "gemini-2.5-flash", src });
      h.emulator.clock.advance(47 * HOUR);
      const held = await rawBatch(h, job.name!);
      expect(held.metadata.state).toBe("BATCH_STATE_PENDING");
      expect(held.metadata.batchStats).toEqual({ requestCount: "4", pendingRequestCount: "4" });
      h.emulator.clock.advance(HOUR);
      const raw = await rawBatch(h, job.name!);
      expect(raw.metadata.state).toBe("BATCH_STATE_EXPIRED");
      const results = raw.response.inlinedResponses.inlinedResponses;
      expect(results.map((r: any) => r.error?.code)).toEqual([4, 4, 4, 4]);
    } finally {
      await h.close();
    }
  });

  it("pending for an hour, released by its bare id, then expired with partial results", async () => {
    const seen: EmulatedBatch[] = [];
    const h = await startGoogleHarness({
      phases: SLOW,
      completionWindowMs: 24 * HOUR,
      stuck: (batch) => {
        seen.push(batch);
        return batch.displayName === "stuck";
      },
    });
    try {
      const src = IDS.map((key) => inlined(key, "hi"));
      const job = await h.ai.batches.create({
        model: "gemini-2.5-flash",
        src,
        config: { displayName: "stuck" },
      });
      expect(seen).toEqual([
        { provider: "google", id: job.name, requestCount: 4, displayName: "stuck" },
      ]);
      h.emulator.clock.advance(HOUR);
      expect((await rawBatch(h, job.name!)).metadata.state).toBe("BATCH_STATE_PENDING");
      expect(h.emulator.release(job.name!.replace("batches/", ""))).toBe(true);
      expect((await rawBatch(h, job.name!)).metadata.state).toBe("BATCH_STATE_RUNNING");
      h.emulator.clock.advance(23 * HOUR);
      const raw = await rawBatch(h, job.name!);
      expect(raw.metadata.state).toBe("BATCH_STATE_EXPIRED");
      expect(raw.metadata.batchStats).toEqual({
        requestCount: "4",
        successfulRequestCount: "2",
        failedRequestCount: "2",
      });
      const results = raw.response.inlinedResponses.inlinedResponses;
      expect(results.map((r: any) => (r.response ? "ok" : r.error.code))).toEqual([
        "ok",
        "ok",
        4,
        4,
      ]);
    } finally {
      await h.close();
    }
  });
});
