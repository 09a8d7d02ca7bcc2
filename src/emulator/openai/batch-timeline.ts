import type { ResolvedPhases } from "../context.js";
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
export interface TimelineInput {
  createdAtMs: number;
  phases: ResolvedPhases;
  windowMs: number;
  cancelAtMs: number | undefined;
  validation: InputValidation | undefined;
}

/**
 * How a batch ends and when. Everything is a pure function of creation time, the phases, the
 * cancel time and the validation result, so state can be computed lazily from the clock
 * whenever a request arrives, with timestamps that do not depend on when anyone looked.
 */
export type Ending =
  | { kind: "failed"; at: number }
  | { kind: "cancelled"; at: number }
  | { kind: "expired"; at: number }
  | { kind: "completed"; at: number };

export function phaseTimes(b: TimelineInput) {
  const inProgressAt = b.createdAtMs + b.phases.validatingMs;
  const finalizingAt = inProgressAt + b.phases.inProgressMs;
  return {
    inProgressAt,
    finalizingAt,
    completedAt: finalizingAt + b.phases.finalizingMs,
    // Expiry cannot strike before the input has been read.
    expiresAt: Math.max(b.createdAtMs + b.windowMs, inProgressAt),
  };
}

/** A cancel during `validating` makes validation happen at the cancel (to know what to cancel). */
export function validationTime(b: TimelineInput): number {
  const { inProgressAt } = phaseTimes(b);
  return b.cancelAtMs !== undefined && b.cancelAtMs < inProgressAt ? b.cancelAtMs : inProgressAt;
}

/** Requests finish one after another, evenly spread over the in-progress phase. */
export function requestDoneAt(b: TimelineInput, index: number, count: number): number {
  return phaseTimes(b).inProgressAt + (b.phases.inProgressMs * (index + 1)) / count;
}

export function ending(b: TimelineInput): Ending | undefined {
  if (!b.validation) return undefined;
  const t = phaseTimes(b);
  if (b.cancelAtMs !== undefined)
    return { kind: "cancelled", at: b.cancelAtMs + b.phases.cancellingMs };
  if (!b.validation.ok) return { kind: "failed", at: t.inProgressAt };
  if (t.expiresAt < t.finalizingAt) return { kind: "expired", at: t.expiresAt };
  return { kind: "completed", at: t.completedAt };
}

/** Requests that finished at or before this moment keep their results. */
export function processingStop(b: TimelineInput, end: Ending): number {
  if (end.kind === "cancelled") return b.cancelAtMs!;
  if (end.kind === "expired") return end.at;
  return phaseTimes(b).finalizingAt;
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
