import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../index.js";
import {
  chatLine,
  type OpenAIHarness,
  startOpenAIHarness,
  toJsonl,
  upload,
} from "../test-support/openai-harness.js";
import type { RequestLogEntry } from "./types.js";

const AUTH = { authorization: "Bearer k" };
// Timers may fire a little early against performance.now(); allow that, not more.
const SLACK_MS = 3;

describe("delay faults over HTTP", () => {
  let h: OpenAIHarness;
  const log: RequestLogEntry[] = [];
  beforeAll(async () => {
    h = await startOpenAIHarness({ onRequest: (entry) => log.push(entry) });
  });
  afterAll(() => h.close());

  it("holds the answer for ms of real time, the emulator clock untouched", async () => {
    h.emulator.faults.add({ fault: { type: "delay", ms: 40 } });
    const clockBefore = h.emulator.clock.now();
    const started = performance.now();
    await h.client.batches.list();
    expect(performance.now() - started).toBeGreaterThanOrEqual(40 - SLACK_MS);
    expect(h.emulator.clock.now() - clockBefore).toBeLessThan(1000);
    expect(log.at(-1)).toMatchObject({ status: 200, fault: "delay:40ms" });
    expect(log.at(-1)!.durationMs).toBeGreaterThanOrEqual(40 - SLACK_MS);
  });

  it("lets the SDK's timeout fire while the batch is created anyway", async () => {
    const file = await upload(h.client, toJsonl([chatLine("a", "Hello")]));
    const impatient = new OpenAI({
      apiKey: "k",
      baseURL: `${h.server.url}/v1`,
      maxRetries: 0,
      timeout: 30,
    });
    h.emulator.faults.add({
      match: { method: "POST", path: "/v1/batches" },
      fault: { type: "delay", ms: 300 },
    });
    const error = await impatient.batches
      .create({
        input_file_id: file.id,
        endpoint: "/v1/chat/completions",
        completion_window: "24h",
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect((await h.client.batches.list()).data).toHaveLength(1);
  });
});

describe("delay and latency in process", () => {
  it("latencyMs delays every answer, including errors", async () => {
    const log: RequestLogEntry[] = [];
    const emulator = createEmulator({ latencyMs: 25, onRequest: (e) => log.push(e) });
    const started = performance.now();
    const ok = await emulator.fetch("/v1/batches", { headers: AUTH });
    const unauthorized = await emulator.fetch("/v1/batches");
    expect([ok.status, unauthorized.status]).toEqual([200, 401]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(50 - 2 * SLACK_MS);
    for (const entry of log) expect(entry.durationMs).toBeGreaterThanOrEqual(25 - SLACK_MS);
  });

  it("a delay honours the request's signal, as fetch does", async () => {
    const emulator = createEmulator();
    emulator.faults.add({ fault: { type: "delay", ms: 5_000 } });
    const started = performance.now();
    const failure = await emulator
      .fetch("/v1/batches", { headers: AUTH, signal: AbortSignal.timeout(20) })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: "TimeoutError" });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("failRate", () => {
  async function statuses(options: { failRate: number; seed?: number }, count = 24) {
    const emulator = createEmulator(options);
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      out.push((await emulator.fetch("/v1/batches", { headers: AUTH })).status);
    }
    return { out, emulator };
  }

  it("fails the same requests with the same seed, and others with another", async () => {
    const first = await statuses({ failRate: 0.5, seed: 42 });
    const second = await statuses({ failRate: 0.5, seed: 42 });
    const other = await statuses({ failRate: 0.5, seed: 7 });
    expect(first.out).toEqual(second.out);
    expect(new Set(first.out)).toEqual(new Set([200, 503]));
    expect(other.out).not.toEqual(first.out);

    // reset() starts the sequence over.
    first.emulator.reset();
    const again: number[] = [];
    for (let i = 0; i < 24; i++) {
      again.push((await first.emulator.fetch("/v1/batches", { headers: AUTH })).status);
    }
    expect(again).toEqual(first.out);
  });

  it("answers 529 overloaded_error for Anthropic and 503 UNAVAILABLE for Gemini", async () => {
    const log: RequestLogEntry[] = [];
    const emulator = createEmulator({ failRate: 1, onRequest: (e) => log.push(e) });
    const anthropic = await emulator.fetch("/v1/messages/batches", {
      headers: { "x-api-key": "k" },
    });
    expect(anthropic.status).toBe(529);
    expect(await anthropic.json()).toMatchObject({ error: { type: "overloaded_error" } });
    const gemini = await emulator.fetch("/v1beta/batches", { headers: { "x-goog-api-key": "k" } });
    expect(gemini.status).toBe(503);
    expect(await gemini.json()).toMatchObject({ error: { code: 503, status: "UNAVAILABLE" } });
    expect(log.map((e) => e.fault)).toEqual(["failRate:529", "failRate:503"]);
  });

  it("is 0 by default and rejects values outside 0..1", () => {
    expect(() => createEmulator({ failRate: 1.5 })).toThrow(RangeError);
    expect(() => createEmulator({ failRate: Number.NaN })).toThrow(RangeError);
    expect(() => createEmulator({ latencyMs: -1 })).toThrow(RangeError);
    expect(() => createEmulator({ seed: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });
});
