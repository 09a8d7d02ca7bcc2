import type { ProviderId } from "../providers/types.js";
import type { ExplicitPrice } from "./cost-types.js";

/** A job's price per million tokens and where it comes from, for `progress().cost`. */
export interface JobPrice {
  price: ExplicitPrice | undefined;
  /** `price option`, the dataset it came from, or why there is none. */
  source: string;
}

/**
 * The price `progress().cost` uses: the job's `price` when given; else the dataset's base-tier
 * price with the provider's batch discount. A job stores usage as totals, so the price tiers
 * some models have above 200k input tokens per request cannot be applied there (results'
 * `summary.cost` applies them per request).
 */
export async function jobPrice(
  provider: ProviderId,
  model: string,
  explicit: ExplicitPrice | undefined,
): Promise<JobPrice> {
  if (explicit !== undefined) return { price: explicit, source: "price option" };
  const { loadModelPricing } = await import("./model-pricing.js");
  const pricing = await loadModelPricing(provider, model);
  if ("unknownPrice" in pricing) return { price: undefined, source: pricing.unknownPrice };
  const used = pricing.describe(0);
  const pay = 1 - used.batchDiscount;
  const source =
    used.source.kind === "dataset"
      ? `${used.source.package} ${used.source.version} (data of ${used.source.dataDate}), ${used.source.modelId}, base tier, batch discount ${used.batchDiscount * 100}%`
      : "price option";
  return {
    price: {
      inputPerMillion: used.inputPerMillion * pay,
      outputPerMillion: used.outputPerMillion * pay,
    },
    source,
  };
}
