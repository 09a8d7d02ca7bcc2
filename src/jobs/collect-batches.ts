import { BatchFailedError } from "../errors/batch-failed-error.js";
import { type BatchResult, type BatchStatus, isTerminalStatus } from "../results/types.js";
import { type JobContext, seqOfCustomId, startHeartbeat } from "./job-context.js";
import { isRetryable } from "./retry-policy.js";
import type { StepReport } from "./step-report.js";
import type { ResultWrite, StoredBatch, StoredRowError } from "./stores/job-store.js";

/** Results written per transaction: big enough to be cheap, small enough to redo. */
const WRITE_CHUNK = 500;

/**
 * Looks at running batches that are due and collects the ones that ended. Each batch is leased
 * while this process works on it; a process killed mid-download leaves the lease to run out,
 * and the next collector reads the file again from the start (writes are idempotent).
 */
export async function pollAndCollect(
  ctx: JobContext,
  owner: string,
  report: Omit<StepReport, "progress">,
  budget: { deadline: number; cancelled: boolean },
): Promise<void> {
  while (Date.now() < budget.deadline) {
    const due = await ctx.store.claimDueBatches(ctx.name, owner, ctx.leaseMs, 4);
    if (due.length === 0) return;
    for (let i = 0; i < due.length; i++) {
      const batch = due[i]!;
      if (Date.now() >= budget.deadline) {
        // Out of time: what was claimed and not looked at is handed back at once.
        for (const rest of due.slice(i)) {
          await ctx.store.releaseBatch(rest.id, owner, { nextCheckInMs: 0 });
        }
        return;
      }
      try {
        await handleBatch(ctx, batch, owner, report, budget.cancelled);
      } catch (error) {
        // Looked at again soon (not at once: a 429 storm must not be hammered); the others
        // claimed with it are handed back now rather than when their leases run out.
        await ctx.store.releaseBatch(batch.id, owner, {
          nextCheckInMs: Math.min(ctx.pollIntervalMs, 5_000),
        });
        for (const rest of due.slice(i + 1)) {
          await ctx.store.releaseBatch(rest.id, owner, { nextCheckInMs: 0 });
        }
        throw error;
      }
    }
  }
}

async function handleBatch(
  ctx: JobContext,
  batch: StoredBatch,
  owner: string,
  report: Omit<StepReport, "progress">,
  cancelled: boolean,
): Promise<void> {
  const providerId = batch.providerBatchId!;
  let status: BatchStatus = await ctx.processor.getBatchStatus(providerId);
  report.polled++;
  if (!isTerminalStatus(status.status)) {
    if (cancelled) status = await ctx.processor.cancelBatch(providerId);
    if (!isTerminalStatus(status.status)) {
      await ctx.store.releaseBatch(batch.id, owner, {
        nextCheckInMs: cancelled ? Math.min(ctx.pollIntervalMs, 5_000) : ctx.pollIntervalMs,
        providerStatus: status.rawStatus,
      });
      return;
    }
  }
  await ctx.store.markCollecting(batch.id, owner, status.rawStatus);
  const stop = startHeartbeat(ctx, batch.id, owner);
  try {
    const changed = await collect(ctx, batch, owner, status, cancelled);
    report.collected.batches++;
    report.collected.rows += changed;
  } finally {
    stop();
  }
}

async function collect(
  ctx: JobContext,
  batch: StoredBatch,
  owner: string,
  status: BatchStatus,
  cancelled: boolean,
): Promise<number> {
  const providerId = batch.providerBatchId!;
  const retriesAllowed = !cancelled;
  let changed = 0;
  let writes: ResultWrite[] = [];
  const flush = async () => {
    if (writes.length === 0) return;
    changed += await ctx.store.applyResults(ctx.name, batch.id, writes, retriesAllowed);
    writes = [];
  };
  let leftover: StoredRowError = leftoverError(status, providerId);
  try {
    for await (const result of ctx.processor.streamResults(providerId)) {
      const seq = seqOfCustomId(result.customId);
      // A line this job did not write (or without an id): its row, if any, ends as missing.
      if (seq === undefined) continue;
      writes.push(toWrite(ctx, seq, result, providerId));
      if (writes.length >= WRITE_CHUNK) await flush();
    }
  } catch (error) {
    if (!(error instanceof BatchFailedError)) throw error;
    leftover = {
      type: "provider_error",
      message: `batch ${providerId} failed as a whole: ${error.message}`,
      providerBatchId: providerId,
    };
  }
  await flush();
  const then = cancelled
    ? "cancel"
    : isRetryable({ errorType: leftover.type }, ctx.retryOn, false)
      ? "retry"
      : "fail";
  changed += await ctx.store.finishCollect(ctx.name, batch.id, owner, leftover, then);
  return changed;
}

/** What a row of the batch that got no result line failed with, by how the batch ended. */
function leftoverError(status: BatchStatus, providerId: string): StoredRowError {
  if (status.status === "expired") {
    return {
      type: "expired",
      message: `batch ${providerId} expired before the request ran`,
      providerBatchId: providerId,
    };
  }
  if (status.status === "cancelled") {
    return {
      type: "cancelled",
      message: `batch ${providerId} was cancelled before the request ran`,
      providerBatchId: providerId,
    };
  }
  return {
    type: "missing",
    message: `absent from the results of batch ${providerId}`,
    providerBatchId: providerId,
  };
}

function toWrite(
  ctx: JobContext,
  seq: string,
  result: BatchResult<unknown>,
  providerId: string,
): ResultWrite {
  if (result.success)
    return { seq, ok: true, value: result.result, usage: result.usage, retryable: false };
  const error: StoredRowError = {
    type: result.errorType,
    message: result.errorMessage,
    providerBatchId: providerId,
    ...(result.errorCode !== undefined && { code: result.errorCode }),
    ...(result.statusCode !== undefined && { statusCode: result.statusCode }),
    ...(result.issues !== undefined && { issues: result.issues }),
    ...(result.text !== undefined && { text: result.text }),
  };
  return {
    seq,
    ok: false,
    error,
    usage: result.usage,
    retryable: isRetryable(result, ctx.retryOn, ctx.retryOnIsDefault),
  };
}
