import type { BatchLevelError } from "../../errors/batch-failed-error.js";
import type { BatchStatus, BatchStatusValue } from "../../results/types.js";
import type { ProviderId } from "../types.js";

/** The fields of an OpenAI batch object this library reads. */
export interface OpenAIBatchObject {
  id: string;
  status: string;
  created_at?: number | null;
  in_progress_at?: number | null;
  completed_at?: number | null;
  failed_at?: number | null;
  expired_at?: number | null;
  cancelled_at?: number | null;
  expires_at?: number | null;
  output_file_id?: string | null;
  error_file_id?: string | null;
  input_file_id?: string | null;
  request_counts?: { total?: number; completed?: number; failed?: number } | null;
  errors?: {
    data?: {
      code?: string | null;
      message?: string | null;
      param?: string | null;
      line?: number | null;
    }[];
  } | null;
  metadata?: Record<string, string> | null;
}

const STATUS: Record<string, BatchStatusValue> = {
  validating: "pending",
  in_progress: "processing",
  finalizing: "processing",
  // Still running until it reaches `cancelled`: polling must go on.
  cancelling: "processing",
  completed: "completed",
  failed: "failed",
  expired: "expired",
  cancelled: "cancelled",
};

export function mapOpenAIStatusValue(raw: string): BatchStatusValue {
  // An unknown future status is treated as still running rather than guessed as finished.
  return STATUS[raw] ?? "processing";
}

function date(seconds: number | null | undefined): Date | undefined {
  return typeof seconds === "number" ? new Date(seconds * 1000) : undefined;
}

export function mapOpenAIBatchErrors(batch: OpenAIBatchObject): BatchLevelError[] {
  return (batch.errors?.data ?? []).map((e) => ({
    code: e.code ?? undefined,
    message: e.message ?? "unknown error",
    line: typeof e.line === "number" ? e.line : undefined,
    param: e.param ?? undefined,
  }));
}

/** `provider`: which OpenAI-wire service the batch is from (Azure, Groq share the shape). */
export function mapOpenAIBatchStatus(
  batch: OpenAIBatchObject,
  provider: ProviderId = "openai",
): BatchStatus {
  const total = batch.request_counts?.total ?? 0;
  const succeeded = batch.request_counts?.completed ?? 0;
  const failed = batch.request_counts?.failed ?? 0;
  return {
    id: batch.id,
    provider,
    status: mapOpenAIStatusValue(batch.status),
    rawStatus: batch.status,
    requestCounts: { total, succeeded, failed, pending: Math.max(0, total - succeeded - failed) },
    createdAt: date(batch.created_at),
    startedAt: date(batch.in_progress_at),
    completedAt: date(
      batch.completed_at ?? batch.failed_at ?? batch.expired_at ?? batch.cancelled_at,
    ),
    expiresAt: date(batch.expires_at),
    errors: mapOpenAIBatchErrors(batch),
    metadata: batch.metadata ?? undefined,
    raw: batch,
  };
}
