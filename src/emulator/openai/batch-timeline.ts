import { type BatchTimeline, type Ending, phaseTimes, runEnding } from "../batch-timeline.js";
import type { InputValidation } from "./input-validation.js";

export type OpenAIBatchStatus =
  | "validating"
  | "failed"
  | "in_progress"
  | "finalizing"
  | "completed"
  | "expired"
  | "cancelling"
  | "cancelled";

/** The fields of a batch that decide where it is in its life at a given moment. */
export interface TimelineInput extends BatchTimeline {
  validation: InputValidation | undefined;
}

/** A cancel during `validating` makes validation happen at the cancel (to know what to cancel). */
export function validationTime(b: TimelineInput): number {
  const { readAt } = phaseTimes(b);
  return b.cancelAtMs !== undefined && b.cancelAtMs < readAt ? b.cancelAtMs : readAt;
}

/** Unknown until the input has been validated; a cancel wins over a failed validation. */
export function ending(b: TimelineInput): Ending | undefined {
  if (!b.validation) return undefined;
  if (b.cancelAtMs === undefined && !b.validation.ok)
    return { kind: "failed", at: phaseTimes(b).readAt };
  return runEnding(b);
}

export function statusAt(b: TimelineInput, now: number): OpenAIBatchStatus {
  const end = ending(b);
  if (!end || now < validationTime(b)) return "validating";
  const t = phaseTimes(b);
  switch (end.kind) {
    case "failed":
      return "failed";
    case "cancelled":
      return now < end.at ? "cancelling" : "cancelled";
    case "expired":
      return now < end.at ? "in_progress" : "expired";
    case "completed":
      if (now < t.finalizingAt) return "in_progress";
      return now < t.completedAt ? "finalizing" : "completed";
  }
}

export interface Timestamps {
  in_progress_at: number | null;
  expires_at: number | null;
  finalizing_at: number | null;
  completed_at: number | null;
  failed_at: number | null;
  expired_at: number | null;
  cancelling_at: number | null;
  cancelled_at: number | null;
}

/** Millisecond timestamps of the phases reached by `now` (null for those not reached). */
export function timestampsAt(b: TimelineInput, now: number): Timestamps {
  const t = phaseTimes(b);
  const end = ending(b);
  const reached = (at: number | undefined) => (at !== undefined && at <= now ? at : null);
  const ran = end !== undefined && b.validation?.ok === true && now >= validationTime(b);
  const cancelAt = b.cancelAtMs;
  const startedBeforeCancel = cancelAt === undefined || t.inProgressAt <= cancelAt;
  const finalizedBeforeCancel = cancelAt === undefined || t.finalizingAt <= cancelAt;
  return {
    in_progress_at: ran && startedBeforeCancel ? reached(t.inProgressAt) : null,
    expires_at: ran ? b.createdAtMs + b.windowMs : null,
    finalizing_at:
      ran && (end.kind === "completed" || end.kind === "cancelled") && finalizedBeforeCancel
        ? reached(t.finalizingAt)
        : null,
    completed_at: end?.kind === "completed" ? reached(end.at) : null,
    failed_at: end?.kind === "failed" && ran === false ? reached(end.at) : null,
    expired_at: end?.kind === "expired" ? reached(end.at) : null,
    cancelling_at: cancelAt ?? null,
    cancelled_at: end?.kind === "cancelled" ? reached(end.at) : null,
  };
}

export function isTerminal(status: OpenAIBatchStatus): boolean {
  return (
    status === "completed" || status === "failed" || status === "expired" || status === "cancelled"
  );
}
