import type { BatchBuffer } from "../batch/batch-buffer.js";
import { ProviderApiError } from "../errors/provider-api-error.js";
import { tokenMetadata } from "./find-batch-by-token.js";
import { customIdOf, type JobContext, startHeartbeat } from "./job-context.js";
import type { StepReport } from "./step-report.js";

/**
 * Sends pending rows as provider batches until none is left, the job has `maxActiveBatches`
 * running, or the step's time is up. Each batch follows the intent protocol: rows are claimed
 * and the intent (with its token) recorded in one transaction, then the batch is created with
 * the token, then recorded; a crash anywhere leaves an intent that recovery resolves.
 */
export async function submitRows(
  ctx: JobContext,
  owner: string,
  report: Omit<StepReport, "progress">,
  budget: { deadline: number; maxBatches: number; active: number },
): Promise<void> {
  let active = budget.active;
  let made = 0;
  while (
    active < ctx.maxActiveBatches &&
    made < budget.maxBatches &&
    Date.now() < budget.deadline
  ) {
    let buffer: BatchBuffer | undefined;
    const claim = await ctx.store.claimRows(
      ctx.name,
      ctx.batchSize,
      owner,
      ctx.leaseMs,
      async (rows) => {
        const prompt = ctx.prompt as (row: unknown) => import("../messages/types.js").Conversation;
        function* conversations() {
          for (const row of rows) yield prompt(row.input);
        }
        const parts = await ctx.processor.createBatchFromMessages(conversations(), {
          ...ctx.params,
          customIds: (i: number) => customIdOf(rows[i]!.seq),
          stream: true,
        });
        // Only the first part: it is what fits one provider batch; the other rows stay pending.
        for await (const part of parts) {
          buffer = part;
          break;
        }
        return { take: buffer?.requestCount ?? 0, token: crypto.randomUUID() };
      },
    );
    if (claim === undefined || buffer === undefined) return;
    const { batch } = claim;
    const stop = startHeartbeat(ctx, batch.id, owner);
    let providerBatchId: string;
    try {
      const metadata = tokenMetadata(ctx.processor.provider, batch.token, ctx.name);
      providerBatchId = await ctx.processor.submitBatch(buffer, metadata ? { metadata } : {});
    } catch (error) {
      stop();
      if (isRefusal(error)) {
        // The provider looked at the batch and said no: the same rows would be refused again.
        await ctx.store.failIntent(batch.id, owner, {
          type: "provider_error",
          message: `the provider refused the batch: ${(error as Error).message}`,
          ...((error as ProviderApiError).status !== undefined && {
            statusCode: (error as ProviderApiError).status!,
          }),
        });
      } else {
        // Maybe created, maybe not: the lease is given up now and recovery looks the token up.
        await ctx.store.heartbeat(batch.id, owner, -1);
      }
      throw error;
    }
    stop();
    if (!(await ctx.store.recordCreated(batch.id, owner, providerBatchId))) {
      // This process was presumed dead and its rows given back: the batch it just made would
      // send them twice, so it is cancelled at once.
      ctx.logger?.warn?.("job batch created after its lease was lost: cancelling it", {
        job: ctx.name,
        batchId: providerBatchId,
      });
      await ctx.processor.cancelBatch(providerBatchId).catch(() => {});
      continue;
    }
    active++;
    made++;
    report.submitted.batches++;
    report.submitted.rows += batch.requestCount;
  }
}

/** A 4xx other than timeout, conflict and rate limit: the provider refused the batch itself. */
function isRefusal(error: unknown): boolean {
  if (!(error instanceof ProviderApiError) || error.status === undefined) return false;
  const s = error.status;
  return s >= 400 && s < 500 && s !== 408 && s !== 409 && s !== 429 && s !== 401 && s !== 403;
}
