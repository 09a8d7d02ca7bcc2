import { type BatchTimeline, type Ending, phaseTimes, runEnding } from "../batch-timeline.js";

/** Mistral's job statuses (SDK 2.7.0 `BatchJobStatus`). */
export type MistralJobStatus =
  | "QUEUED"
  | "RUNNING"
  | "SUCCESS"
  | "FAILED"
  | "TIMEOUT_EXCEEDED"
  | "CANCELLATION_REQUESTED"
  | "CANCELLED";

export interface JobTimelineInput extends BatchTimeline {
  validation: { ok: boolean } | undefined;
}

/** A cancel while queued makes the input be read at the cancel (to know what to cancel). */
export function validationTime(b: JobTimelineInput): number {
  const { readAt } = phaseTimes(b);
  return b.cancelAtMs !== undefined && b.cancelAtMs < readAt ? b.cancelAtMs : readAt;
}

/** Unknown until the input has been read; a cancel wins over a bad input. */
export function jobEnding(b: JobTimelineInput): Ending | undefined {
  if (!b.validation) return undefined;
  if (b.cancelAtMs === undefined && !b.validation.ok)
    return { kind: "failed", at: phaseTimes(b).readAt };
  return runEnding(b);
}

export function jobStatusAt(b: JobTimelineInput, now: number): MistralJobStatus {
  const end = jobEnding(b);
  const t = phaseTimes(b);
  if (b.cancelAtMs !== undefined && (!end || now < end.at)) return "CANCELLATION_REQUESTED";
  if (!end || now < validationTime(b)) return "QUEUED";
  switch (end.kind) {
    case "failed":
      return "FAILED";
    case "cancelled":
      return now < end.at ? "CANCELLATION_REQUESTED" : "CANCELLED";
    case "expired":
      if (now >= end.at) return "TIMEOUT_EXCEEDED";
      return now < t.inProgressAt ? "QUEUED" : "RUNNING";
    case "completed":
      if (now < t.inProgressAt) return "QUEUED";
      return now < t.completedAt ? "RUNNING" : "SUCCESS";
  }
}

export function isTerminalJobStatus(status: MistralJobStatus): boolean {
  return (
    status === "SUCCESS" ||
    status === "FAILED" ||
    status === "TIMEOUT_EXCEEDED" ||
    status === "CANCELLED"
  );
}

/** When the job started and ended, in ms, as far as `now` has reached (null otherwise). */
export function jobTimes(
  b: JobTimelineInput,
  now: number,
): { startedAt: number | null; completedAt: number | null } {
  const end = jobEnding(b);
  const t = phaseTimes(b);
  const ran = end !== undefined && b.validation?.ok === true;
  const startedBeforeCancel = b.cancelAtMs === undefined || t.inProgressAt <= b.cancelAtMs;
  return {
    startedAt: ran && startedBeforeCancel && t.inProgressAt <= now ? t.inProgressAt : null,
    completedAt: end !== undefined && end.at <= now ? end.at : null,
  };
}
