import { afterEach, describe, expect, it } from "vitest";
import { createEmulator } from "../index.js";
import type { EmulatorServer } from "../types.js";
import type { BatchSnapshot, EmulatorSnapshot } from "./snapshot-types.js";
import { anthropicBatch, geminiBatch, openaiBatch, threeSdks } from "./test-support/three-sdks.js";

const KEY = "sk-emulator-secret-0123456789";
const MINUTE = 60_000;
// Long phases, so the few real milliseconds a test takes never move a batch on.
const PHASES = {
  validatingMs: MINUTE,
  inProgressMs: 6 * MINUTE,
  finalizingMs: MINUTE,
  cancellingMs: MINUTE,
};

let server: EmulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Parameters<typeof createEmulator>[0] = {}) {
  const emulator = createEmulator({ phases: PHASES, apiKeys: [KEY], ...options });
  server = await emulator.listen({ port: 0 });
  return { emulator, sdk: threeSdks(server.url, KEY) };
}

function find(state: EmulatorSnapshot, id: string): BatchSnapshot {
  const batch = state.batches.find((b) => b.id === id);
  if (!batch) throw new Error(`no batch ${id} in ${JSON.stringify(state.batches)}`);
  return batch;
}

describe("emulator.inspect", () => {
  it("shows OpenAI, Anthropic and Gemini batches through their phases as the clock advances", async () => {
    const { emulator, sdk } = await start();
    const openai = await openaiBatch(sdk.openai, ["a", "b", "c"], { run: "nightly" });
    const anthropic = await anthropicBatch(sdk.anthropic, ["a", "b", "c"]);
    const gemini = await geminiBatch(sdk.gemini, ["a", "b", "c"], "gem");

    const queued = await emulator.inspect();
    expect(queued.clock.offsetMs).toBe(0);
    expect(queued.batches.map((b) => [b.provider, b.id])).toEqual([
      ["openai", openai],
      ["anthropic", anthropic],
      ["google", gemini],
    ]);
    expect(find(queued, openai)).toMatchObject({
      status: "validating",
      phase: "queued",
      requestCount: 3,
      succeeded: 0,
      failed: 0,
      held: false,
      metadata: { run: "nightly" },
      endsAt: undefined,
    });
    expect(find(queued, anthropic)).toMatchObject({ status: "in_progress", phase: "queued" });
    expect(find(queued, gemini)).toMatchObject({
      status: "BATCH_STATE_PENDING",
      phase: "queued",
      displayName: "gem",
      model: "gemini-2.5-flash",
    });
    const created = find(queued, anthropic).createdAt;
    expect(find(queued, anthropic).startsAt).toBe(created + MINUTE);
    expect(find(queued, anthropic).endsAt).toBe(created + 8 * MINUTE);

    // One minute queued, then requests finish at 2, 4 and 6 minutes: 3 min in, one is done.
    emulator.clock.advance(4 * MINUTE);
    const running = await emulator.inspect();
    expect(running.clock.offsetMs).toBe(4 * MINUTE);
    expect(running.clock.now).toBeGreaterThanOrEqual(created + 4 * MINUTE);
    for (const id of [openai, anthropic, gemini]) {
      expect(find(running, id)).toMatchObject({ phase: "running", succeeded: 1, failed: 0 });
    }
    expect(find(running, openai)).toMatchObject({ status: "in_progress", model: "gpt-4o-mini" });
    expect(find(running, gemini).status).toBe("BATCH_STATE_RUNNING");

    emulator.clock.advance(3 * MINUTE + 30_000);
    const finalizing = await emulator.inspect();
    expect(find(finalizing, openai)).toMatchObject({ status: "finalizing", phase: "finalizing" });

    emulator.clock.advance(MINUTE);
    const done = await emulator.inspect();
    expect(find(done, openai)).toMatchObject({ status: "completed", phase: "completed" });
    expect(find(done, anthropic)).toMatchObject({ status: "ended", phase: "completed" });
    expect(find(done, gemini)).toMatchObject({ status: "BATCH_STATE_SUCCEEDED" });
    for (const b of done.batches) expect([b.succeeded, b.failed]).toEqual([3, 0]);
    // What inspect reported is what the SDKs see.
    const wire = await sdk.openai.batches.retrieve(openai);
    expect(wire.request_counts).toEqual({ total: 3, completed: 3, failed: 0 });
  });

  it("shows a hold until release, and a cancel as cancelling then cancelled", async () => {
    const { emulator, sdk } = await start();
    const held = await openaiBatch(sdk.openai, ["a", "b"]);
    const cancelled = await anthropicBatch(sdk.anthropic, ["a", "b"]);
    expect(emulator.hold(held)).toBe(true);

    emulator.clock.advance(2 * MINUTE);
    await sdk.anthropic.messages.batches.cancel(cancelled);
    const holding = await emulator.inspect();
    expect(find(holding, held)).toMatchObject({
      status: "validating",
      phase: "queued",
      held: true,
      startsAt: undefined,
      requestCount: 2,
    });
    // Held until released: it would only end by expiring, at the end of its 24 h window.
    expect(find(holding, held).endsAt).toBe(find(holding, held).expiresAt);
    expect(find(holding, cancelled)).toMatchObject({ status: "canceling", phase: "cancelling" });

    expect(emulator.release(held)).toBe(true);
    emulator.clock.advance(MINUTE);
    const later = await emulator.inspect();
    expect(find(later, held)).toMatchObject({
      status: "in_progress",
      phase: "running",
      held: false,
    });
    expect(find(later, cancelled)).toMatchObject({
      status: "ended",
      phase: "cancelled",
      succeeded: 0,
      failed: 2,
    });
  });

  it("lists the fault rules in force with what is left of them and how often each fired", async () => {
    const { emulator, sdk } = await start({
      faults: [
        {
          match: { provider: "anthropic", method: "POST" },
          skip: 1,
          times: 2,
          fault: { type: "status", status: 529 },
        },
      ],
      failRate: 0,
      latencyMs: 1,
    });
    emulator.faults.add({
      match: { path: /\/batches$/i },
      times: Number.POSITIVE_INFINITY,
      fault: { type: "delay", ms: 0 },
    });
    expect((await emulator.inspect()).faults).toEqual([
      {
        match: { provider: "anthropic", method: "POST" },
        fault: { type: "status", status: 529 },
        skipLeft: 1,
        timesLeft: 2,
        fired: 0,
      },
      {
        match: { path: "/\\/batches$/i" },
        fault: { type: "delay", ms: 0 },
        skipLeft: 0,
        timesLeft: null,
        fired: 0,
      },
    ]);
    await anthropicBatch(sdk.anthropic, ["a"]); // skipped by the first rule, delayed by the second
    await expect(anthropicBatch(sdk.anthropic, ["b"])).rejects.toMatchObject({ status: 529 });
    await openaiBatch(sdk.openai, ["a"]); // its POST /v1/batches is delayed
    const state = await emulator.inspect();
    expect(state.faults.map((f) => [f.skipLeft, f.timesLeft, f.fired])).toEqual([
      [0, 1, 1],
      [0, null, 2],
    ]);
    expect(state.transport).toEqual({ failRate: 0, latencyMs: 1 });
    // JSON-safe, and no key in it.
    const json = JSON.stringify(state);
    expect(JSON.parse(json).faults[1].timesLeft).toBeNull();
    expect(json).not.toContain(KEY);

    emulator.reset();
    const reset = await emulator.inspect();
    expect(reset.batches).toEqual([]);
    expect(reset.faults.map((f) => f.fired)).toEqual([0]);
  });

  it("looking changes nothing a client sees: the same answers with or without inspect", async () => {
    const outcomes = async (look: boolean) => {
      const { emulator, sdk } = await start();
      const id = await anthropicBatch(sdk.anthropic, ["a", "b", "c"]);
      for (let step = 0; step < 10; step++) {
        emulator.clock.advance(MINUTE);
        if (look) await emulator.inspect();
      }
      const batch = await sdk.anthropic.messages.batches.retrieve(id);
      await server?.close();
      server = undefined;
      return { ended: batch.ended_at !== null, counts: batch.request_counts };
    };
    expect(await outcomes(true)).toEqual(await outcomes(false));
  });
});
