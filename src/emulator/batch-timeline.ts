import type { ResolvedPhases } from "./context.js";

/**
 * What every provider's batch shares about time. Everything is a pure function of creation
 * time, the phases, the window and the cancel time, so state can be computed lazily from the
 * clock whenever a request arrives, with timestamps that do not depend on when anyone looked.
 */
export interface BatchTimeline {
  createdAtMs: number;
  phases: ResolvedPhases;
  windowMs: number;
  cancelAtMs: number | undefined;
  /**
   * Set while the batch is held in its first state (`emulator.hold`, `stuck`): Infinity until
   * released, then the release time. Undefined for a batch never held.
   */
  heldUntilMs?: number;
}

/** How a batch ends and when. */
export type Ending =
  | { kind: "failed"; at: number }
  | { kind: "cancelled"; at: number }
  | { kind: "expired"; at: number }
  | { kind: "completed"; at: number };

export function phaseTimes(b: BatchTimeline) {
  const queuedUntil = b.createdAtMs + b.phases.validatingMs;
  // A hold only delays the start; it never moves the deadline, so a held batch still expires.
  const inProgressAt =
    b.heldUntilMs === undefined ? queuedUntil : Math.max(queuedUntil, b.heldUntilMs);
  const finalizingAt = inProgressAt + b.phases.inProgressMs;
  // Expiry cannot strike before the input would have been read.
  const expiresAt = Math.max(b.createdAtMs + b.windowMs, queuedUntil);
  return {
    inProgressAt,
    finalizingAt,
    completedAt: finalizingAt + b.phases.finalizingMs,
    expiresAt,
    /** When the input is read: as the requests start, or at expiry if held until then. */
    readAt: Math.min(inProgressAt, expiresAt),
  };
}

/** The ending of a batch whose requests run: cancelled, expired or completed. */
export function runEnding(b: BatchTimeline): Ending {
  const t = phaseTimes(b);
  if (b.cancelAtMs !== undefined)
    return { kind: "cancelled", at: b.cancelAtMs + b.phases.cancellingMs };
  if (t.expiresAt < t.finalizingAt) return { kind: "expired", at: t.expiresAt };
  return { kind: "completed", at: t.completedAt };
}

/** Requests finish one after another, evenly spread over the in-progress phase. */
export function requestDoneAt(b: BatchTimeline, index: number, count: number): number {
  return phaseTimes(b).inProgressAt + (b.phases.inProgressMs * (index + 1)) / count;
}

/** Requests that finished at or before this moment keep their results. */
export function processingStop(b: BatchTimeline, end: Ending): number {
  if (end.kind === "cancelled") return b.cancelAtMs!;
  if (end.kind === "expired") return end.at;
  return phaseTimes(b).finalizingAt;
}

/** The requests (index and finishing time) that have finished by `now`, in order. */
export function* finishedRequests(
  b: BatchTimeline,
  end: Ending,
  now: number,
  count: number,
): Generator<{ index: number; doneAt: number }> {
  const limit = Math.min(now, processingStop(b, end));
  for (let index = 0; index < count; index++) {
    const doneAt = requestDoneAt(b, index, count);
    if (doneAt > limit) return;
    yield { index, doneAt };
  }
}

/** The due requests that have no outcome yet, checked as each one comes up. */
export function* unsettled<D extends { index: number }>(
  due: Iterable<D>,
  settled: readonly unknown[],
): Generator<D> {
  for (const request of due) if (settled[request.index] === undefined) yield request;
}

/** What `exclusive` serialises on: a batch record. */
export interface WorkQueue {
  queue: Promise<void>;
  /** Pieces of work queued or running; see `isBusy`. */
  busy?: number;
}

/**
 * Runs `work` after every earlier piece of work on the same batch, so that concurrent HTTP
 * requests never ask a responder twice for one request.
 */
export function exclusive<T>(holder: WorkQueue, work: () => Promise<T>): Promise<T> {
  holder.busy = (holder.busy ?? 0) + 1;
  const run = holder.queue.then(work);
  const done = () => {
    holder.busy = (holder.busy ?? 1) - 1;
  };
  holder.queue = run.then(done, done);
  return run;
}

/**
 * Whether some request is already bringing this batch up to date. Requests about other batches
 * then go on without it (routes about this one batch still wait for it, via `exclusive`), so a
 * large batch does not hold up every other client of the emulator.
 */
export function isBusy(holder: WorkQueue): boolean {
  return (holder.busy ?? 0) > 0;
}
