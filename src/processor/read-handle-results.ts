import type { BatchBuffer } from "../batch/batch-buffer.js";
import type { BatchHandleData, HandlePart } from "../batch/batch-handle.js";
import { BatchFailedError } from "../errors/batch-failed-error.js";
import { BatchNotFinishedError } from "../errors/batch-not-finished-error.js";
import type { BatchProviderAdapter, PreparedOutputSchema } from "../providers/types.js";
import { countResult, type ResultSummary } from "../results/result-summary.js";
import { SeenIds } from "../results/seen-ids.js";
import { toBatchResult } from "../results/to-batch-result.js";
import {
  type BatchError,
  type BatchResult,
  type BatchStatus,
  isTerminalStatus,
} from "../results/types.js";
import type { Logger } from "../util/logger.js";
import { aggregateStatus } from "./aggregate-status.js";
import { readBatchHandle } from "./read-batch-handle.js";
import { checkResultsOptions } from "./validate-results-options.js";

/** Options of `getResults` / `streamResults`. */
export interface ResultsOptions {
  /**
   * The ids that were submitted, so every one missing from the results comes back as a
   * `missing` error. Not needed with default ids and a multi-part handle.
   * @example { customIds: buffer.customIds }
   */
  customIds?: readonly string[];
  /**
   * The buffer that was submitted: its ids serve as `customIds`, and `resubmitFailed` reads
   * the requests from it.
   * @example { buffer }
   */
  buffer?: BatchBuffer;
}

interface ReadContext<T> {
  adapter: BatchProviderAdapter;
  output: PreparedOutputSchema<T>;
  includeRaw: boolean;
  logger: Logger | undefined;
}

function missing(customId: string): BatchError {
  return {
    success: false,
    customId,
    errorType: "missing",
    errorMessage: "The request was submitted but is absent from the provider's results.",
  };
}

function defaultId(k: number): string {
  return `request-${k}`;
}

/** Results of one provider batch; a batch that failed as a whole becomes one error per known id. */
async function* partResults<T>(
  ctx: ReadContext<T>,
  part: HandlePart,
  idAt: ((k: number) => string) | undefined,
): AsyncGenerator<BatchResult<T>[]> {
  try {
    for await (const outcomes of ctx.adapter.readResultBatches(part.id)) {
      const results = new Array<BatchResult<T>>(outcomes.length);
      for (let i = 0; i < outcomes.length; i++) {
        const result = toBatchResult(outcomes[i]!, ctx.output, ctx.includeRaw);
        // Awaited one by one, in order: an async validator is the rare case.
        results[i] = result instanceof Promise ? await result : result;
      }
      yield results;
    }
  } catch (error) {
    if (!(error instanceof BatchFailedError) || idAt === undefined) throw error;
    ctx.logger?.warn?.("a batch part failed as a whole; its requests are reported as errors", {
      batchId: part.id,
    });
    const results: BatchResult<T>[] = [];
    for (let k = part.first; k < part.first + part.count; k++) {
      results.push({
        success: false,
        customId: idAt(k),
        errorType: "provider_error",
        errorMessage: error.message,
        errorCode: "batch_failed",
      });
    }
    yield results;
  }
}

/**
 * Every part of a handle must have ended before the first result is handed out: a stream that
 * broke off after some parts would leave the caller with results it cannot tell from a retry's.
 */
async function checkAllEnded<T>(
  ctx: ReadContext<T>,
  handle: string,
  layers: HandlePart[][],
): Promise<void> {
  const parts: BatchStatus[] = [];
  for (const part of layers.flat()) parts.push(await ctx.adapter.getStatus(part.id));
  const running = parts.filter((p) => !isTerminalStatus(p.status));
  if (running.length === 0) return;
  const status = aggregateStatus(handle, parts);
  throw new BatchNotFinishedError(
    handle,
    status.status,
    `${running.length} of ${parts.length} parts still running: ${running.map((p) => `${p.id} ${p.rawStatus}`).join(", ")}`,
  );
}

