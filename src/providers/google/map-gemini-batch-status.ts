import type { BatchLevelError } from "../../errors/batch-failed-error.js";
import type { BatchStatus, BatchStatusValue } from "../../results/types.js";
import { type GeminiBatchView, rpcStatusName, viewGeminiBatch } from "./gemini-batch-view.js";

// The wire says BATCH_STATE_*, the SDK JOB_STATE_*: both are read the same way.
const STATES: Record<string, BatchStatusValue> = {
  UNSPECIFIED: "pending",
  QUEUED: "pending",
  PENDING: "pending",
  RUNNING: "processing",
  // Still running until it reaches CANCELLED: polling must go on.
  CANCELLING: "processing",
  PAUSED: "processing",
  UPDATING: "processing",
  SUCCEEDED: "completed",
  PARTIALLY_SUCCEEDED: "completed",
  FAILED: "failed",
  CANCELLED: "cancelled",
  EXPIRED: "expired",
};

export function mapGeminiStateValue(raw: string): BatchStatusValue {
  const state = raw.replace(/^(BATCH|JOB)_STATE_/, "");
  // An unknown future state is treated as still running rather than guessed as finished.
  return STATES[state] ?? "processing";
}

function date(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The batch-level error of a failed batch (the operation's `error`), as a list. */
export function geminiBatchErrors(view: GeminiBatchView): BatchLevelError[] {
  if (view.error === undefined) return [];
  return [
    {
      code: rpcStatusName(view.error),
      message: view.error.message ?? "the batch failed without an error message",
      line: undefined,
      param: undefined,
    },
  ];
}

/**
 * Normalises a Gemini batch: the REST operation (with `batchStats`) or the SDK's `BatchJob`
 * (without counts, which then read as 0). Counts come as strings on the wire.
 */
export function mapGeminiBatchStatus(raw: unknown): BatchStatus {
  const view = viewGeminiBatch(raw);
  const stats = view.stats;
  const total = stats?.total ?? 0;
  const succeeded = stats?.succeeded ?? 0;
  const failed = stats?.failed ?? 0;
  return {
    id: view.name,
    provider: "google",
    status: mapGeminiStateValue(view.state),
    rawStatus: view.state,
    requestCounts: {
      total,
      succeeded,
      failed,
      pending: stats?.pending ?? Math.max(0, total - succeeded - failed),
    },
    createdAt: date(view.createTime),
    // Gemini reports no start time.
    startedAt: undefined,
    completedAt: date(view.endTime),
    // Unfinished batches expire after 48 hours, but the API states no deadline per batch.
    expiresAt: undefined,
    errors: geminiBatchErrors(view),
    metadata: view.displayName === undefined ? undefined : { displayName: view.displayName },
    raw,
  };
}
