import { BatchBuffer } from "../batch/batch-buffer.js";
import { type BatchHandleData, encodeBatchHandle, type HandlePart } from "../batch/batch-handle.js";
import { decodeUtf8 } from "../batch/decode-utf8.js";
import { JsonlWriter } from "../batch/jsonl-writer.js";
import { LineCursor, type LineSource, readLineBatches } from "../batch/read-lines.js";
import { splitBatchBuffer } from "../batch/split-batch-buffer.js";
import type { CostEstimate } from "../cost/cost-types.js";
import type { CostInput, ProcessorEstimateOptions } from "../cost/estimate-cost.js";
import { attachSummaryLazy, estimateWithProcessor } from "../cost/lazy-cost.js";
import { type CostSettings, limitCost } from "../cost/limit-cost.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { PartialSubmitError } from "../errors/partial-submit-error.js";
import type { Conversation } from "../messages/types.js";
import { validateMessagesList } from "../messages/validate-messages.js";
import type {
  BatchProviderAdapter,
  DeleteReport,
  GenerationParams,
  PreparedOutputSchema,
  ProviderId,
} from "../providers/types.js";
import { isTransientError } from "../results/is-transient-error.js";
import { emptySummary, type ResultSummary } from "../results/result-summary.js";
import { toBatchResult } from "../results/to-batch-result.js";
import type { BatchErrorType, BatchResult, BatchStatus } from "../results/types.js";
import { resolveSchema } from "../schema/resolve-schema.js";
import type { SchemaInput } from "../schema/types.js";
import type { Logger } from "../util/logger.js";
import { aggregateStatus } from "./aggregate-status.js";
import type {
  BatchProcessorOptions,
  CreateBatchOptions,
  WaitOptions,
} from "./batch-processor-options.js";
import { buildBatchParts, type ConversationSource, isAsyncIterable } from "./build-batch-parts.js";
import { createProviderAdapter } from "./create-provider-adapter.js";
import { parseLinesSync } from "./parse-lines-sync.js";
import { parseModelString } from "./parse-model-string.js";
import { batchIdsOf, readBatchHandle } from "./read-batch-handle.js";
import { type ResultsOptions, readHandleResultBatches } from "./read-handle-results.js";
import { defaultCustomIds, validateCustomIds } from "./validate-custom-ids.js";
import { validateGenerationParams } from "./validate-generation-params.js";
import { checkListOptions } from "./validate-list-options.js";
import { validateProcessorOptions } from "./validate-processor-options.js";
import { retryErrorTypes } from "./validate-results-options.js";
import { waitForBatch } from "./wait-for-batch.js";

/** A handle with resubmissions is counted per request across its rounds (see aggregateStatus). */
function roundsOf(data: BatchHandleData): { total: number } | undefined {
  return data.layers.length > 1 ? { total: data.total } : undefined;
}

/**
 * Builds, submits and reads provider batches of structured-extraction requests, validating
 * every answer with one schema. `T` is inferred from the schema.
 *
 * @example
 * const processor = new BatchProcessor("openai/gpt-4o-mini", User);
 * const buffer = await processor.createBatchFromMessages(conversations, { maxTokens: 150 });
 * const id = await processor.submitBatch(buffer);
 */
export class BatchProcessor<T> {
  /** `openai`, `anthropic` or `google`. */
  readonly provider: ProviderId;
  /** The model name without the provider prefix. */
  readonly model: string;
  readonly #adapter: BatchProviderAdapter;
  readonly #output: PreparedOutputSchema<T>;
  readonly #includeRaw: boolean;
  readonly #logger: Logger | undefined;
  readonly #split: { maxRequests: number; maxBytes: number };
  readonly #cost: CostSettings;

