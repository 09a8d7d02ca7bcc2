import type { ProviderId } from "../providers/types.js";
import type { ResultSummary } from "../results/result-summary.js";
import type { BatchResult } from "../results/types.js";
import type { CostFigures, ExplicitPrice } from "./cost-types.js";
import { loadModelPricing } from "./model-pricing.js";

/**
 * What the results cost, from the usage each one reports (per request, so each is priced at
 * its own tier, batch discount applied once): the same figures as an estimate's `cost`, with
 * `atMost: false`. `unknownPrice` says why there is none.
 */
export async function resultsCost(
  provider: ProviderId,
  model: string,
  results: Iterable<BatchResult<unknown>>,
  price?: ExplicitPrice,
): Promise<{ cost: CostFigures | undefined; unknownPrice?: string }> {
  const pricing = await loadModelPricing(provider, model, price);
  if ("unknownPrice" in pricing) return { cost: undefined, unknownPrice: pricing.unknownPrice };
  let input = 0;
  let output = 0;
  let inHigherTier = 0;
  for (const r of results) {
    if (!r.usage) continue;
    const priced = pricing.priceRequest(r.usage.inputTokens, r.usage.outputTokens);
    input += priced.input;
    output += priced.output;
    if (priced.tier > 0) inHigherTier++;
  }
  return {
    cost: {
      currency: "USD",
      input,
      output,
      total: input + output,
      atMost: false,
      prices: pricing.describe(inHigherTier),
    },
  };
}

/**
 * Puts `summary` (with its `cost`) on the results array, not enumerable, so the array still
 * compares and serialises as a plain list of results.
 */
export async function attachSummary(
  results: BatchResult<unknown>[],
  summary: ResultSummary,
  provider: ProviderId,
  model: string,
  price: ExplicitPrice | undefined,
): Promise<void> {
  const { cost, unknownPrice } = await resultsCost(provider, model, results, price);
  summary.cost = cost;
  if (unknownPrice !== undefined) summary.unknownPrice = unknownPrice;
  Object.defineProperty(results, "summary", { value: summary, enumerable: false });
}
