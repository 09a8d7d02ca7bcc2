import type { ProviderId } from "../../providers/provider-ids.js";
import type { AnthropicBatchRecord } from "../anthropic/batch-store.js";
import { statusAt as anthropicStatusAt } from "../anthropic/batch-store.js";
import { countJsonlLines } from "../batch-holds.js";
import { type BatchTimeline, type Ending, phaseTimes, runEnding } from "../batch-timeline.js";
import { type BedrockJobRecord, statusAt as bedrockStatusAt } from "../bedrock/job-store.js";
import type { FileStore } from "../file-store.js";
import { endingOf, stateAt as googleStateAt } from "../google/batch-state.js";
import type { GoogleBatchRecord } from "../google/batch-store.js";
import type { MistralJobRecord } from "../mistral/job-store.js";
import { jobEnding, jobStatusAt } from "../mistral/job-timeline.js";
import type { OpenAIBatchRecord } from "../openai/batch-store.js";
import { ending as openaiEnding, statusAt as openaiStatusAt } from "../openai/batch-timeline.js";
import type { ResolvedOutcome } from "../responder/types.js";
import { vertexStateAt } from "../vertex/vertex-job-state.js";
import type { VertexJobRecord } from "../vertex/vertex-job-store.js";
import type { BatchPhase, BatchSnapshot } from "./snapshot-types.js";

// Every status is computed by the same function the routes answer with; only the mapping of
// each service's names onto the common phases lives here.

const ENDINGS: Record<Ending["kind"], BatchPhase> = {
  completed: "completed",
  failed: "failed",
  cancelled: "cancelled",
  expired: "expired",
};

const OPENAI: Record<ReturnType<typeof openaiStatusAt>, BatchPhase> = {
  validating: "queued",
  in_progress: "running",
  finalizing: "finalizing",
  completed: "completed",
  failed: "failed",
  expired: "expired",
  cancelling: "cancelling",
  cancelled: "cancelled",
};

const MISTRAL: Record<ReturnType<typeof jobStatusAt>, BatchPhase> = {
  QUEUED: "queued",
  RUNNING: "running",
  SUCCESS: "completed",
  FAILED: "failed",
  TIMEOUT_EXCEEDED: "expired",
  CANCELLATION_REQUESTED: "cancelling",
  CANCELLED: "cancelled",
};

const GOOGLE: Record<ReturnType<typeof googleStateAt>, BatchPhase> = {
  BATCH_STATE_PENDING: "queued",
  BATCH_STATE_RUNNING: "running",
  BATCH_STATE_SUCCEEDED: "completed",
  BATCH_STATE_FAILED: "failed",
  BATCH_STATE_CANCELLED: "cancelled",
  BATCH_STATE_EXPIRED: "expired",
};

const VERTEX: Record<ReturnType<typeof vertexStateAt>, BatchPhase> = {
  JOB_STATE_PENDING: "queued",
  JOB_STATE_RUNNING: "running",
  JOB_STATE_CANCELLING: "cancelling",
  JOB_STATE_SUCCEEDED: "completed",
  JOB_STATE_FAILED: "failed",
  JOB_STATE_CANCELLED: "cancelled",
  JOB_STATE_EXPIRED: "expired",
};

const BEDROCK: Record<string, BatchPhase> = {
  Submitted: "queued",
  Validating: "queued",
  Scheduled: "queued",
  InProgress: "running",
  Completed: "completed",
  PartiallyCompleted: "completed",
  Failed: "failed",
  Stopping: "cancelling",
  Stopped: "cancelled",
  Expired: "expired",
};

const OVER: ReadonlySet<BatchPhase> = new Set(["completed", "failed", "expired", "cancelled"]);

/** The fields every service shares: hold, times and counts. */
function common(
  b: BatchTimeline,
  phase: BatchPhase,
  end: Ending | undefined,
  settled: readonly ({ outcome: ResolvedOutcome } | undefined)[],
  requestCount: number,
): Pick<
  BatchSnapshot,
  | "phase"
  | "requestCount"
  | "succeeded"
  | "failed"
  | "createdAt"
  | "startsAt"
  | "endsAt"
  | "expiresAt"
  | "held"
