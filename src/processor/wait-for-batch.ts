import { type InputIssue, InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { WaitTimeoutError } from "../errors/wait-timeout-error.js";
import { type BatchStatus, isTerminalStatus } from "../results/types.js";
import type { Logger } from "../util/logger.js";
import { sleep } from "../util/sleep.js";

/** What `onProgress` receives: the status, plus how long the wait has lasted. */
export type WaitProgress = BatchStatus & {
  /** Time since `waitForCompletion` started. */
  elapsedMs: number;
  /** Time since the request counts last moved (0 when they just did). */
  stalledForMs: number;
};

export interface WaitSettings {
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  backoffFactor?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  stallWarningMs?: number;
  onProgress?: (progress: WaitProgress) => void;
}

/**
 * Polls with exponential backoff and full jitter between `pollIntervalMs` and
 * `maxPollIntervalMs`, so thousands of waiting functions do not poll in step; warns once when
 * the counts have not moved for `stallWarningMs` (Gemini jobs are known to sit in PENDING).
 */
export async function waitForBatch<S extends BatchStatus>(
  batchId: string,
  read: () => Promise<S>,
  settings: WaitSettings,
  logger: Logger | undefined,
): Promise<S> {
  checkSettings(settings);
  const min = settings.pollIntervalMs ?? 5_000;
  const max = Math.max(min, settings.maxPollIntervalMs ?? Math.max(min, 60_000));
  const factor = settings.backoffFactor ?? 1.5;
  const stallAfter = settings.stallWarningMs ?? 30 * 60_000;
  const started = Date.now();
  let interval = min;
  let lastCounts = "";
  let lastMove = started;
  let warned = false;
  while (true) {
    settings.signal?.throwIfAborted();
    const status = await read();
    const now = Date.now();
    const counts = JSON.stringify([status.status, status.requestCounts]);
    if (counts !== lastCounts) {
      lastCounts = counts;
      lastMove = now;
      // Movement: look again soon.
      interval = min;
    }
    const stalledForMs = now - lastMove;
    settings.onProgress?.({ ...status, elapsedMs: now - started, stalledForMs });
    if (isTerminalStatus(status.status)) return status;
    if (!warned && stalledForMs >= stallAfter) {
      warned = true;
      logger?.warn?.("batch has made no progress", {
        batchId,
        status: status.rawStatus,
        stalledForMs,
      });
    }
    const elapsed = now - started;
    if (settings.timeoutMs !== undefined && elapsed >= settings.timeoutMs) {
      throw new WaitTimeoutError(batchId, settings.timeoutMs, status.status);
    }
    // Full jitter within [min, interval].
    let delay = min + Math.random() * (interval - min);
    if (settings.timeoutMs !== undefined) delay = Math.min(delay, settings.timeoutMs - elapsed);
    await sleep(Math.max(0, delay), settings.signal);
    interval = Math.min(max, interval * factor);
  }
}

/**
 * A negative, NaN or infinite interval would poll in a tight loop or never, and a factor below
 * one would shrink the interval under `pollIntervalMs`: refused before the first poll.
 */
function checkSettings(settings: WaitSettings): void {
  const issues: InputIssue[] = [];
  const durations = ["pollIntervalMs", "maxPollIntervalMs", "timeoutMs", "stallWarningMs"] as const;
  for (const name of durations) {
    const value = settings[name];
    if (value !== undefined && !(typeof value === "number" && value >= 0 && value < Infinity)) {
      issues.push({
        code: "invalid_duration",
        path: [name],
        message: `must be a finite number of milliseconds >= 0, got ${String(value)}`,
      });
    }
  }
  const factor = settings.backoffFactor;
  if (factor !== undefined && !(typeof factor === "number" && factor >= 1 && factor < Infinity)) {
    issues.push({
      code: "invalid_backoff_factor",
      path: ["backoffFactor"],
      message: `must be a finite number >= 1, got ${String(factor)}`,
    });
  }
  if (settings.onProgress !== undefined && typeof settings.onProgress !== "function") {
    issues.push({ code: "invalid_option", path: ["onProgress"], message: "must be a function" });
  }
  const signal = settings.signal as { aborted?: unknown; addEventListener?: unknown } | undefined;
  if (
    signal !== undefined &&
    (typeof signal !== "object" ||
      signal === null ||
      typeof signal.aborted !== "boolean" ||
      typeof signal.addEventListener !== "function")
  ) {
    issues.push({ code: "invalid_option", path: ["signal"], message: "must be an AbortSignal" });
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
}
