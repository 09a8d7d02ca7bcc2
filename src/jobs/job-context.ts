import type { BatchProcessor } from "../processor/batch-processor.js";
import type { Logger } from "../util/logger.js";
import type { ResolvedJobOptions } from "./resolve-job-options.js";
import type { JobStore } from "./stores/job-store.js";

/** What every phase of a step needs: resolved options, the store, the processor. */
export interface JobContext extends ResolvedJobOptions {
  name: string;
  store: JobStore;
  processor: BatchProcessor<unknown>;
  prompt: (row: never) => import("../messages/types.js").Conversation;
  logger: Logger | undefined;
}

/**
 * Keeps a lease alive while slow work (an upload, a download) runs: a process that is alive
 * never loses its claim, and one that was killed loses it `leaseMs` after its last beat.
 */
export function startHeartbeat(ctx: JobContext, batchId: string, owner: string): () => void {
  let lost = false;
  const timer = setInterval(
    () => {
      ctx.store.heartbeat(batchId, owner, ctx.leaseMs).then(
        (held) => {
          if (!held && !lost) {
            lost = true;
            ctx.logger?.warn?.("job batch lease lost", { job: ctx.name, batch: batchId });
          }
        },
        () => {
          // A missed beat is retried at the next tick; the lease has room for several.
        },
      );
    },
    Math.max(50, Math.floor(ctx.leaseMs / 4)),
  );
  // A beat must never keep a process alive on its own.
  (timer as { unref?: () => void }).unref?.();
  return () => clearInterval(timer);
}

/** The custom id of a stored row: its store key, so results route back to it. */
export const customIdOf = (seq: string) => `r${seq}`;

/** The store key in a custom id this job made, else undefined. */
export function seqOfCustomId(customId: string): string | undefined {
  return /^r[0-9]{1,19}$/.test(customId) ? customId.slice(1) : undefined;
}
