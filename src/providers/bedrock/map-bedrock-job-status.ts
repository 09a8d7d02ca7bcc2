import type { BatchStatus, BatchStatusValue } from "../../results/types.js";

/** The fields of GetModelInvocationJob / a ListModelInvocationJobs summary this library reads. */
export interface BedrockJob {
  jobArn?: string;
  jobName?: string;
  modelId?: string;
  status?: string;
  message?: string;
  submitTime?: Date | string;
  lastModifiedTime?: Date | string;
  endTime?: Date | string;
  jobExpirationTime?: Date | string;
  inputDataConfig?: { s3InputDataConfig?: { s3Uri?: string } };
  outputDataConfig?: { s3OutputDataConfig?: { s3Uri?: string } };
  totalRecordCount?: number;
  processedRecordCount?: number;
  successRecordCount?: number;
  errorRecordCount?: number;
}

/**
 * The job statuses of the API (`ModelInvocationJobStatus` in @aws-sdk/client-bedrock 3.1178:
 * Submitted, Validating, Scheduled, InProgress, Stopping, Completed, PartiallyCompleted,
 * Failed, Stopped, Expired). PartiallyCompleted ran to the end with some records failed: their
 * error lines are in the output, so it is `completed` like a batch with failed requests
 * elsewhere. An unknown future status counts as still running.
 */
const STATUS: Record<string, BatchStatusValue> = {
  Submitted: "pending",
  Validating: "pending",
  Scheduled: "pending",
  InProgress: "processing",
  Stopping: "processing",
  Completed: "completed",
  PartiallyCompleted: "completed",
  Failed: "failed",
  Stopped: "cancelled",
  Expired: "expired",
};

function date(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = value instanceof Date ? value : new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

export function mapBedrockJobStatus(job: BedrockJob): BatchStatus {
  const raw = job.status ?? "Submitted";
  const status = STATUS[raw] ?? "processing";
  const total = job.totalRecordCount ?? 0;
  const succeeded = job.successRecordCount ?? 0;
  const failed = job.errorRecordCount ?? 0;
  const ended = status !== "pending" && status !== "processing";
  return {
    id: job.jobArn ?? "",
    provider: "bedrock",
    status,
    rawStatus: raw,
    requestCounts: {
      total,
      succeeded,
      // Records a stopped or expired job never ran are not counted by Bedrock; they fail too.
      failed: ended ? Math.max(failed, total - succeeded) : failed,
      pending: ended ? 0 : Math.max(0, total - succeeded - failed),
    },
    createdAt: date(job.submitTime),
    startedAt: undefined,
    completedAt: ended ? date(job.endTime ?? job.lastModifiedTime) : undefined,
    expiresAt: date(job.jobExpirationTime),
    errors:
      status === "failed" && job.message
        ? [{ code: "job_failed", message: job.message, line: undefined, param: undefined }]
        : [],
    metadata: undefined,
    raw: job,
  };
}
