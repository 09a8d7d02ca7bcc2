import type { CostFigures } from "../cost/cost-types.js";
import type { BatchErrorType, BatchResult, TokenUsage } from "./types.js";

/** What came back, counted: comes with `getResults` as `results.summary`. */
export interface ResultSummary {
  /** Results in all (one per submitted request when the ids are known). */
  total: number;
  succeeded: number;
  failed: number;
  /** Failures per error type. */
  byErrorType: Partial<Record<BatchErrorType, number>>;
  /** Ids the provider returned more than once (every copy is kept in the results). */
  duplicateIds: string[];
  /**
   * Requests the provider counted but that could not be named as `missing` because their ids
   * are not known here (custom ids, and neither `customIds` nor `buffer` given to getResults).
   */
  unaccounted: number;
  /** Tokens of every result that reported usage. */
  usage: TokenUsage;
  /**
   * What the results cost in USD, from each result's usage (per request, at its price tier,
   * batch discount applied): set by `getResults`. Undefined when the model has no price (see
   * `unknownPrice`), and in `summarizeResults` (give the results to `resultsCost`).
   */
  cost?: CostFigures | undefined;
  /** Why `cost` is undefined after `getResults`: the model is not in the price dataset. */
  unknownPrice?: string;
}

export function emptySummary(): ResultSummary {
  return {
    total: 0,
    succeeded: 0,
    failed: 0,
    byErrorType: {},
    duplicateIds: [],
    unaccounted: 0,
    usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
  };
}

/** Adds one result to a summary. */
export function countResult(summary: ResultSummary, result: BatchResult<unknown>): void {
  summary.total++;
  if (result.success) summary.succeeded++;
  else {
    summary.failed++;
    summary.byErrorType[result.errorType] = (summary.byErrorType[result.errorType] ?? 0) + 1;
  }
  if (result.usage) {
    summary.usage.inputTokens += result.usage.inputTokens;
    summary.usage.outputTokens += result.usage.outputTokens;
    summary.usage.totalTokens += result.usage.totalTokens;
  }
}

/** A summary of results already in hand. */
export function summarizeResults(results: readonly BatchResult<unknown>[]): ResultSummary {
  const summary = emptySummary();
  const seen = new Set<string>();
  for (const r of results) {
    countResult(summary, r);
    if (seen.has(r.customId)) summary.duplicateIds.push(r.customId);
    seen.add(r.customId);
  }
  return summary;
}