  /**
   * @param model `provider/model`: `openai/gpt-4o-mini`, `anthropic/...`, `google/...` (or `gemini/...`).
   * @param schema A Zod 4 schema, a Standard Schema with Standard JSON Schema, or `{ jsonSchema, validate }`.
   * @throws InvalidArgumentError on a bad model string; UnsupportedSchemaError when the provider's structured output cannot express the schema.
   */
  constructor(model: string, schema: SchemaInput<T>, options: BatchProcessorOptions = {}) {
    const parsed = parseModelString(model);
    validateProcessorOptions(options);
    this.provider = parsed.provider;
    this.model = parsed.model;
    this.#includeRaw = options.includeRaw ?? true;
    this.#logger = options.logger;
    this.#cost = { maxCost: options.maxCost, price: options.price };
    this.#adapter = createProviderAdapter(
      parsed.provider,
      parsed.model,
      {
        ...(options.client !== undefined && { client: options.client }),
        ...(options.apiKey !== undefined && { apiKey: options.apiKey }),
        ...(options.baseURL !== undefined && { baseURL: options.baseURL }),
        ...(options.fetch !== undefined && { fetch: options.fetch }),
        ...(options.logger !== undefined && { logger: options.logger }),
      },
      options,
    );
    // Resolved and converted now so an unsupported schema fails here, not hours later.
    const resolved = resolveSchema(
      schema,
      options.schemaName === undefined ? {} : { name: options.schemaName },
    );
    this.#output = this.#adapter.prepareSchema(resolved);
    const limits = this.#adapter.limits;
    // Headroom under the byte cap: providers count bytes their own way (wrappers, encodings).
    this.#split = {
      maxRequests: Math.min(options.limits?.maxRequests ?? limits.maxRequests, limits.maxRequests),
      maxBytes: Math.min(
        options.limits?.maxBytes ?? Math.floor(limits.maxBytes * 0.95),
        limits.maxBytes,
      ),
    };
  }

  /** The JSON Schema sent to the provider (after its structured-output conversion). */
  get wireSchema(): unknown {
    return this.#output.wireSchema;
  }

  /**
   * Builds one request per conversation. Every conversation, custom id and parameter is
   * checked first; on any problem nothing is built or written.
   *
   * `messagesList` may also be an iterable or async iterable (a cursor, a file being read).
   * With `stream: true` it returns the batch as parts within the provider's limits, built one
   * at a time as they are consumed: hand them to `submitBatch` and memory holds one part.
   * @returns a `BatchBuffer` in memory, the path when `filePath` is a string, or the parts.
   */
  createBatchFromMessages(
    messagesList: ConversationSource,
    options: CreateBatchOptions & { stream: true },
  ): Promise<AsyncIterable<BatchBuffer>>;
  createBatchFromMessages(
    messagesList: ConversationSource,
    options: CreateBatchOptions & { filePath: string },
  ): Promise<string>;
  createBatchFromMessages(
    messagesList: ConversationSource,
    options?: CreateBatchOptions & { filePath?: null | undefined; stream?: false | undefined },
  ): Promise<BatchBuffer>;
  createBatchFromMessages(
    messagesList: ConversationSource,
    options?: CreateBatchOptions,
  ): Promise<BatchBuffer | string | AsyncIterable<BatchBuffer>>;
  async createBatchFromMessages(
    source: ConversationSource,
    options: CreateBatchOptions = {},
  ): Promise<BatchBuffer | string | AsyncIterable<BatchBuffer>> {
    const { filePath, customIds: givenIds, stream, ...params } = options;
    if (
      filePath !== undefined &&
      filePath !== null &&
      (typeof filePath !== "string" || filePath === "")
    ) {
      throw new InvalidArgumentError([
        {
          code: "invalid_file_path",
          path: ["filePath"],
          message: "must be a non-empty string, null or absent",
        },
      ]);
    }
    validateGenerationParams(params as GenerationParams);
    const warnings: string[] = [];
    const encode = this.#adapter.createLineEncoder(
      this.#output as PreparedOutputSchema<unknown>,
      params as GenerationParams,
      (message) => {
        warnings.push(message);
        this.#logger?.warn?.(message);
      },
    );
    if (stream) {
      if (typeof filePath === "string") {
        throw new InvalidArgumentError([
          { code: "invalid_option", path: ["stream"], message: "cannot be combined with filePath" },
        ]);
      }
      return buildBatchParts(source, givenIds, {
        provider: this.provider,
        model: this.model,
        limits: this.#adapter.limits,
        ...this.#split,
        encode,
        warnings,
      });
    }
    let messagesList: readonly Conversation[];
    if (Array.isArray(source)) messagesList = source;
    else if (isAsyncIterable(source)) {
      const collected: Conversation[] = [];
      for await (const c of source) collected.push(c);
      messagesList = collected;
    } else messagesList = [...(source as Iterable<Conversation>)];
    validateMessagesList(messagesList);
    if (typeof givenIds === "function") {
      throw new InvalidArgumentError([
        {
          code: "invalid_custom_ids",
          path: ["customIds"],
          message: "a function is only taken with stream: true; pass an array",
        },
      ]);
    }
    const customIds =
      givenIds === undefined
        ? defaultCustomIds(messagesList.length)
        : validateCustomIds(givenIds, messagesList.length, this.provider, this.#adapter.limits);
    const writer = new JsonlWriter();
    for (let i = 0; i < messagesList.length; i++) {
      writer.push(encode(customIds[i]!, messagesList[i]!));
    }
    const chunks = writer.finish();
    if (typeof filePath === "string") {
      const { writeFileAtomic } = await import("../batch/file-mode.js");
      await writeFileAtomic(filePath, chunks);
      return filePath;
    }
    return new BatchBuffer({
      provider: this.provider,
      model: this.model,
      customIds,
      chunks,
      warnings,
    });
  }

  /**
   * What the batch will cost, before it is sent (see `CostEstimate`): conversations (with the
   * parameters `createBatchFromMessages` would get), a `BatchBuffer` or streamed parts.
   * @example const { cost } = await processor.estimateCost(conversations, { maxTokens: 300 });
   */
  estimateCost(input: CostInput, options: ProcessorEstimateOptions = {}): Promise<CostEstimate> {
    return estimateWithProcessor(this, input, { price: this.#cost.price, ...options });
  }

  /**
   * Sends the batch and creates it at the provider. A batch over the provider's limits (or the
   * processor's `limits`) is sent as several provider batches, one after another.
   * @param batch a `BatchBuffer`, the path of a JSONL file written by `createBatchFromMessages`,
   *   or the parts of `createBatchFromMessages(..., { stream: true })`.
   * @returns the provider's batch id when one batch was made, else a handle (`sbh1_...`) that
   *   every other method accepts and that can be stored to resume later.
   * @throws PartialSubmitError when some parts were created before a failure (its `handle`
   *   covers them).
   * @throws CostLimitExceededError when `maxCost` is set and the estimate is over it.
   */
  async submitBatch(
    batch: BatchBuffer | string | AsyncIterable<BatchBuffer> | Iterable<BatchBuffer>,
    options: { metadata?: Record<string, string> } = {},
  ): Promise<string> {
    let parts:
      | AsyncIterable<{ first: number; buffer: BatchBuffer }>
      | Iterable<{ first: number; buffer: BatchBuffer }>;
    let defaultIds = true;
    let whole: BatchBuffer | undefined;
    if (typeof batch === "string" || batch instanceof BatchBuffer) {
      let buffer: BatchBuffer;
      if (typeof batch === "string") {
        // Loaded only for a path, like the file mode it reads with: the core stays small.
        const { readBatchFile } = await import("./read-batch-file.js");
        buffer = await readBatchFile(batch, this.provider, this.model, this.#adapter.limits);
      } else buffer = batch;
      this.#checkProvider(buffer);
      whole = buffer;
      defaultIds = buffer.customIds.every((id, i) => id === `request-${i}`);
      parts = splitBatchBuffer(buffer, this.#split.maxRequests, this.#split.maxBytes);
    } else if (
      batch &&
      (isAsyncIterable(batch) ||
        typeof (batch as Iterable<BatchBuffer>)[Symbol.iterator] === "function")
    ) {
      parts = this.#numberParts(batch, (d) => {
        defaultIds &&= d;
      });
    } else {
      throw new InvalidArgumentError([
        {
          code: "invalid_batch",
          path: ["batch"],
          message: "must be a BatchBuffer, a file path or the parts of a streamed build",
        },
      ]);
    }
    const created: HandlePart[] = [];
    let submitted = 0;
    const handleOf = () =>
      created.length === 0
        ? undefined
        : encodeBatchHandle({
            v: 1,
            provider: this.provider,
            total: submitted,
            defaultIds,
            layers: [created],
          });
    try {
      for await (const { first, buffer } of limitCost(parts, whole, this.#cost)) {
        this.#checkProvider(buffer);
        const id = await this.#adapter.submit(buffer, options);
        created.push({ id, first, count: buffer.requestCount });
        submitted += buffer.requestCount;
      }
    } catch (error) {
      if (created.length === 0) throw error;
      throw new PartialSubmitError(handleOf(), submitted, error);
    }
    if (created.length === 1) return created[0]!.id;
    this.#logger?.info?.("batch submitted in parts", {
      parts: created.length,
      requests: submitted,
    });
    return handleOf()!;
  }

  async *#numberParts(
    parts: AsyncIterable<BatchBuffer> | Iterable<BatchBuffer>,
    onIds: (defaultIds: boolean) => void,
  ): AsyncGenerator<{ first: number; buffer: BatchBuffer }> {
    let first = 0;
    for await (const buffer of parts as AsyncIterable<BatchBuffer>) {
      if (!(buffer instanceof BatchBuffer)) {
        throw new InvalidArgumentError([
          { code: "invalid_batch", path: ["batch"], message: "every part must be a BatchBuffer" },
        ]);
      }
      onIds(buffer.customIds.every((id, i) => id === `request-${first + i}`));
      // A part over the limits (built elsewhere) is cut further.
      for (const piece of splitBatchBuffer(buffer, this.#split.maxRequests, this.#split.maxBytes)) {
        yield { first: first + piece.first, buffer: piece.buffer };
      }
      first += buffer.requestCount;
    }
  }

  #checkProvider(buffer: BatchBuffer): void {
    if (buffer.provider !== this.provider) {
      throw new InvalidArgumentError([
        {
          code: "provider_mismatch",
          path: ["batch"],
          message: `was built for ${buffer.provider}, but this processor submits to ${this.provider}`,
        },
      ]);
    }
  }

  /**
   * The normalised status (`pending`, `processing`, `completed`, `failed`, `cancelled`,
   * `expired`). For a multi-part handle: one status for all parts (counts summed, still
   * running while any part runs), with each part's own status in `parts`.
   */
  async getBatchStatus(batchId: string): Promise<BatchStatus & { parts?: BatchStatus[] }> {
    const data = readBatchHandle(batchId, this.provider);
    if (!data) return this.#adapter.getStatus(batchId);
    const parts: BatchStatus[] = [];
    for (const part of data.layers.flat()) parts.push(await this.#adapter.getStatus(part.id));
    return aggregateStatus(batchId, parts, roundsOf(data));
  }

  /**
   * Polls until the batch (every part of a handle) is completed, failed, cancelled or expired,
   * and returns that status. Backs off between `pollIntervalMs` and `maxPollIntervalMs` with
   * jitter while nothing moves, and warns through the logger after `stallWarningMs` without
   * movement.
   * @throws WaitTimeoutError after `timeoutMs`; the signal's reason when aborted.
   */
  waitForCompletion(
    batchId: string,
    options: WaitOptions = {},
  ): Promise<BatchStatus & { parts?: BatchStatus[] }> {
    return waitForBatch(batchId, () => this.getBatchStatus(batchId), options, this.#logger);
  }

  /**
   * Streams the results, each validated with the schema: every result line of every part
   * becomes exactly one `BatchSuccess` or `BatchError`, and every submitted id that never came
   * back becomes a `missing` error (ids known from a multi-part handle with default ids, from
   * `customIds`/`buffer`, or, for a plain id, from the provider's count when the ids are the
   * defaults). Memory stays flat: results are not kept.
   * @throws BatchNotFinishedError while the batch runs; BatchFailedError when it failed as a
   *   whole and its ids are not known.
   */
  async *streamResults(
    batchId: string,
    options: ResultsOptions = {},
  ): AsyncGenerator<BatchResult<T>> {
    const batches = readHandleResultBatches(this.#readContext(), batchId, options, emptySummary());
    for await (const results of batches) yield* results;
  }

  /**
   * All results of a finished batch (see `streamResults`), with `results.summary`: successes,
   * failures per error type, missing and duplicate ids, tokens used.
   */
  async getResults(batchId: string, options: ResultsOptions = {}): Promise<BatchResults<T>> {
    const summary = emptySummary();
    const results: BatchResult<T>[] = [];
    for await (const batch of readHandleResultBatches(
      this.#readContext(),
      batchId,
      options,
      summary,
    )) {
      for (const r of batch) results.push(r);
    }
    await attachSummaryLazy(results, summary, this.provider, this.model, this.#cost.price);
    return results as BatchResults<T>;
  }

  #readContext() {
    return {
      adapter: this.#adapter,
      output: this.#output,
      includeRaw: this.#includeRaw,
      logger: this.#logger,
    };
  }

  /**
   * Sends again, as a new batch, the requests that failed with the chosen error types
   * (default: `expired`, `missing`, and `provider_error` of transient kinds: 408, 429, 5xx,
   * or no status), and returns a handle whose results are the original's with the retried
   * ones replaced. The requests are read from `buffer` (the one submitted). Returns the same
   * handle when nothing needs sending.
   */
  async resubmitFailed(
    batchId: string,
    options: {
      buffer: BatchBuffer;
      errorTypes?: BatchErrorType[];
      metadata?: Record<string, string>;
    },
  ): Promise<string> {
    const { buffer } = options;
    if (!(buffer instanceof BatchBuffer)) {
      throw new InvalidArgumentError([
        {
          code: "missing_buffer",
          path: ["buffer"],
          message: "resubmitFailed needs the buffer that was submitted, to read the requests from",
        },
      ]);
    }
    this.#checkProvider(buffer);
    const handle = readBatchHandle(batchId, this.provider);
    if (handle && handle.total !== buffer.requestCount) {
      throw new InvalidArgumentError([
        {
          code: "buffer_mismatch",
          path: ["buffer"],
          message: `holds ${buffer.requestCount} requests, but the batch was submitted with ${handle.total}: pass the buffer that was submitted`,
        },
      ]);
    }
    const types = retryErrorTypes(options.errorTypes);
    const transientOnly = options.errorTypes === undefined;
    const retry = new Set<string>();
    for await (const r of this.streamResults(batchId, { buffer })) {
      if (r.success || !types.has(r.errorType)) continue;
      if (
        transientOnly &&
        r.errorType === "provider_error" &&
        !isTransientError(r.statusCode, r.errorCode)
      )
        continue;
      retry.add(r.customId);
    }
    if (retry.size === 0) return batchId;
    const positions: number[] = [];
    buffer.customIds.forEach((id, i) => {
      if (retry.has(id)) positions.push(i);
    });
    const writer = new JsonlWriter();
    let k = 0;
    for (const line of buffer.lines()) {
      if (retry.has(buffer.customIds[k]!)) writer.push(line);
      k++;
    }
    const retryBuffer = new BatchBuffer({
      provider: this.provider,
      model: buffer.model,
      customIds: positions.map((i) => buffer.customIds[i]!),
      chunks: writer.finish(),
    });
    const retryParts: HandlePart[] = [];
    for (const piece of splitBatchBuffer(
      retryBuffer,
      this.#split.maxRequests,
      this.#split.maxBytes,
    )) {
      retryParts.push({
        id: await this.#adapter.submit(piece.buffer, options),
        first: piece.first,
        count: piece.buffer.requestCount,
      });
    }
    const base = handle ?? {
      v: 1 as const,
      provider: this.provider,
      total: buffer.requestCount,
      defaultIds: buffer.customIds.every((id, i) => id === `request-${i}`),
      layers: [[{ id: batchId, first: 0, count: buffer.requestCount }]],
    };
    this.#logger?.info?.("failed requests resubmitted", {
      requests: retry.size,
      parts: retryParts.length,
    });
    return encodeBatchHandle({ ...base, layers: [...base.layers, retryParts] });
  }

  /**
   * Streams the result lines as the provider serves them, unparsed and unvalidated (for
   * archiving, or `parseResults` later): every part of a handle in turn, oldest layer first;
   * for OpenAI the output file, then the error file; for a Gemini inline batch, each inline
   * response as one JSON line.
   * @throws BatchNotFinishedError while the batch runs; BatchFailedError when it failed as a whole.
   */
  async *streamRawResults(batchId: string): AsyncGenerator<string> {
    for (const id of batchIdsOf(batchId, this.provider)) {
      for await (const lines of this.#adapter.readRawLineBatches(id)) yield* lines;
    }
  }

  /** Parses a downloaded results file (string, bytes, Blob or stream) offline, line by line. */
  async parseResults(content: LineSource): Promise<BatchResult<T>[]> {
    const results: BatchResult<T>[] = [];
    // Locals, not private fields, in the loops: this runs once per line of files of any size.
    const adapter = this.#adapter;
    const output = this.#output;
    const keepRaw = this.#includeRaw;
    if (typeof content === "string" || content instanceof Uint8Array) {
      // In hand already: a plain loop, no async step per line.
      const text = typeof content === "string" ? content : decodeUtf8(content);
      const cursor = new LineCursor(text);
      // The loop runs in a plain function, where V8 can optimise it while it runs; it stops
      // only at a result that must be awaited (an async schema).
      for (
        let pending = parseLinesSync(cursor, adapter, output, keepRaw, results);
        pending !== undefined;
        pending = parseLinesSync(cursor, adapter, output, keepRaw, results)
      ) {
        results.push(await pending);
      }
      return results;
    }
    for await (const batch of readLineBatches(content)) {
      for (const { line, lineNumber } of batch) {
        const r = toBatchResult(adapter.parseResultLine(line, lineNumber), output, keepRaw);
        results.push(r instanceof Promise ? await r : r);
      }
    }
    return results;
  }

  /**
   * Like `parseResults`, as a stream: each line is parsed and validated as it arrives, and no
   * result is kept, so a results file of any size takes flat memory.
   */
  async *parseResultsStream(content: LineSource): AsyncGenerator<BatchResult<T>> {
    for await (const batch of readLineBatches(content)) {
      for (const { line, lineNumber } of batch) {
        const r = toBatchResult(
          this.#adapter.parseResultLine(line, lineNumber),
          this.#output,
          this.#includeRaw,
        );
        yield r instanceof Promise ? await r : r;
      }
    }
  }

  /** The newest batches at the provider (default 20). */
  async listBatches(options: { limit?: number } = {}): Promise<BatchStatus[]> {
    return this.#adapter.list(checkListOptions(options));
  }

  /** Asks the provider to cancel (every part of a handle); each passes through a cancelling state. */
  async cancelBatch(batchId: string): Promise<BatchStatus & { parts?: BatchStatus[] }> {
    const data = readBatchHandle(batchId, this.provider);
    if (!data) return this.#adapter.cancel(batchId);
    const parts: BatchStatus[] = [];
    for (const part of data.layers.flat()) {
      const status = await this.#adapter.getStatus(part.id);
      parts.push(
        status.status === "pending" || status.status === "processing"
          ? await this.#adapter.cancel(part.id)
          : status,
      );
    }
    return aggregateStatus(batchId, parts, roundsOf(data));
  }

  /**
   * Deletes a finished batch (every part of a handle). OpenAI has no batch deletion: its
   * input, output and error files are deleted and the batch object stays listed
   * (`batchDeleted: false`).
   */
  async deleteBatch(batchId: string): Promise<DeleteReport> {
    const data = readBatchHandle(batchId, this.provider);
    if (!data) return this.#adapter.delete(batchId);
    const reports: DeleteReport[] = [];
    for (const part of data.layers.flat()) reports.push(await this.#adapter.delete(part.id));
    return {
      id: batchId,
      batchDeleted: reports.every((r) => r.batchDeleted),
      deletedFiles: reports.flatMap((r) => r.deletedFiles),
    };
  }
}

/** Results with their summary. */
export type BatchResults<T> = BatchResult<T>[] & { summary: ResultSummary };
