import type { BatchLevelError } from "../../errors/batch-failed-error.js";
import type { BatchStatus, BatchStatusValue } from "../../results/types.js";

/**
 * The fields of a Mistral batch job this library reads, in the SDK's camelCase (2.7.0
 * `components.BatchJob`); the wire's snake_case is read too, for jobs parsed from JSON.
 */
export interface MistralBatchJob {
  id: string;
  status: string;
  model?: string | null;
  endpoint?: string;
  inputFiles?: string[];
  input_files?: string[];
  outputFile?: string | null;
  output_file?: string | null;
  errorFile?: string | null;
  error_file?: string | null;
  errors?: { message?: string; count?: number }[];
  metadata?: Record<string, unknown> | null;
  createdAt?: number;
  created_at?: number;
  startedAt?: number | null;
  started_at?: number | null;
  completedAt?: number | null;
  completed_at?: number | null;
  totalRequests?: number;
  total_requests?: number;
  succeededRequests?: number;
  succeeded_requests?: number;
  failedRequests?: number;
  failed_requests?: number;
}

/**
 * Mistral's job statuses (SDK 2.7.0 `BatchJobStatus`; the same list in the docs' "List batch
 * jobs" filter): QUEUED, RUNNING, SUCCESS, FAILED, TIMEOUT_EXCEEDED, CANCELLATION_REQUESTED,
 * CANCELLED.
 */
const STATUS: Record<string, BatchStatusValue> = {
  QUEUED: "pending",
  RUNNING: "processing",
  // Still running until it reaches CANCELLED: polling must go on.
  CANCELLATION_REQUESTED: "processing",
  SUCCESS: "completed",
  FAILED: "failed",
  // The job's `timeout_hours` ran out: what had not run is reported as expired.
  TIMEOUT_EXCEEDED: "expired",
  CANCELLED: "cancelled",
};

export function mapMistralStatusValue(raw: string): BatchStatusValue {
  // An unknown future status is treated as still running rather than guessed as finished.
  return STATUS[raw] ?? "processing";
}

/** Output and error file ids, whichever spelling the job came in. */
export function mistralJobFiles(job: MistralBatchJob): {
  input: string[];
  output: string | undefined;
  error: string | undefined;
} {
  return {
    input: job.inputFiles ?? job.input_files ?? [],
    output: job.outputFile ?? job.output_file ?? undefined,
    error: job.errorFile ?? job.error_file ?? undefined,
  };
}

export function mapMistralBatchErrors(job: MistralBatchJob): BatchLevelError[] {
  return (job.errors ?? []).map((e) => ({
    code: undefined,
    message: `${e.message ?? "unknown error"}${(e.count ?? 1) > 1 ? ` (${e.count} times)` : ""}`,
    line: undefined,
    param: undefined,
  }));
}

function date(seconds: number | null | undefined): Date | undefined {
  return typeof seconds === "number" ? new Date(seconds * 1000) : undefined;
}

function stringMetadata(metadata: MistralBatchJob["metadata"]): Record<string, string> | undefined {
  if (!metadata) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    // The token the adapter adds to find its own jobs (see submit-mistral-batch.ts).
    if (key === "structured_batch_submission") continue;
    out[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}

export function mapMistralBatchStatus(job: MistralBatchJob): BatchStatus {
  const total = job.totalRequests ?? job.total_requests ?? 0;
  const succeeded = job.succeededRequests ?? job.succeeded_requests ?? 0;
  const failed = job.failedRequests ?? job.failed_requests ?? 0;
  const status = mapMistralStatusValue(job.status);
  return {
    id: job.id,
    provider: "mistral",
    status,
    rawStatus: job.status,
    requestCounts: { total, succeeded, failed, pending: Math.max(0, total - succeeded - failed) },
    createdAt: date(job.createdAt ?? job.created_at),
    startedAt: date(job.startedAt ?? job.started_at),
    completedAt:
      status === "pending" || status === "processing"
        ? undefined
        : date(job.completedAt ?? job.completed_at),
    // Jobs end at creation + timeout_hours, which the job object does not repeat.
    expiresAt: undefined,
    errors: mapMistralBatchErrors(job),
    metadata: stringMetadata(job.metadata),
    raw: job,
  };
}
