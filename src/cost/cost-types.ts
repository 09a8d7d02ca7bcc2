import type { ProviderId } from "../providers/types.js";

/**
 * A price given by the caller, per million tokens, as paid for batch requests: it replaces the
 * dataset's price and no batch discount is applied to it. The same shape as `JobOptions.price`.
 * @example { inputPerMillion: 0.125, outputPerMillion: 1 } // gpt-5-mini at half price
 */
export interface ExplicitPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** One price tier of the dataset: requests with more input tokens than `above` pay these. */
export interface PriceTier {
  above: number;
  inputPerMillion: number;
  outputPerMillion: number;
}

/** The prices a cost was computed with, and where they come from. */
export interface PricesUsed {
  /** List price per million input tokens (the base tier), before the batch discount. */
  inputPerMillion: number;
  /** List price per million output tokens (the base tier), before the batch discount. */
  outputPerMillion: number;
  /** Share taken off for batch requests (0.5 = half price); 0 for an explicit price. */
  batchDiscount: number;
  /** Higher prices for requests over a number of input tokens (per request, never on totals). */
  tiers: PriceTier[];
  /** How many requests were priced at a tier above the base. */
  requestsInHigherTier: number;
  /**
   * `dataset`: `@pydantic/genai-prices` (its version and the date of its data);
   * `explicit`: the `price` option.
   */
  source:
    | { kind: "dataset"; package: string; version: string; dataDate: string; modelId: string }
    | { kind: "explicit" };
}

/** A cost in US dollars: what `estimateCost` says before, and `summary.cost` after. */
export interface CostFigures {
  currency: "USD";
  /** Input cost (per request, at its tier, batch discount applied once). */
  input: number;
  /** Output cost: in an estimate, the most it can be (`maxOutputTokens` per request). */
  output: number;
  /** `input + output`: in an estimate, the most the batch can cost. */
  total: number;
  /** `true` in an estimate, whose output figure is a bound; `false` after results. */
  atMost: boolean;
  prices: PricesUsed;
}

/** Images and PDFs in the requests, with their approximated tokens. */
export interface FileTokens {
  images: number;
  pdfs: number;
  /** PDF pages counted (from the page objects of inline PDFs; 1 per PDF that cannot be read). */
  pdfPages: number;
  /** Tokens counted for them (included in `inputTokens`). */
  tokens: number;
  /** The rule used, always an approximation. */
  counting: string;
}

/** What `estimateCost` returns: plain data, safe to print or store. */
export interface CostEstimate {
  provider: ProviderId;
  model: string;
  requests: number;
  /** Input tokens of all requests: messages, schema/tool overhead and files. */
  inputTokens: number;
  /** How the text was counted: `exact: o200k_base (gpt-tokenizer)` or `approximate: ...`. */
  tokenCounting: string;
  /** The structured-output schema / tool definition, counted once per request (in `inputTokens`). */
  schemaTokensPerRequest: number;
  files: FileTokens;
  /**
   * The output bound: `perRequest` when every request has the same one, `total` over all
   * requests, and where it comes from: `request limit` (the `max_tokens` on each line: `maxTokens`, or the default the library sends, e.g.
   * Anthropic's 4096), the model's ceiling from the catalog, or `unknown`.
   */
  maxOutputTokens: {
    perRequest: number | undefined;
    total: number | undefined;
    source: "request limit" | "model ceiling" | "unknown";
  };
  /** Undefined when the price or the output bound is not known (see `unknownPrice`). */
  cost: CostFigures | undefined;
  /** Why there is no cost: the model is not in the price dataset, or the output is unbounded. */
  unknownPrice?: string;
}

/** `summary.cost` when it could not be computed. */
export interface UnknownCost {
  unknownPrice: string;
}
