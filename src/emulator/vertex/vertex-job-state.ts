import { type Ending, phaseTimes } from "../batch-timeline.js";
import { endingOf, type GoogleTimeline, startTime } from "../google/batch-state.js";

/** The JobState values of a Vertex AI batch prediction job this emulator goes through. */
export type VertexJobState =
  | "JOB_STATE_PENDING"
  | "JOB_STATE_RUNNING"
  | "JOB_STATE_CANCELLING"
  | "JOB_STATE_SUCCEEDED"
  | "JOB_STATE_FAILED"
  | "JOB_STATE_CANCELLED"
  | "JOB_STATE_EXPIRED";

const TERMINAL: Record<Ending["kind"], VertexJobState> = {
  completed: "JOB_STATE_SUCCEEDED",
  failed: "JOB_STATE_FAILED",
  cancelled: "JOB_STATE_CANCELLED",
  expired: "JOB_STATE_EXPIRED",
};

/**
 * PENDING until the requests start, RUNNING until the job ends, CANCELLING between a cancel and
 * its landing (`cancellingMs`), then terminal. A job with some failed requests still SUCCEEDS;
 * its `completionStats.failedCount` says how many failed (the real service's
 * PARTIALLY_SUCCEEDED is not emulated). Timing is the Gemini emulator's (`GoogleTimeline`).
 */
export function vertexStateAt(job: GoogleTimeline, now: number): VertexJobState {
  const end = endingOf(job);
  if (now >= end.at) return TERMINAL[end.kind];
  if (job.cancelAtMs !== undefined && now >= job.cancelAtMs) return "JOB_STATE_CANCELLING";
  const start = startTime(job);
  return start !== undefined && now >= start ? "JOB_STATE_RUNNING" : "JOB_STATE_PENDING";
}

/** When the requests started, if they have by `now`. */
export function startedAt(job: GoogleTimeline, now: number): number | undefined {
  const start = startTime(job);
  return start !== undefined && start <= now ? start : undefined;
}

export { endingOf, phaseTimes };