> {
  const t = phaseTimes(b);
  let succeeded = 0;
  let errored = 0;
  for (const s of settled) {
    if (s === undefined) continue;
    if (s.outcome.kind === "answer") succeeded++;
    else errored++;
  }
  const neverStarts =
    end?.kind === "failed" ||
    !Number.isFinite(t.inProgressAt) ||
    t.expiresAt <= t.inProgressAt ||
    (b.cancelAtMs !== undefined && b.cancelAtMs < t.inProgressAt);
  const held = b.heldUntilMs === Number.POSITIVE_INFINITY;
  return {
    phase,
    requestCount,
    succeeded,
    failed: OVER.has(phase) ? requestCount - succeeded : errored,
    createdAt: b.createdAtMs,
    startsAt: neverStarts ? undefined : t.inProgressAt,
    // Held and never released, a batch ends when its window does, whatever its input holds.
    endsAt: end?.at ?? (held ? t.expiresAt : undefined),
    expiresAt: t.expiresAt,
    held,
  };
}

// Counting an input file's lines reads all of it: once per batch, not once per look.
const inputLines = new WeakMap<OpenAIBatchRecord, number>();

/** An OpenAI, Azure, Groq or Together batch (one wire, one store). */
export function openAIWireSnapshot(
  record: OpenAIBatchRecord,
  provider: ProviderId,
  files: FileStore,
  now: number,
): BatchSnapshot {
  const status = openaiStatusAt(record, now);
  let count = record.validation?.ok ? record.requests.length : inputLines.get(record);
  if (count === undefined) {
    count = countJsonlLines(files.get(record.inputFileId, record.createdAtMs)?.bytes);
    inputLines.set(record, count);
  }
  return {
    provider,
    id: record.id,
    status,
    ...common(record, OPENAI[status], openaiEnding(record), record.settled, count),
    ...(record.validation?.ok ? { model: record.validation.model } : {}),
    ...(record.metadata ? { metadata: { ...record.metadata } } : {}),
  };
}

export function anthropicSnapshot(record: AnthropicBatchRecord, now: number): BatchSnapshot {
  const status = anthropicStatusAt(record, now);
  const end = runEnding(record);
  const phase: BatchPhase =
    status === "ended"
      ? ENDINGS[end.kind]
      : status === "canceling"
        ? "cancelling"
        : now < phaseTimes(record).inProgressAt
          ? "queued"
          : "running";
  return {
    provider: "anthropic",
    id: record.id,
    status,
    ...common(record, phase, end, record.settled, record.requests.length),
  };
}

export function googleSnapshot(record: GoogleBatchRecord, now: number): BatchSnapshot {
  const status = googleStateAt(record, now);
  // Gemini has no cancelling state; the common phase still tells a cancel on its way.
  const cancelling = status === "BATCH_STATE_RUNNING" && record.cancelAtMs !== undefined;
  return {
    provider: "google",
    id: `batches/${record.id}`,
    status,
    ...common(
      record,
      cancelling ? "cancelling" : GOOGLE[status],
      endingOf(record),
      record.settled,
      record.requestCount,
    ),
    model: record.model,
    ...(record.displayName !== undefined ? { displayName: record.displayName } : {}),
  };
}

export function vertexSnapshot(record: VertexJobRecord, now: number): BatchSnapshot {
  const status = vertexStateAt(record, now);
  return {
    provider: "vertex",
    id: record.name,
    status,
    ...common(record, VERTEX[status], endingOf(record), record.settled, record.requestCount),
    model: record.model,
    displayName: record.displayName,
  };
}

export function mistralSnapshot(record: MistralJobRecord, now: number): BatchSnapshot {
  const status = jobStatusAt(record, now);
  const count = record.validation?.ok ? record.requests.length : (record.inline?.length ?? 0);
  return {
    provider: "mistral",
    id: record.id,
    status,
    ...common(record, MISTRAL[status], jobEnding(record), record.settled, count),
    model: record.model,
    ...(record.metadata ? { metadata: { ...record.metadata } } : {}),
  };
}

export function bedrockSnapshot(job: BedrockJobRecord, now: number): BatchSnapshot {
  const status = bedrockStatusAt(job, now);
  const end: Ending =
    job.invalid !== undefined ? { kind: "failed", at: phaseTimes(job).readAt } : runEnding(job);
  return {
    provider: "bedrock",
    id: job.arn,
    status,
    ...common(job, BEDROCK[status] ?? "queued", end, job.settled, job.records.length),
    model: job.spec.modelId,
    displayName: job.spec.jobName,
  };
}
