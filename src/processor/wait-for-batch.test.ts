import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { WaitTimeoutError } from "../errors/wait-timeout-error.js";
import type { BatchStatus, BatchStatusValue } from "../results/types.js";
import { type WaitProgress, type WaitSettings, waitForBatch } from "./wait-for-batch.js";

function status(value: BatchStatusValue, succeeded: number, total = 10): BatchStatus {
  return {
    id: "batch_1",
    provider: "openai",
    status: value,
    rawStatus: `raw-${value}`,
    requestCounts: { total, succeeded, failed: 0, pending: total - succeeded },
    createdAt: undefined,
    startedAt: undefined,
    completedAt: undefined,
    expiresAt: undefined,
    errors: [],
    metadata: undefined,
    raw: {},
  };
}

/**
 * A batch that answers with `script` one read after another (the last answer repeats), and
 * notes the (fake) time of every read: the gaps between reads are the sleeps the wait chose.
 */
function scripted(script: BatchStatus[]) {
  const readAt: number[] = [];
  const read = vi.fn(async () => {
    readAt.push(Date.now());
    return script[Math.min(readAt.length - 1, script.length - 1)]!;
  });
  const gaps = () => readAt.slice(1).map((t, i) => t - readAt[i]!);
  return { read, readAt, gaps };
}

/** Runs the wait to its end on fake timers; resolves with its status or its error. */
async function run(
  read: () => Promise<BatchStatus>,
  settings: WaitSettings,
  logger?: { warn: (message: string, data?: Record<string, unknown>) => void },
): Promise<BatchStatus | unknown> {
  const outcome = waitForBatch("batch_1", read, settings, logger).then(
    (s) => s,
    (e: unknown) => e,
  );
  await vi.runAllTimersAsync();
  return outcome;
}

const still = (n: number, succeeded = 0) =>
  Array.from({ length: n }, () => status("processing", succeeded));

