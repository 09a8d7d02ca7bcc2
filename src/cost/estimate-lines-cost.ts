import { countPdfPages } from "../messages/count-pdf-pages.js";
import type { ProviderId } from "../providers/types.js";
import type { CostEstimate, ExplicitPrice } from "./cost-types.js";
import { FILE_COUNTING, FILE_TOKENS } from "./file-token-rules.js";
import { loadModelPricing } from "./model-pricing.js";
import { readRequestLine } from "./read-request-line.js";
import {
  loadTextTokenCounter,
  TOKENS_PER_MESSAGE,
  TOKENS_PER_REPLY,
} from "./text-token-counter.js";

/** Options of `estimateCost`. */
export interface EstimateCostOptions {
  /**
   * Prices per million tokens to use instead of the dataset's, as paid for batch requests (no
   * discount is applied to them). Needed for a model the dataset does not know.
   * @example { price: { inputPerMillion: 0.125, outputPerMillion: 1 } }
   */
  price?: ExplicitPrice;
}

/**
 * The output ceiling of a model (the catalog's `maxOutputTokens`), for requests without a
 * limit. Handed in by the caller so that this lazily loaded code does not carry the catalog.
 */
export type CeilingOf = (provider: ProviderId, model: string) => number | undefined;

/**
 * Estimates a batch from its encoded request lines, one request at a time (each at its price
 * tier): input tokens counted, output bounded by each request's output limit. Linear in the
 * lines; holds one line at a time.
 */
export async function estimateLinesCost(
  provider: ProviderId,
  model: string,
  lines: AsyncIterable<string> | Iterable<string>,
  options: EstimateCostOptions,
  ceilingOf: CeilingOf,
): Promise<CostEstimate> {
  const [counter, pricing] = await Promise.all([
    loadTextTokenCounter(provider, model),
    loadModelPricing(provider, model, options.price),
  ]);
  const ceiling = ceilingOf(provider, model);
  const rules = FILE_TOKENS[provider];
  let requests = 0;
  let inputTokens = 0;
  let schemaTokensPerRequest = 0;
  let images = 0;
  let pdfs = 0;
  let pdfPages = 0;
  let fileTokens = 0;
  let outputTotal = 0;
  let perRequest: number | undefined;
  let sameBound = true;
  let fromCeiling = false;
  let unbounded = false;
  let inputCost = 0;
  let outputCost = 0;
  let inHigherTier = 0;
  // Every line of a batch carries the same schema: it is tokenised once, not once per line.
  let lastSchema: string | undefined;
  let lastSchemaTokens = 0;
  for await (const line of lines as AsyncIterable<string>) {
    const parts = readRequestLine(provider, line);
    let tokens = TOKENS_PER_REPLY + parts.messages * TOKENS_PER_MESSAGE;
    for (const text of parts.texts) tokens += counter.count(text);
    if (parts.schemaText !== lastSchema) {
      lastSchema = parts.schemaText;
      lastSchemaTokens = counter.count(parts.schemaText);
    }
    if (requests === 0) schemaTokensPerRequest = lastSchemaTokens;
    tokens += lastSchemaTokens;
    let files = parts.images * rules.image;
    for (const data of parts.pdfs) {
      const pages = data === undefined ? 1 : countPdfPages(data);
      pdfPages += pages;
      files += pages * rules.pdfPage;
    }
    images += parts.images;
    pdfs += parts.pdfs.length;
    fileTokens += files;
    tokens += files;
    let bound = parts.maxOutputTokens;
    if (bound === undefined && ceiling !== undefined) {
      bound = ceiling;
      fromCeiling = true;
    }
    if (bound === undefined) unbounded = true;
    else outputTotal += bound;
    if (requests === 0) perRequest = bound;
    else if (bound !== perRequest) sameBound = false;
    if (!("unknownPrice" in pricing)) {
      const priced = pricing.priceRequest(tokens, bound ?? 0);
      inputCost += priced.input;
      outputCost += priced.output;
      if (priced.tier > 0) inHigherTier++;
    }
    inputTokens += tokens;
    requests++;
  }
  const estimate: CostEstimate = {
    provider,
    model,
    requests,
    inputTokens,
    tokenCounting: `${counter.counting}; plus ${TOKENS_PER_MESSAGE} per message and ${TOKENS_PER_REPLY} per request of framing, and the schema counted as its JSON text`,
    schemaTokensPerRequest,
    files: { images, pdfs, pdfPages, tokens: fileTokens, counting: FILE_COUNTING },
    maxOutputTokens: {
      perRequest: sameBound && !unbounded ? perRequest : undefined,
      total: unbounded ? undefined : outputTotal,
      source: unbounded ? "unknown" : fromCeiling ? "model ceiling" : "request limit",
    },
    cost: undefined,
  };
  if ("unknownPrice" in pricing) return { ...estimate, unknownPrice: pricing.unknownPrice };
  if (unbounded) {
    return {
      ...estimate,
      unknownPrice: `the output of ${provider}/${model} is not bounded: no maxTokens is set and the model catalog has no output ceiling for it; set maxTokens`,
    };
  }
  estimate.cost = {
    currency: "USD",
    input: inputCost,
    output: outputCost,
    total: inputCost + outputCost,
    atMost: true,
    prices: pricing.describe(inHigherTier),
  };
  return estimate;
}
