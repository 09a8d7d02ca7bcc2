import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { bufferChunks } from "../../batch/buffer-chunks.js";
import type { NumberedLine } from "../../batch/read-lines.js";
import { readLineBatchesResumable } from "../../batch/read-lines-resumable.js";
import { BatchNotFinishedError } from "../../errors/batch-not-finished-error.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { StructuredBatchError } from "../../errors/structured-batch-error.js";
import { findModel } from "../../models/find-model.js";
import { type BatchStatus, isTerminalStatus } from "../../results/types.js";
import type { ResolvedSchema } from "../../schema/types.js";
import { redact } from "../../util/redact.js";
import { metadataShapeIssues } from "../check-metadata.js";
import { createBatchOnce } from "../create-batch-once.js";
import { toProviderApiError } from "../to-provider-api-error.js";
import type {
  BatchProviderAdapter,
  DeleteReport,
  GenerationParams,
  ListOptions,
  PreparedOutputSchema,
  ProviderClientOptions,
  ProviderOutcome,
  SubmitOptions,
} from "../types.js";
import { ANTHROPIC_LIMITS } from "./anthropic-limits.js";
import type { AnthropicStructuredOutput } from "./anthropic-thinking.js";
import { buildAnthropicLineEncoder } from "./build-anthropic-line-encoder.js";
import { type AnthropicClientLike, loadAnthropicClient } from "./load-anthropic-client.js";
import {
  type AnthropicBatchObject,
  mapAnthropicBatchStatus,
} from "./map-anthropic-batch-status.js";
import { mapAnthropicResultLine } from "./map-anthropic-result-line.js";
import { prepareAnthropicNativeSchema } from "./prepare-anthropic-native-schema.js";
import { prepareAnthropicSchema } from "./prepare-anthropic-schema.js";

/** Anthropic settings of a processor (`BatchProcessorOptions.anthropic`). */
export interface AnthropicProviderOptions {
  /** Forced tool use (default) or `output_config.format`; see `BatchProcessorOptions`. */
  structuredOutput?: AnthropicStructuredOutput;
}

class AnthropicProvider implements BatchProviderAdapter {
  readonly id = "anthropic" as const;
  readonly limits = ANTHROPIC_LIMITS;
  readonly model: string;
  #options: ProviderClientOptions;
  #client: Promise<AnthropicClientLike> | undefined;
  readonly #structuredOutput: AnthropicStructuredOutput;
  readonly #explicitMode: boolean;

  constructor(model: string, options: ProviderClientOptions, anthropic: AnthropicProviderOptions) {
    this.model = model;
    this.#options = options;
    this.#explicitMode = anthropic.structuredOutput !== undefined;
    // A model that refuses forced tool use (thinking always on) gets native output by default.
    const native = findModel("anthropic", model)?.forcedToolUse === false;
    this.#structuredOutput = anthropic.structuredOutput ?? (native ? "native" : "tool");
  }

