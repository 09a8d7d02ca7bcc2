import type { ProviderId } from "../providers/types.js";
import { BATCH_DISCOUNT } from "./batch-discounts.js";
import type { ExplicitPrice, PricesUsed, PriceTier } from "./cost-types.js";
import { PRICE_DATASET } from "./price-dataset.js";

/** Prices one request at a time (tiers depend on each request's input tokens). */
export interface ModelPricing {
  /** Cost in USD of one request, batch discount applied; `tier` > 0 when above the base. */
  priceRequest(
    inputTokens: number,
    outputTokens: number,
  ): { input: number; output: number; tier: number };
  describe(requestsInHigherTier: number): PricesUsed;
}

type DatasetPrice =
  | number
  | { base: number; tiers: { start: number; price: number }[] }
  | undefined;

/**
 * The pricing of a model: the explicit price when given, else the dataset's list price with
 * the provider's batch discount, else `{ unknownPrice }` saying why and how to give one.
 */
export async function loadModelPricing(
  provider: ProviderId,
  model: string,
  explicit?: ExplicitPrice,
): Promise<ModelPricing | { unknownPrice: string }> {
  if (explicit !== undefined) return explicitPricing(explicit);
  // Loaded only here: the dataset (~90 KB gzip) stays out of the core bundle.
  const { calcPrice } = await import("@pydantic/genai-prices");
  // Vertex serves the Gemini models at the Gemini API's list prices (the dataset keeps one set).
  const id =
    provider === "google"
      ? model.replace(/^models\//, "")
      : provider === "vertex"
        ? model.replace(/^publishers\/google\/models\//, "")
        : model;
  let found: ReturnType<typeof calcPrice> = null;
  try {
    // The dataset files Bedrock's prices under its provider "aws" (model ids as Bedrock's), and
    // Vertex AI's Gemini prices under "google".
    const providerId = provider === "bedrock" ? "aws" : provider === "vertex" ? "google" : provider;
    found = calcPrice({ input_tokens: 0, output_tokens: 0 }, id, { providerId });
  } catch {
    found = null;
  }
  const input = found?.model_price.input_mtok as DatasetPrice;
  const output = found?.model_price.output_mtok as DatasetPrice;
  if (!found || input === undefined || output === undefined) {
    return {
      unknownPrice: `${provider}/${model} has no token price in ${PRICE_DATASET.package} ${PRICE_DATASET.version} (data of ${PRICE_DATASET.dataDate}): give one with price: { inputPerMillion, outputPerMillion }`,
    };
  }
  return datasetPricing(provider, found.model.id, input, output);
}

function explicitPricing(price: ExplicitPrice): ModelPricing {
  return {
    priceRequest: (inputTokens, outputTokens) => ({
      input: (inputTokens * price.inputPerMillion) / 1e6,
      output: (outputTokens * price.outputPerMillion) / 1e6,
      tier: 0,
    }),
    describe: () => ({
      inputPerMillion: price.inputPerMillion,
      outputPerMillion: price.outputPerMillion,
      batchDiscount: 0,
      tiers: [],
      requestsInHigherTier: 0,
      source: { kind: "explicit" },
    }),
  };
}

function baseOf(p: DatasetPrice): number {
  return typeof p === "number" ? p : (p?.base ?? 0);
}

/** The tier starts of both prices, merged and sorted (a tier applies above its start). */
function tiersOf(input: DatasetPrice, output: DatasetPrice): PriceTier[] {
  const starts = new Set<number>();
  for (const p of [input, output])
    if (typeof p === "object") for (const t of p.tiers) starts.add(t.start);
  return [...starts]
    .sort((a, b) => a - b)
    .map((above) => ({
      above,
      inputPerMillion: at(input, above + 1),
      outputPerMillion: at(output, above + 1),
    }));
}

/** The dataset's rule: the price of the highest tier whose start the input tokens exceed. */
function at(p: DatasetPrice, inputTokens: number): number {
  if (typeof p !== "object") return p ?? 0;
  let price = p.base;
  for (const t of p.tiers) if (inputTokens > t.start) price = t.price;
  return price;
}

function datasetPricing(
  provider: ProviderId,
  modelId: string,
  input: DatasetPrice,
  output: DatasetPrice,
): ModelPricing {
  const pay = 1 - BATCH_DISCOUNT[provider];
  const tiers = tiersOf(input, output);
  const baseIn = baseOf(input);
  const baseOut = baseOf(output);
  return {
    priceRequest(inputTokens, outputTokens) {
      let tier = 0;
      let inPrice = baseIn;
      let outPrice = baseOut;
      for (let i = 0; i < tiers.length; i++) {
        const t = tiers[i]!;
        if (inputTokens > t.above) {
          tier = i + 1;
          inPrice = t.inputPerMillion;
          outPrice = t.outputPerMillion;
        }
      }
      return {
        input: (inputTokens * inPrice * pay) / 1e6,
        output: (outputTokens * outPrice * pay) / 1e6,
        tier,
      };
    },
    describe: (requestsInHigherTier) => ({
      inputPerMillion: baseIn,
      outputPerMillion: baseOut,
      batchDiscount: BATCH_DISCOUNT[provider],
      tiers,
      requestsInHigherTier,
      source: { kind: "dataset", ...PRICE_DATASET, modelId },
    }),
  };
}
