import { type BatchTimeline, type Ending, phaseTimes, runEnding } from "../batch-timeline.js";

export type BatchState =
  | "BATCH_STATE_PENDING"
  | "BATCH_STATE_RUNNING"
  | "BATCH_STATE_SUCCEEDED"
  | "BATCH_STATE_FAILED"
  | "BATCH_STATE_CANCELLED"
  | "BATCH_STATE_EXPIRED";

export interface GoogleTimeline extends BatchTimeline {
  /** Set at creation when the input file cannot be read: the batch fails when it would start. */
  failure: string | undefined;
}

const TERMINAL: Record<Ending["kind"], BatchState> = {
  completed: "BATCH_STATE_SUCCEEDED",
  failed: "BATCH_STATE_FAILED",
  cancelled: "BATCH_STATE_CANCELLED",
  expired: "BATCH_STATE_EXPIRED",
};

/** A cancel before the first request wins over a failure that would only show at the start. */
export function endingOf(b: GoogleTimeline): Ending {
  if (b.failure !== undefined && b.cancelAtMs === undefined) {
    return { kind: "failed", at: phaseTimes(b).readAt };
  }
  return runEnding(b);
}

/** When requests start running, or undefined when a cancel came first. */
export function startTime(b: GoogleTimeline): number | undefined {
  const { inProgressAt } = phaseTimes(b);
  if (b.failure !== undefined) return undefined;
  return b.cancelAtMs !== undefined && b.cancelAtMs < inProgressAt ? undefined : inProgressAt;
}

/**
 * Gemini has no state for validating, finalizing or cancelling: a batch is PENDING until its
 * requests start, RUNNING until it ends (a cancel takes `cancellingMs` to land), then terminal.
 */
export function stateAt(b: GoogleTimeline, now: number): BatchState {
  const end = endingOf(b);
  if (now >= end.at) return TERMINAL[end.kind];
  const start = startTime(b);
  return start !== undefined && now >= start ? "BATCH_STATE_RUNNING" : "BATCH_STATE_PENDING";
}

export function isDone(b: GoogleTimeline, now: number): boolean {
  return now >= endingOf(b).at;
}
