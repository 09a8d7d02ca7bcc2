import { findBatchByToken } from "./find-batch-by-token.js";
import type { JobContext } from "./job-context.js";
import type { StepReport } from "./step-report.js";

/**
 * Intents whose process died between recording and recording the created batch: each is looked
 * up at the provider by its token first, so a batch that was created is adopted, never sent
 * again; one that was not has its rows put back as pending.
 */
export async function recoverIntents(
  ctx: JobContext,
  owner: string,
  report: Omit<StepReport, "progress">,
): Promise<void> {
  const stale = await ctx.store.claimStaleIntents(ctx.name, owner, ctx.leaseMs, 10);
  if (stale.length === 0) return;
  const known = await ctx.store.knownProviderBatchIds();
  for (const intent of stale) {
    const found = await findBatchByToken(ctx.processor, intent, known);
    if (found !== undefined) {
      if (await ctx.store.adoptIntent(intent.id, owner, found)) {
        known.add(found);
        report.recovered.adopted++;
        ctx.logger?.info?.("job batch recovered", { job: ctx.name, batchId: found });
      }
    } else {
      await ctx.store.abandonIntent(intent.id, owner);
      report.recovered.abandoned++;
    }
  }
}
