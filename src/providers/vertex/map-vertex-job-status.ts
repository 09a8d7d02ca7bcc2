import type { BatchLevelError } from "../../errors/batch-failed-error.js";
import type { BatchStatus } from "../../results/types.js";
import type { RpcStatus } from "../google/gemini-batch-view.js";
import { kit } from "./vertex-kit.js";

type Count = string | number | undefined;

/**
 * A `BatchJob` as `@google/genai` returns it in Vertex mode (`batchJobFromVertex`): the
 * resource's own JOB_STATE_* state, `src`/`dest` renamed from `inputConfig`/`outputConfig`,
 * `completionStats` and `outputInfo` passed through as the REST API sends them
 * (cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.batchPredictionJobs).
 * The REST resource itself is read too, for lines saved by hand.
 */
export interface VertexJob {
  name?: string;
  displayName?: string;
  state?: string;
  error?: RpcStatus;
  createTime?: string;
  startTime?: string;
  endTime?: string;
  updateTime?: string;
  model?: string;
  src?: { gcsUri?: string[] };
  dest?: { gcsUri?: string };
  inputConfig?: { gcsSource?: { uris?: string[] } };
  outputConfig?: { gcsDestination?: { outputUriPrefix?: string } };
  outputInfo?: { gcsOutputDirectory?: string };
  /** int64 counts: strings on the wire. `incompleteCount` is -1 when unknown. */
  completionStats?: { successfulCount?: Count; failedCount?: Count; incompleteCount?: Count };
}

function count(value: Count): number {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? n : 0;
}

function date(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The job's input file (`gs://...`), whichever shape it came in. */
export function vertexInputUri(job: VertexJob): string | undefined {
  return job.src?.gcsUri?.[0] ?? job.inputConfig?.gcsSource?.uris?.[0];
}

/** The folder Vertex wrote the results into, `gs://.../prediction-model-<time>`. */
export function vertexOutputDirectory(job: VertexJob): string | undefined {
  return job.outputInfo?.gcsOutputDirectory;
}

/** The output prefix the job was created with. */
export function vertexOutputPrefix(job: VertexJob): string | undefined {
  return job.dest?.gcsUri ?? job.outputConfig?.gcsDestination?.outputUriPrefix;
}

export function vertexJobErrors(job: VertexJob): BatchLevelError[] {
  if (job.error === undefined || job.error === null) return [];
  return [
    {
      code: kit.rpcStatusName(job.error),
      message: job.error.message ?? "the batch prediction job failed without an error message",
      line: undefined,
      param: undefined,
    },
  ];
}

/**
 * Normalises a Vertex batch prediction job. States (JOB_STATE_QUEUED, PENDING, RUNNING,
 * CANCELLING, SUCCEEDED, PARTIALLY_SUCCEEDED, FAILED, CANCELLED, EXPIRED, ...) read as Gemini's.
 * `completionStats.incompleteCount` is what has not finished: pending while the job runs, and
 * failed (never run) once it has ended. Before Vertex reports any counts, `knownTotal` (the
 * requests this process submitted) stands in for the total.
 */
export function mapVertexJobStatus(raw: unknown, knownTotal?: number): BatchStatus {
  const job = (raw ?? {}) as VertexJob;
  const state = job.state ?? "JOB_STATE_UNSPECIFIED";
  const status = kit.mapGeminiStateValue(state);
  const stats = job.completionStats;
  const succeeded = count(stats?.successfulCount);
  const failedRun = count(stats?.failedCount);
  const incomplete = count(stats?.incompleteCount);
  const reported = succeeded + failedRun + incomplete;
  const total = stats === undefined || reported === 0 ? (knownTotal ?? reported) : reported;
  const done = kit.isTerminalStatus(status);
  const notDone = Math.max(0, total - succeeded - failedRun);
  return {
    id: job.name ?? "",
    provider: "vertex",
    status,
    rawStatus: state,
    requestCounts: {
      total,
      succeeded,
      failed: failedRun + (done ? notDone : 0),
      pending: done ? 0 : notDone,
    },
    createdAt: date(job.createTime),
    startedAt: date(job.startTime),
    completedAt: date(job.endTime),
    // Vertex states no deadline per job.
    expiresAt: undefined,
    errors: vertexJobErrors(job),
    metadata: job.displayName === undefined ? undefined : { displayName: job.displayName },
    raw,
  };
}