/**
 * Streams the results behind a handle (or a plain batch id), in batches: every part in turn,
 * results of resubmissions in place of the ones they replace, then a `missing` error for each
 * submitted id that never came back. Only ids are remembered, never results (except replaced
 * ones).
 */
export async function* readHandleResultBatches<T>(
  ctx: ReadContext<T>,
  handle: string,
  options: ResultsOptions,
  summary: ResultSummary,
): AsyncGenerator<BatchResult<T>[]> {
  checkResultsOptions(options);
  const data: BatchHandleData | undefined = readBatchHandle(handle, ctx.adapter.id);
  const given = options.customIds ?? options.buffer?.customIds;
  const total = data?.total ?? given?.length ?? 0;
  const idAt = given ? (k: number) => given[k]! : data?.defaultIds ? defaultId : undefined;
  const layers = data?.layers ?? [[{ id: handle, first: 0, count: total }]];
  if (data) await checkAllEnded(ctx, handle, layers);
  const seen = new SeenIds(data?.defaultIds || !given ? total : 0);

  let distinct = 0;
  // Only a plain id without the submitted ids needs to guess whether the defaults were used;
  // everywhere else the ids are known and this test stays off the per-result path.
  let allDefault = !data && !given;
  const emit = (result: BatchResult<T>): BatchResult<T> => {
    if (allDefault && !/^request-\d+$/.test(result.customId)) allDefault = false;
    if (seen.add(result.customId)) distinct++;
    else {
      summary.duplicateIds.push(result.customId);
      ctx.logger?.warn?.("the provider returned an id twice; both results are kept", {
        customId: result.customId,
      });
    }
    countResult(summary, result);
    return result;
  };

  // Newer layers replace older results for the same id, so they are read first (they hold
  // only the resubmitted requests).
  const replacements = new Map<string, BatchResult<T>>();
  for (let layer = layers.length - 1; layer >= 1; layer--) {
    for (const part of layers[layer]!) {
      for await (const results of partResults(ctx, part, undefined)) {
        for (const result of results) {
          if (!replacements.has(result.customId)) replacements.set(result.customId, result);
        }
      }
    }
  }
  for (const part of layers[0]!) {
    for await (const results of partResults(ctx, part, idAt)) {
      for (let i = 0; i < results.length; i++) {
        const result = results[i]!;
        const replacement = replacements.size > 0 ? replacements.get(result.customId) : undefined;
        if (replacement) replacements.delete(result.customId);
        results[i] = emit(replacement ?? result);
      }
      yield results;
    }
  }
  // Resubmitted requests that were missing from the original results.
  if (replacements.size > 0) yield Array.from(replacements.values(), emit);

  if (idAt) {
    let absent: BatchResult<T>[] = [];
    for (let k = 0; k < total; k++) {
      const id = idAt(k);
      if (!seen.has(id)) absent.push(emit(missing(id)));
      if (absent.length >= 1000) {
        yield absent;
        absent = [];
      }
    }
    if (absent.length > 0) yield absent;
    return;
  }
  // Custom ids not given: a handle knows how many were submitted; for a plain id the provider's
  // own count says how many are absent.
  const expected = data ? data.total : (await ctx.adapter.getStatus(handle)).requestCounts.total;
  if (distinct < expected && allDefault && !data) {
    // Every id came back as request-<k>: the defaults were used, so the absent ones are known.
    const absent: BatchResult<T>[] = [];
    for (let k = 0; k < expected; k++) {
      if (!seen.has(defaultId(k))) absent.push(emit(missing(defaultId(k))));
    }
    if (absent.length > 0) yield absent;
  } else if (distinct < expected) {
    summary.unaccounted = expected - distinct;
    ctx.logger?.warn?.(
      "some submitted requests are absent from the results; pass { customIds } to name them",
      {
        absent: summary.unaccounted,
      },
    );
  }
}
