import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type AnthropicHarness,
  item,
  rawFetch,
  readResults,
  startAnthropicHarness,
} from "./test-support/anthropic-harness.js";

const HOUR = 60 * 60 * 1000;
const ms = (time: string | null) => Date.parse(time!);

describe("listing, cancelling, deleting and expiring Message Batches", () => {
  let h: AnthropicHarness;
  beforeAll(async () => {
    h = await startAnthropicHarness({
      phases: { validatingMs: 1000, inProgressMs: 4000, finalizingMs: 1000, cancellingMs: 1000 },
    });
  });
  afterAll(() => h.close());
  beforeEach(() => h.emulator.reset());

  async function createMany(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const batch = await h.client.messages.batches.create({ requests: [item(`r${i}`, "hi")] });
      ids.push(batch.id);
    }
    return ids;
  }

  it("lists newest first and pages with after_id and before_id", async () => {
    const ids = await createMany(5);
    const newestFirst = [...ids].reverse();

    const first = await h.client.messages.batches.list({ limit: 2 });
    expect(first.data.map((b) => b.id)).toEqual(newestFirst.slice(0, 2));
    expect(first).toMatchObject({
      has_more: true,
      first_id: newestFirst[0],
      last_id: newestFirst[1],
    });

    const all: string[] = [];
    for await (const batch of h.client.messages.batches.list({ limit: 2 })) all.push(batch.id);
    expect(all).toEqual(newestFirst);

    const after = await h.client.messages.batches.list({ limit: 2, after_id: newestFirst[3] });
    expect(after.data.map((b) => b.id)).toEqual([newestFirst[4]]);
    expect(after.has_more).toBe(false);

    const before = await h.client.messages.batches.list({ limit: 2, before_id: newestFirst[4] });
    expect(before.data.map((b) => b.id)).toEqual(newestFirst.slice(2, 4));
    expect(before.has_more).toBe(true);
    const towardsNewest: string[] = [];
    for await (const batch of h.client.messages.batches.list({
      limit: 2,
      before_id: newestFirst[4],
    })) {
      towardsNewest.push(batch.id);
    }
    expect(towardsNewest.sort()).toEqual(newestFirst.slice(0, 4).sort());

    const everything = await h.client.messages.batches.list();
    expect(everything.data).toHaveLength(5);
    expect(everything.has_more).toBe(false);
  });

  it("rejects a limit outside 1..1000", async () => {
    for (const limit of [0, 1001]) {
      const error = await h.client.messages.batches.list({ limit }).catch((e) => e);
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
      expect(error.type).toBe("invalid_request_error");
    }
  });

  it("cancels: canceling with cancel_initiated_at, then ended with unfinished requests canceled", async () => {
    const created = await h.client.messages.batches.create({
      requests: ["a", "b", "c", "d"].map((id) => item(id, "hi")),
    });
    h.emulator.clock.advance(3000);
    const canceling = await h.client.messages.batches.cancel(created.id);
    expect(canceling.processing_status).toBe("canceling");
    // Emulated time is wall time plus the advances, so allow for the test's own running time.
    const cancelDelay = ms(canceling.cancel_initiated_at) - ms(canceling.created_at);
    expect(cancelDelay).toBeGreaterThanOrEqual(3000);
    expect(cancelDelay).toBeLessThan(3900);
    expect(canceling.request_counts).toMatchObject({ processing: 2, succeeded: 2 });
    expect(canceling.results_url).toBeNull();
    const again = await h.client.messages.batches.cancel(created.id);
    expect(again.cancel_initiated_at).toBe(canceling.cancel_initiated_at);

    h.emulator.clock.advance(1000);
    const ended = await h.client.messages.batches.retrieve(created.id);
    expect(ended.processing_status).toBe("ended");
    expect(ended.request_counts).toEqual({
      processing: 0,
      succeeded: 2,
      errored: 0,
      canceled: 2,
      expired: 0,
    });
    const rows = await readResults(h.client, created.id);
    expect(rows.filter((r) => r.result.type === "canceled")).toEqual([
      { custom_id: "c", result: { type: "canceled" } },
      { custom_id: "d", result: { type: "canceled" } },
    ]);

    const late = await h.client.messages.batches.cancel(created.id).catch((e) => e);
    expect(late).toBeInstanceOf(Anthropic.BadRequestError);
  });

  it("still reports ended when every request was canceled", async () => {
    const created = await h.client.messages.batches.create({
      requests: [item("a", "hi"), item("b", "hi")],
    });
    await h.client.messages.batches.cancel(created.id);
    h.emulator.clock.advance(1000);
    const ended = await h.client.messages.batches.retrieve(created.id);
    expect(ended.processing_status).toBe("ended");
    expect(ended.request_counts).toMatchObject({ canceled: 2, processing: 0, succeeded: 0 });
  });

  it("deletes only ended batches; a deleted batch is gone", async () => {
    const created = await h.client.messages.batches.create({ requests: [item("a", "hi")] });
    const early = await h.client.messages.batches.delete(created.id).catch((e) => e);
    expect(early).toBeInstanceOf(Anthropic.BadRequestError);
    expect(early).toMatchObject({ status: 400, type: "invalid_request_error" });
    expect(early.error.error.message).toContain("in_progress");

    h.emulator.clock.advance(6000);
    const deleted = await h.client.messages.batches.delete(created.id);
    expect(deleted).toEqual({ id: created.id, type: "message_batch_deleted" });
    await expect(h.client.messages.batches.retrieve(created.id)).rejects.toBeInstanceOf(
      Anthropic.NotFoundError,
    );
    await expect(h.client.messages.batches.delete(created.id)).rejects.toBeInstanceOf(
      Anthropic.NotFoundError,
    );
    const results = await rawFetch(h.server, `/v1/messages/batches/${created.id}/results`);
    expect(results.status).toBe(404);
    expect((await h.client.messages.batches.list()).data).toEqual([]);
  });

  it("expires after the completion window with unfinished requests expired", async () => {
    const slow = await startAnthropicHarness({
      phases: { validatingMs: 0, inProgressMs: 48 * HOUR, finalizingMs: 0, cancellingMs: 0 },
    });
    try {
      const created = await slow.client.messages.batches.create({
        requests: ["a", "b", "c", "d"].map((id) => item(id, "hi")),
      });
      // A few seconds short of the window, whatever the test's own running time.
      slow.emulator.clock.advance(24 * HOUR - 5000);
      const before = await slow.client.messages.batches.retrieve(created.id);
      expect(before.processing_status).toBe("in_progress");
      expect(before.request_counts).toMatchObject({ succeeded: 1, processing: 3 });

      slow.emulator.clock.advance(5000);
      const ended = await slow.client.messages.batches.retrieve(created.id);
      expect(ended.processing_status).toBe("ended");
      expect(ended.ended_at).toBe(ended.expires_at);
      expect(ended.request_counts).toEqual({
        processing: 0,
        succeeded: 2,
        errored: 0,
        canceled: 0,
        expired: 2,
      });
      const rows = await readResults(slow.client, created.id);
      expect(rows.slice(2)).toEqual([
        { custom_id: "c", result: { type: "expired" } },
        { custom_id: "d", result: { type: "expired" } },
      ]);
    } finally {
      await slow.close();
    }
  });
});