describe("waitForBatch", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("backs off while nothing moves, up to the longest interval, and starts over on movement", async () => {
    // The top of the jitter range, so each sleep is the interval itself.
    vi.spyOn(Math, "random").mockReturnValue(1);
    const { read, gaps } = scripted([
      ...still(6, 0),
      ...still(3, 4), // the counts moved
      status("completed", 10),
    ]);
    const final = await run(read, {
      pollIntervalMs: 100,
      maxPollIntervalMs: 1000,
      backoffFactor: 2,
    });
    expect(final).toMatchObject({ status: "completed" });
    expect(read).toHaveBeenCalledTimes(10);
    expect(gaps()).toEqual([100, 200, 400, 800, 1000, 1000, 100, 200, 400]);
  });

  it("treats a status change without new counts as movement", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const { read, gaps } = scripted([
      status("pending", 0),
      status("pending", 0),
      status("pending", 0),
      status("processing", 0),
      status("processing", 0),
      status("completed", 10),
    ]);
    await run(read, { pollIntervalMs: 100, maxPollIntervalMs: 1000, backoffFactor: 2 });
    expect(gaps()).toEqual([100, 200, 400, 100, 200]);
  });

  it("jitters each sleep between the shortest interval and the current one", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const low = scripted([...still(5), status("completed", 10)]);
    await run(low.read, { pollIntervalMs: 100, maxPollIntervalMs: 1000, backoffFactor: 2 });
    expect(low.gaps()).toEqual([100, 100, 100, 100, 100]);

    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const mid = scripted([...still(5), status("completed", 10)]);
    await run(mid.read, { pollIntervalMs: 100, maxPollIntervalMs: 1000, backoffFactor: 2 });
    expect(mid.gaps()).toEqual([100, 150, 250, 450, 550]);
  });

  it("defaults to 5 s growing by 1.5 up to 60 s", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const { read, gaps } = scripted([...still(10), status("completed", 10)]);
    await run(read, {});
    // The fake clock moves in whole milliseconds.
    expect(gaps()).toEqual([5000, 7500, 11250, 16875, 25312, 37968, 56953, 60000, 60000, 60000]);
  });

  it("never sleeps longer than pollIntervalMs when it is above the default maximum", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const { read, gaps } = scripted([...still(3), status("completed", 10)]);
    await run(read, { pollIntervalMs: 90_000 });
    expect(gaps()).toEqual([90_000, 90_000, 90_000]);
  });

  it("reports elapsed time and time without movement with every read", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const progress: WaitProgress[] = [];
    const { read } = scripted([
      status("processing", 0),
      status("processing", 0),
      status("processing", 0),
      status("processing", 5),
      status("processing", 5),
      status("completed", 10),
    ]);
    await run(read, {
      pollIntervalMs: 100,
      maxPollIntervalMs: 1000,
      backoffFactor: 2,
      onProgress: (p) => progress.push(p),
    });
    // Reads at 0, 100, 300, 700 (moved), 800, 1000 (moved).
    expect(progress.map((p) => [p.elapsedMs, p.stalledForMs])).toEqual([
      [0, 0],
      [100, 100],
      [300, 300],
      [700, 0],
      [800, 100],
      [1000, 0],
    ]);
    expect(progress.at(-1)).toMatchObject({
      status: "completed",
      requestCounts: { succeeded: 10 },
    });
  });

  it("warns once when nothing has moved for stallWarningMs", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const warn = vi.fn();
    const { read, readAt } = scripted([...still(8), status("completed", 10)]);
    await run(read, { pollIntervalMs: 100, backoffFactor: 2, stallWarningMs: 1000 }, { warn });
    expect(warn).toHaveBeenCalledTimes(1);
    // Reads at 0, 100, 300, 700, 1500, ...: the first read 1000 ms after the last movement.
    expect(warn).toHaveBeenCalledWith("batch has made no progress", {
      batchId: "batch_1",
      status: "raw-processing",
      stalledForMs: 1500,
    });
    expect(readAt[4]! - readAt[0]!).toBe(1500);
  });

  it("does not warn while the counts keep moving", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const warn = vi.fn();
    const moving = Array.from({ length: 10 }, (_, i) => status("processing", i));
    const { read } = scripted([...moving, status("completed", 10)]);
    await run(read, { pollIntervalMs: 600, stallWarningMs: 1000 }, { warn });
    expect(read).toHaveBeenCalledTimes(11);
    expect(warn).not.toHaveBeenCalled();
  });

  it("gives up after timeoutMs with WaitTimeoutError, the last sleep cut to the deadline", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const { read, readAt } = scripted(still(1));
    const error = await run(read, {
      pollIntervalMs: 100,
      maxPollIntervalMs: 10_000,
      backoffFactor: 2,
      timeoutMs: 1000,
    });
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({
      code: "wait_timeout",
      batchId: "batch_1",
      lastStatus: "processing",
    });
    expect(readAt.map((t) => t - readAt[0]!)).toEqual([0, 100, 300, 700, 1000]);
  });

  it("returns a final status read at the deadline instead of timing out", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const { read } = scripted([...still(4), status("expired", 3)]);
    const final = await run(read, { pollIntervalMs: 100, backoffFactor: 2, timeoutMs: 1000 });
    expect(final).toMatchObject({ status: "expired" });
  });

  it("returns at once when the first read is final", async () => {
    const { read } = scripted([status("cancelled", 0)]);
    expect(await run(read, { pollIntervalMs: 100 })).toMatchObject({ status: "cancelled" });
    expect(read).toHaveBeenCalledTimes(1);
  });

  it("stops with the signal's reason when aborted before it starts", async () => {
    const { read } = scripted(still(1));
    const reason = new Error("stop now");
    const controller = new AbortController();
    controller.abort(reason);
    expect(await run(read, { signal: controller.signal })).toBe(reason);
    expect(read).not.toHaveBeenCalled();
  });

  it("stops with the signal's reason when aborted while sleeping", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const { read } = scripted(still(1));
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const outcome = waitForBatch(
      "batch_1",
      read,
      { pollIntervalMs: 1000, signal: controller.signal },
      undefined,
    ).then(
      (s) => s,
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(2000); // reads at 0, 1000, then asleep until 2500
    expect(read).toHaveBeenCalledTimes(2);
    controller.abort(reason);
    expect(await outcome).toBe(reason);
    await vi.runAllTimersAsync();
    expect(read).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([
    [{ pollIntervalMs: -1 }, "pollIntervalMs"],
    [{ pollIntervalMs: Number.NaN }, "pollIntervalMs"],
    [{ maxPollIntervalMs: Number.POSITIVE_INFINITY }, "maxPollIntervalMs"],
    [{ timeoutMs: -5 }, "timeoutMs"],
    [{ stallWarningMs: Number.NaN }, "stallWarningMs"],
    [{ backoffFactor: 0.5 }, "backoffFactor"],
  ] as [WaitSettings, string][])("refuses %o before reading", async (settings, field) => {
    const { read } = scripted(still(1));
    const error = await run(read, settings);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).issues.map((i) => i.path)).toEqual([[field]]);
    expect(read).not.toHaveBeenCalled();
  });
});
