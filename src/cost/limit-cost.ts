import type { BatchBuffer } from "../batch/batch-buffer.js";
import { CostLimitExceededError } from "../errors/cost-limit-exceeded-error.js";
import type { CostEstimate, ExplicitPrice } from "./cost-types.js";
import { estimateCost } from "./lazy-cost.js";

/** The processor's cost settings: `maxCost` and `price` (see BatchProcessorOptions). */
export interface CostSettings {
  maxCost?: number | undefined;
  price?: ExplicitPrice | undefined;
}

function refuse(estimate: CostEstimate, limit: number, total: number): never {
  throw new CostLimitExceededError(
    {
      code: "cost_limit_exceeded",
      path: ["maxCost"],
      message: `the batch may cost up to $${total.toFixed(4)} (${estimate.requests} requests, ${estimate.inputTokens} input tokens, output at most ${estimate.maxOutputTokens.total} tokens), over maxCost $${limit}: nothing was sent`,
      limit,
      estimate: total,
    },
    estimate,
  );
}

function costOf(estimate: CostEstimate, limit: number): number {
  if (estimate.cost !== undefined) return estimate.cost.total;
  throw new CostLimitExceededError(
    {
      code: "cost_unknown",
      path: ["maxCost"],
      message: `maxCost $${limit} is set but the cost cannot be estimated: ${estimate.unknownPrice}`,
      limit,
    },
    estimate,
  );
}

/**
 * Passes the parts to submit through a `maxCost` check (in the core, so that the error class is
 * not shared with a lazily loaded chunk; the estimate itself is loaded on first use). A whole batch (`whole`) is estimated
 * before its first part is handed on, so nothing is sent when it is over; streamed parts are
 * estimated one by one, and the part that would take the running total over is refused.
 */
export async function* limitCost<P extends { buffer: BatchBuffer }>(
  parts: AsyncIterable<P> | Iterable<P>,
  whole: BatchBuffer | undefined,
  settings: CostSettings,
): AsyncGenerator<P> {
  const limit = settings.maxCost;
  const options = settings.price === undefined ? {} : { price: settings.price };
  if (limit === undefined) {
    yield* parts as AsyncIterable<P>;
    return;
  }
  if (whole !== undefined) {
    const estimate = await estimateCost(whole, options);
    const total = costOf(estimate, limit);
    if (total > limit) refuse(estimate, limit, total);
    yield* parts as AsyncIterable<P>;
    return;
  }
  let spent = 0;
  for await (const part of parts as AsyncIterable<P>) {
    const estimate = await estimateCost(part.buffer, options);
    const total = spent + costOf(estimate, limit);
    if (total > limit) refuse(estimate, limit, total);
    spent = total;
    yield part;
  }
}
