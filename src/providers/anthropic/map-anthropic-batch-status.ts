import type { BatchStatus, BatchStatusValue } from "../../results/types.js";

/** The fields of an Anthropic MessageBatch this library reads. */
export interface AnthropicBatchObject {
  id: string;
  processing_status: string;
  request_counts?: {
    processing?: number;
    succeeded?: number;
    errored?: number;
    canceled?: number;
    expired?: number;
  } | null;
  created_at?: string | null;
  ended_at?: string | null;
  expires_at?: string | null;
  cancel_initiated_at?: string | null;
  archived_at?: string | null;
  results_url?: string | null;
}

function date(value: string | null | undefined): Date | undefined {
  if (typeof value !== "string") return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/**
 * Anthropic has one final state, `ended`, whatever happened to the requests (the ancestor's
 * polling loop on "completed" never ended on it). An ended batch in which no request ran is
 * reported the way it ended: all canceled -> `cancelled`, all expired -> `expired`, a mix of the
 * two -> `cancelled` if a cancel was asked for, else `expired`. Anything that ran -> `completed`.
 */
export function mapAnthropicStatusValue(batch: AnthropicBatchObject): BatchStatusValue {
  // `canceling` is still running until it reaches `ended`; an unknown future status too.
  if (batch.processing_status !== "ended") return "processing";
  const c = batch.request_counts ?? {};
  const ran = (c.succeeded ?? 0) + (c.errored ?? 0);
  const canceled = c.canceled ?? 0;
  const expired = c.expired ?? 0;
  if (ran > 0 || canceled + expired === 0) return "completed";
  if (expired === 0) return "cancelled";
  if (canceled === 0) return "expired";
  return batch.cancel_initiated_at ? "cancelled" : "expired";
}

export function mapAnthropicBatchStatus(batch: AnthropicBatchObject): BatchStatus {
  const c = batch.request_counts ?? {};
  const processing = c.processing ?? 0;
  const succeeded = c.succeeded ?? 0;
  const failed = (c.errored ?? 0) + (c.canceled ?? 0) + (c.expired ?? 0);
  const createdAt = date(batch.created_at);
  return {
    id: batch.id,
    provider: "anthropic",
    status: mapAnthropicStatusValue(batch),
    rawStatus: batch.processing_status,
    requestCounts: {
      total: processing + succeeded + failed,
      succeeded,
      failed,
      pending: processing,
    },
    createdAt,
    // A message batch starts processing as soon as it is created.
    startedAt: createdAt,
    completedAt: date(batch.ended_at),
    expiresAt: date(batch.expires_at),
    errors: [],
    // Anthropic batches carry no metadata.
    metadata: undefined,
    raw: batch,
  };
}
