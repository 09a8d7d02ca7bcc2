// The cost code (token counting, the price dataset, the estimate) is loaded on first use, in
// chunks of its own: importing the library does not load it. These are the entry points.
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { findModel } from "../models/find-model.js";
import type { ProviderId } from "../providers/types.js";
import type { ResultSummary } from "../results/result-summary.js";
import type { BatchResult } from "../results/types.js";
import { priceIssues } from "./check-cost-options.js";
import type { CostEstimate, CostFigures, ExplicitPrice } from "./cost-types.js";
import type {
  BuiltBatch,
  CostInput,
  CostProcessor,
  ProcessorEstimateOptions,
} from "./estimate-cost.js";
import type { EstimateCostOptions } from "./estimate-lines-cost.js";

/** The catalog stays in the core: the lazy code is handed this instead of importing it. */
const ceilingOf = (provider: ProviderId, model: string) =>
  findModel(provider, model)?.maxOutputTokens;

function checkPrice(price: unknown): void {
  const issues = priceIssues(price, ["price"]);
  if (issues.length > 0) throw new InvalidArgumentError(issues);
}

/**
 * Estimates what a built batch will cost before it is sent: a `BatchBuffer` (its provider and
 * model), or the parts of a streamed build (consumed). See `CostEstimate` for what is exact and
 * what is approximate. `processor.estimateCost` also takes conversations.
 *
 * @example
 * const estimate = await estimateCost(buffer);
 * if (estimate.cost) console.log(`at most $${estimate.cost.total.toFixed(2)}`);
 * else console.log(estimate.unknownPrice);
 */
export async function estimateCost(
  batch: BuiltBatch,
  options: EstimateCostOptions = {},
): Promise<CostEstimate> {
  checkPrice(options.price);
  return (await import("./estimate-cost.js")).estimateCost(batch, options, ceilingOf);
}

/**
 * What results cost, from each result's usage (per request, at its price tier, batch discount
 * applied): the `cost` of `results.summary`, for results read another way (`streamResults`,
 * `parseResults`). `unknownPrice` says why there is no cost.
 *
 * @example
 * const { cost } = await resultsCost("openai", "gpt-5-mini", await processor.parseResults(text));
 */
export async function resultsCost(
  provider: ProviderId,
  model: string,
  results: Iterable<BatchResult<unknown>>,
  price?: ExplicitPrice,
): Promise<{ cost: CostFigures | undefined; unknownPrice?: string }> {
  return (await import("./results-cost.js")).resultsCost(provider, model, results, price);
}

export async function estimateWithProcessor(
  processor: CostProcessor,
  input: CostInput,
  options: ProcessorEstimateOptions,
): Promise<CostEstimate> {
  checkPrice(options.price);
  return (await import("./estimate-cost.js")).estimateProcessorCost(
    processor,
    input,
    options,
    ceilingOf,
  );
}

export async function attachSummaryLazy(
  results: BatchResult<unknown>[],
  summary: ResultSummary,
  provider: ProviderId,
  model: string,
  price: ExplicitPrice | undefined,
): Promise<void> {
  const { attachSummary } = await import("./results-cost.js");
  await attachSummary(results, summary, provider, model, price);
}
