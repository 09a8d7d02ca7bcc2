import { BatchBuffer } from "../batch/batch-buffer.js";
import { bufferFromJsonl } from "../batch/buffer-from-jsonl.js";
import { JsonlWriter } from "../batch/jsonl-writer.js";
import { type LineSource, readLines } from "../batch/read-lines.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { WaitTimeoutError } from "../errors/wait-timeout-error.js";
import type { Conversation } from "../messages/types.js";
import { validateMessagesList } from "../messages/validate-messages.js";
import type {
  BatchProviderAdapter,
  DeleteReport,
  GenerationParams,
  PreparedOutputSchema,
  ProviderId,
} from "../providers/types.js";
import { toBatchResult } from "../results/to-batch-result.js";
import { type BatchResult, type BatchStatus, isTerminalStatus } from "../results/types.js";
import { resolveSchema } from "../schema/resolve-schema.js";
import type { SchemaInput } from "../schema/types.js";
import type { Logger } from "../util/logger.js";
import { sleep } from "../util/sleep.js";
import type {
  BatchProcessorOptions,
  CreateBatchOptions,
  WaitOptions,
} from "./batch-processor-options.js";
import { createProviderAdapter } from "./create-provider-adapter.js";
import { parseModelString } from "./parse-model-string.js";
import { defaultCustomIds, validateCustomIds } from "./validate-custom-ids.js";
import { validateGenerationParams } from "./validate-generation-params.js";

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

  /**
   * @param model `provider/model`: `openai/gpt-4o-mini`, `anthropic/...`, `google/...` (or `gemini/...`).
   * @param schema A Zod 4 schema, a Standard Schema with Standard JSON Schema, or `{ jsonSchema, validate }`.
   * @throws InvalidArgumentError on a bad model string; UnsupportedSchemaError when the provider's structured output cannot express the schema.
   */
  constructor(model: string, schema: SchemaInput<T>, options: BatchProcessorOptions = {}) {
    const parsed = parseModelString(model);
    this.provider = parsed.provider;
    this.model = parsed.model;
    this.#includeRaw = options.includeRaw ?? true;
    this.#logger = options.logger;
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
      options.google,
    );
    // Resolved and converted now so an unsupported schema fails here, not hours later.
    const resolved = resolveSchema(
      schema,
      options.schemaName === undefined ? {} : { name: options.schemaName },
    );
    this.#output = this.#adapter.prepareSchema(resolved);
  }

  /** The JSON Schema sent to the provider (after its structured-output conversion). */
  get wireSchema(): unknown {
    return this.#output.wireSchema;
  }

  /**
   * Builds one request per conversation. Every conversation, custom id and parameter is
   * checked first; on any problem nothing is built or written.
   * @returns a `BatchBuffer` in memory, or the path when `filePath` is a string.
   */
  createBatchFromMessages(
    messagesList: readonly Conversation[],
    options: CreateBatchOptions & { filePath: string },
  ): Promise<string>;
  createBatchFromMessages(
    messagesList: readonly Conversation[],
    options?: CreateBatchOptions & { filePath?: null | undefined },
  ): Promise<BatchBuffer>;
  createBatchFromMessages(
    messagesList: readonly Conversation[],
    options?: CreateBatchOptions,
  ): Promise<BatchBuffer | string>;
  async createBatchFromMessages(
    messagesList: readonly Conversation[],
    options: CreateBatchOptions = {},
  ): Promise<BatchBuffer | string> {
    const { filePath, customIds: givenIds, ...params } = options;
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
    validateMessagesList(messagesList);
    validateGenerationParams(params as GenerationParams);
    const customIds =
      givenIds === undefined
        ? defaultCustomIds(messagesList.length)
        : validateCustomIds(givenIds, messagesList.length, this.provider, this.#adapter.limits);
    const warnings: string[] = [];
    const encode = this.#adapter.createLineEncoder(
      this.#output as PreparedOutputSchema<unknown>,
      params as GenerationParams,
      (message) => {
        warnings.push(message);
        this.#logger?.warn?.(message);
      },
    );
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
   * Uploads the batch and creates it at the provider.
   * @param batch a `BatchBuffer`, or the path of a JSONL file written by `createBatchFromMessages`.
   * @returns the provider's batch id.
   */
  async submitBatch(
    batch: BatchBuffer | string,
    options: { metadata?: Record<string, string> } = {},
  ): Promise<string> {
    let buffer: BatchBuffer;
    if (typeof batch === "string") {
      const { readBytes } = await import("../batch/file-mode.js");
      buffer = bufferFromJsonl(await readBytes(batch), this.provider, this.model, batch);
    } else if (batch instanceof BatchBuffer) {
      buffer = batch;
    } else {
      throw new InvalidArgumentError([
        { code: "invalid_batch", path: ["batch"], message: "must be a BatchBuffer or a file path" },
      ]);
    }
    if (buffer.provider !== this.provider) {
      throw new InvalidArgumentError([
        {
          code: "provider_mismatch",
          path: ["batch"],
          message: `was built for ${buffer.provider}, but this processor submits to ${this.provider}`,
        },
      ]);
    }
    const { maxRequests, maxBytes } = this.#adapter.limits;
    if (buffer.requestCount > maxRequests || buffer.size > maxBytes) {
      throw new InvalidArgumentError([
        {
          code: "batch_too_large",
          path: ["batch"],
          message: `has ${buffer.requestCount} requests and ${buffer.size} bytes; ${this.provider} accepts at most ${maxRequests} requests and ${maxBytes} bytes per batch: split the conversations into several batches`,
        },
      ]);
    }
    return this.#adapter.submit(buffer, options);
  }

  /** The batch's normalised status (`pending`, `processing`, `completed`, `failed`, `cancelled`, `expired`). */
  getBatchStatus(batchId: string): Promise<BatchStatus> {
    return this.#adapter.getStatus(batchId);
  }

  /**
   * Polls until the batch is completed, failed, cancelled or expired, and returns that status.
   * @throws WaitTimeoutError after `timeoutMs`; the signal's reason when aborted.
   */
  async waitForCompletion(batchId: string, options: WaitOptions = {}): Promise<BatchStatus> {
    const interval = options.pollIntervalMs ?? 5000;
    const started = Date.now();
    while (true) {
      options.signal?.throwIfAborted();
      const status = await this.#adapter.getStatus(batchId);
      options.onProgress?.(status);
      if (isTerminalStatus(status.status)) return status;
      const elapsed = Date.now() - started;
      if (options.timeoutMs !== undefined && elapsed >= options.timeoutMs) {
        throw new WaitTimeoutError(batchId, options.timeoutMs, status.status);
      }
      const remaining =
        options.timeoutMs === undefined
          ? interval
          : Math.min(interval, options.timeoutMs - elapsed);
      await sleep(Math.max(0, remaining), options.signal);
    }
  }

  /**
   * Streams the batch's results, each validated with the schema. Every line of the provider's
   * output and error files becomes exactly one `BatchSuccess` or `BatchError`.
   * @throws BatchNotFinishedError while the batch runs; BatchFailedError when it failed as a whole.
   */
  async *streamResults(batchId: string): AsyncGenerator<BatchResult<T>> {
    for await (const outcome of this.#adapter.readResults(batchId)) {
      yield await toBatchResult(outcome, this.#output, this.#includeRaw);
    }
  }

  /** All results of a finished batch (see `streamResults`). */
  async getResults(batchId: string): Promise<BatchResult<T>[]> {
    const results: BatchResult<T>[] = [];
    for await (const result of this.streamResults(batchId)) results.push(result);
    return results;
  }

  /** Parses a downloaded results file (string, bytes, Blob or stream) offline, line by line. */
  async parseResults(content: LineSource): Promise<BatchResult<T>[]> {
    const results: BatchResult<T>[] = [];
    for await (const { line, lineNumber } of readLines(content)) {
      results.push(
        await toBatchResult(
          this.#adapter.parseResultLine(line, lineNumber),
          this.#output,
          this.#includeRaw,
        ),
      );
    }
    return results;
  }

  /** The newest batches at the provider (default 20). */
  listBatches(options: { limit?: number } = {}): Promise<BatchStatus[]> {
    return this.#adapter.list(options);
  }

  /** Asks the provider to cancel; the batch passes through a cancelling state first. */
  cancelBatch(batchId: string): Promise<BatchStatus> {
    return this.#adapter.cancel(batchId);
  }

  /**
   * Deletes a finished batch. OpenAI has no batch deletion: its input, output and error files
   * are deleted and the batch object stays listed (`batchDeleted: false`).
   */
  deleteBatch(batchId: string): Promise<DeleteReport> {
    return this.#adapter.delete(batchId);
  }
}