  #sdk(): Promise<AnthropicClientLike> {
    // Kept after a failure too: a missing key or SDK will not appear between two calls.
    this.#client ??= loadAnthropicClient(this.#options);
    return this.#client;
  }

  async #call<R>(operation: string, fn: (client: AnthropicClientLike) => PromiseLike<R>) {
    const client = await this.#sdk();
    try {
      return await fn(client);
    } catch (error) {
      throw toProviderApiError("anthropic", operation, error, [this.#options.apiKey]);
    }
  }

  prepareSchema<T>(schema: ResolvedSchema<T>): PreparedOutputSchema<T> {
    const caps = findModel("anthropic", this.model);
    if (this.#structuredOutput === "tool") {
      if (caps?.forcedToolUse === false && this.#explicitMode) {
        throw new InvalidArgumentError([
          {
            code: "unsupported_structured_output",
            path: ["anthropic", "structuredOutput"],
            message: `${this.model} (${caps.family}) refuses forced tool use: use structuredOutput "native" (its default)`,
          },
        ]);
      }
      return prepareAnthropicSchema(schema);
    }
    if (caps !== undefined && !caps.structuredOutput) {
      throw new InvalidArgumentError([
        {
          code: "unsupported_structured_output",
          path: ["anthropic", "structuredOutput"],
          message: `${this.model} (${caps.family}) has no native structured output (output_config.format): use structuredOutput "tool", which works on every Claude model`,
        },
      ]);
    }
    return prepareAnthropicNativeSchema(schema);
  }

  createLineEncoder(
    output: PreparedOutputSchema<unknown>,
    params: GenerationParams,
    warn: (message: string) => void,
  ) {
    return buildAnthropicLineEncoder(this.model, output, params, warn, this.#structuredOutput);
  }

  /**
   * Requests travel inline in the create body. The SDK sends a Uint8Array body as it is, so the
   * body is made from the buffer's bytes (`{"requests":[` + lines joined by `,` + `]}`) instead
   * of parsing every line only for `messages.batches.create` to serialise it again.
   * Anthropic batches have no metadata field: given metadata is not sent, and the logger says so.
   */
  async submit(batch: BatchBuffer, options: SubmitOptions): Promise<string> {
    // Not sent, but a mistake all the same: refused as on the other providers.
    const shape = metadataShapeIssues(options.metadata);
    if (shape.length > 0) throw new InvalidArgumentError(shape);
    if (options.metadata !== undefined && Object.keys(options.metadata).length > 0) {
      this.#options.logger?.warn?.(
        "metadata is not sent: Anthropic message batches have no metadata field",
        { keys: Object.keys(options.metadata) },
      );
    }
    const client = await this.#sdk();
    // Sending code is loaded when a batch is sent, as the SDK is: the core stays small.
    const { requestsBodyStream } = await import("./requests-body-stream.js");
    // References to the buffer's chunks, not copies.
    const chunks = await bufferChunks(batch);
    // No input file or metadata names an Anthropic batch, so the newest batch before this one
    // is noted: a batch made by this call is newer, of the same size.
    const startedAt = Date.now();
    const before = await this.#newestBatchId(client);
    const id = await createBatchOnce({
      provider: "anthropic",
      logger: this.#options.logger,
      create: async () => {
        // A fresh stream per attempt: a stream is read once.
        const { body, length } = requestsBodyStream(chunks);
        const created = (await this.#call("create batch", () =>
          client.post("/v1/messages/batches", {
            body,
            // Known in advance: sent as one body of that length, as before, not chunked.
            headers: { "content-type": "application/json", "content-length": String(length) },
            // Retries are createBatchOnce's: it looks for the batch before sending again.
            maxRetries: 0,
          }),
        )) as AnthropicBatchObject;
        return created.id;
      },
      findCreated: async () => {
        const found: string[] = [];
        for await (const item of client.messages.batches.list({ limit: 100 })) {
          const b = item as AnthropicBatchObject;
          if (b.id === before) break;
          if (before === undefined && Date.parse(b.created_at ?? "") < startedAt - 60_000) break;
          const counts = Object.values(b.request_counts ?? {}) as number[];
          if (counts.reduce((sum, n) => sum + n, 0) === batch.requestCount) found.push(b.id);
        }
        return found;
      },
    });
    this.#options.logger?.info?.("anthropic batch created", {
      batchId: id,
      requests: batch.requestCount,
    });
    return id;
  }

  async #newestBatchId(client: AnthropicClientLike): Promise<string | undefined> {
    try {
      for await (const item of client.messages.batches.list({ limit: 1 })) {
        return (item as AnthropicBatchObject).id;
      }
    } catch {
      // Only a help for recognising the batch later: the create call reports real trouble.
    }
    return undefined;
  }

  async #retrieve(batchId: string): Promise<AnthropicBatchObject> {
    return (await this.#call("retrieve batch", (c) =>
      c.messages.batches.retrieve(batchId),
    )) as AnthropicBatchObject;
  }

  async getStatus(batchId: string): Promise<BatchStatus> {
    return mapAnthropicBatchStatus(await this.#retrieve(batchId));
  }

  /**
   * Streams the results file line by line. It is fetched raw (with the client's auth) rather
   * than through `messages.batches.results()`, whose decoder throws on the first line that is
   * not JSON and so would lose every line after it; here such a line is one `malformed_line`.
   */
  async *readResultBatches(batchId: string): AsyncIterable<ProviderOutcome[]> {
    for await (const batch of this.#resultLines(batchId)) {
      yield batch.map(({ line, lineNumber }) => mapAnthropicResultLine(line, lineNumber));
    }
  }

  async *readRawLineBatches(batchId: string): AsyncIterable<string[]> {
    for await (const batch of this.#resultLines(batchId)) yield batch.map(({ line }) => line);
  }

  async *#resultLines(batchId: string): AsyncIterable<NumberedLine[]> {
    const batch = await this.#retrieve(batchId);
    const status = mapAnthropicBatchStatus(batch);
    if (!isTerminalStatus(status.status)) {
      throw new BatchNotFinishedError(batchId, status.status, status.rawStatus);
    }
    // An ended batch always has one; the documented path stands in should it be missing.
    const url = batch.results_url ?? `/v1/messages/batches/${encodeURIComponent(batchId)}/results`;
    const download = async () =>
      (
        await this.#call("download results", (c) =>
          c
            .get(url, { headers: { Accept: "application/binary" }, __binaryResponse: true })
            .asResponse(),
        )
      ).body;
    try {
      yield* readLineBatchesResumable(download, {
        onRetry: (error, delivered) =>
          this.#options.logger?.warn?.("anthropic results download broke; downloading again", {
            batchId,
            linesDelivered: delivered,
            error: redact(String((error as Error)?.message), [this.#options.apiKey]),
          }),
      });
    } catch (error) {
      if (error instanceof StructuredBatchError) throw error;
      throw toProviderApiError("anthropic", `download results of ${batchId}`, error, [
        this.#options.apiKey,
      ]);
    }
  }

  parseResultLine(line: string, lineNumber: number): ProviderOutcome {
    return mapAnthropicResultLine(line, lineNumber);
  }

  /** Newest first; the SDK follows `after_id` pages (up to 1000 batches each). */
  async list(options: ListOptions): Promise<BatchStatus[]> {
    const limit = options.limit ?? 20;
    return this.#call("list batches", async (c) => {
      const out: BatchStatus[] = [];
      if (limit <= 0) return out;
      for await (const batch of c.messages.batches.list({ limit: Math.min(limit, 1000) })) {
        out.push(mapAnthropicBatchStatus(batch as AnthropicBatchObject));
        if (out.length >= limit) break;
      }
      return out;
    });
  }

  async cancel(batchId: string): Promise<BatchStatus> {
    return mapAnthropicBatchStatus(
      (await this.#call("cancel batch", (c) =>
        c.messages.batches.cancel(batchId),
      )) as AnthropicBatchObject,
    );
  }

  /** Deletes the batch itself (and its results); Anthropic refuses until it has ended. */
  async delete(batchId: string): Promise<DeleteReport> {
    const status = mapAnthropicBatchStatus(await this.#retrieve(batchId));
    if (!isTerminalStatus(status.status)) {
      throw new StructuredBatchError(
        "batch_running",
        `Batch ${batchId} is still running (status "${status.rawStatus}"): cancel it and wait until it has ended before deleting it.`,
      );
    }
    await this.#call("delete batch", (c) => c.messages.batches.delete(batchId));
    this.#options.logger?.info?.("anthropic batch deleted", { batchId });
    return { id: batchId, batchDeleted: true, deletedFiles: [] };
  }
}

/**
 * The Anthropic Message Batches adapter (structured output by forced tool use, or natively with
 * `anthropic.structuredOutput: "native"`). `options.baseURL` (or `ANTHROPIC_BASE_URL`) has no `/v1`.
 */
export function createAnthropicProvider(
  model: string,
  options: ProviderClientOptions = {},
  anthropic: AnthropicProviderOptions = {},
): BatchProviderAdapter {
  return new AnthropicProvider(model, options, anthropic);
}
