import type { BatchBuffer } from "../../batch/batch-buffer.js";
import type { NumberedLine } from "../../batch/read-lines.js";
import { readLineBatchesResumable } from "../../batch/read-lines-resumable.js";
import { BatchFailedError } from "../../errors/batch-failed-error.js";
import { BatchNotFinishedError } from "../../errors/batch-not-finished-error.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { StructuredBatchError } from "../../errors/structured-batch-error.js";
import { type BatchStatus, isTerminalStatus } from "../../results/types.js";
import { toOpenAIStrictSchema } from "../../schema/to-openai-strict-schema.js";
import type { ResolvedSchema } from "../../schema/types.js";
import { redact } from "../../util/redact.js";
import { classifyCreateFailure, createBatchOnce } from "../create-batch-once.js";
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
import { batchEndpoint } from "./batch-endpoint.js";
import { buildOpenAILineEncoder } from "./build-openai-line-encoder.js";
import { buildResponsesLineEncoder } from "./build-responses-line-encoder.js";
import { checkOpenAIMetadata } from "./check-openai-metadata.js";
import type { OpenAIClientLike } from "./load-openai-client.js";
import {
  mapOpenAIBatchErrors,
  mapOpenAIBatchStatus,
  type OpenAIBatchObject,
} from "./map-openai-batch-status.js";
import { mapOpenAIResultLine } from "./map-openai-result-line.js";
import { OPENAI_ENDPOINT, type OpenAIEndpoint } from "./openai-limits.js";
import { type BatchWire, type OpenAIWireService, serviceUrls } from "./openai-wire-service.js";

/** OpenAI settings of a processor (see `BatchProcessorOptions.openai`). */
export interface OpenAIProviderOptions {
  /** The batch endpoint requests are written for (default chat completions). */
  endpoint?: OpenAIEndpoint;
}

/**
 * The adapter of every service on the OpenAI Files + Batch wire: the service profile says what
 * differs (limits, endpoint names, completion window, client), the code is one.
 */
class OpenAIWireProvider implements BatchProviderAdapter {
  readonly id: BatchProviderAdapter["id"];
  readonly limits: BatchProviderAdapter["limits"];
  readonly model: string;
  readonly endpoint: OpenAIEndpoint;
  readonly #service: OpenAIWireService;
  #options: ProviderClientOptions;
  #client: Promise<OpenAIClientLike> | undefined;
  #wire: Promise<BatchWire> | undefined;

  constructor(
    service: OpenAIWireService,
    model: string,
    options: ProviderClientOptions,
    openai: OpenAIProviderOptions,
  ) {
    this.#service = service;
    this.id = service.id;
    this.limits = service.limits;
    this.model = model;
    this.endpoint = openai.endpoint ?? OPENAI_ENDPOINT;
    this.#options = options;
  }

  #sdk(): Promise<OpenAIClientLike> {
    // Kept after a failure too: a missing key or SDK will not appear between two calls.
    this.#client ??= this.#service.loadClient(this.#options);
    return this.#client;
  }

  /** The service's own batch calls (Together), or undefined for the SDK's `batches.*`. */
  async #batchWire(): Promise<BatchWire | undefined> {
    if (this.#service.batchWire === undefined) return undefined;
    this.#wire ??= this.#service.batchWire();
    return this.#wire;
  }

  async #call<R>(operation: string, fn: (client: OpenAIClientLike) => Promise<R>): Promise<R> {
    const client = await this.#sdk();
    try {
      return await fn(client);
    } catch (error) {
      throw toProviderApiError(this.id, operation, error, [this.#options.apiKey]);
    }
  }

  prepareSchema<T>(schema: ResolvedSchema<T>): PreparedOutputSchema<T> {
    const strict = toOpenAIStrictSchema(schema.jsonSchema);
    return { schema, wireSchema: strict.schema, normalize: strict.normalize };
  }

  createLineEncoder(
    output: PreparedOutputSchema<unknown>,
    params: GenerationParams,
    warn: (message: string) => void,
  ) {
    const wire = {
      url: this.#service.endpoints[this.endpoint] ?? this.endpoint,
      ...(this.#service.catalogModel !== undefined && { rulesModel: this.#service.catalogModel }),
    };
    return this.endpoint === "/v1/responses"
      ? buildResponsesLineEncoder(this.model, output, params, warn, wire)
      : buildOpenAILineEncoder(this.model, output, params, warn, wire);
  }

  async submit(batch: BatchBuffer, options: SubmitOptions): Promise<string> {
    checkOpenAIMetadata(options.metadata);
    const client = await this.#sdk();
    const startedAt = Date.now();
    // Sending code is loaded when a batch is sent, as the SDK is: the core stays small.
    const { uploadBatchFile, awaitFileProcessed } = await import("./upload-batch-file.js");
    const file = await uploadBatchFile(
      client,
      batch,
      (operation, fn) => this.#call(operation, fn),
      this.#service.uploadFields,
      this.#service.upload,
    );
    if (this.#service.uploadsPending) {
      await awaitFileProcessed(file, (operation, fn) => this.#call(operation, fn));
    }
    const secrets = [this.#options.apiKey];
    const wire = await this.#batchWire();
    try {
      const id = await createBatchOnce({
        provider: this.id,
        logger: this.#options.logger,
        create: async () => {
          try {
            const body = {
              input_file_id: file.id,
              // The lines name their endpoint: a file built for the other one is sent there.
              endpoint: (batchEndpoint(batch, serviceUrls(this.#service)) ??
                this.#service.endpoints[this.endpoint] ??
                this.endpoint) as OpenAIEndpoint,
              completion_window: this.#service.completionWindow as "24h",
              ...(options.metadata !== undefined && { metadata: options.metadata }),
            };
            if (wire !== undefined) return (await wire.create(client, body)).id;
            const created = (await client.batches.create(
              body,
              // A retried create whose first answer was lost makes a second batch: retries are
              // decided by createBatchOnce, which looks for the batch first.
              { maxRetries: 0 },
            )) as OpenAIBatchObject;
            return created.id;
          } catch (error) {
            throw toProviderApiError(this.id, "create batch", error, secrets);
          }
        },
        // The input file was uploaded for this submission alone, so it names the batch exactly.
        findCreated: async () => {
          const found: string[] = [];
          const listed =
            wire !== undefined ? await wire.list(client, 100) : client.batches.list({ limit: 100 });
          for await (const b of listed) {
            const batch = b as OpenAIBatchObject;
            if (batch.input_file_id === file.id) found.push(batch.id);
            if ((batch.created_at ?? 0) * 1000 < startedAt - 3_600_000) break;
          }
          return found;
        },
      });
      this.#options.logger?.info?.(`${this.id} batch created`, {
        batchId: id,
        inputFileId: file.id,
        requests: batch.requestCount,
      });
      return id;
    } catch (error) {
      // Nothing half-made left behind: no batch uses the uploaded file (an ambiguous failure
      // keeps it, since a batch may be reading it).
      if (classifyCreateFailure(error) === "fatal") {
        await client.files.delete(file.id).catch(() => undefined);
      }
      throw error;
    }
  }

  async #retrieve(batchId: string): Promise<OpenAIBatchObject> {
    const wire = await this.#batchWire();
    return (await this.#call("retrieve batch", (c) =>
      wire !== undefined ? wire.retrieve(c, batchId) : c.batches.retrieve(batchId),
    )) as OpenAIBatchObject;
  }

  async getStatus(batchId: string): Promise<BatchStatus> {
    return mapOpenAIBatchStatus(await this.#retrieve(batchId), this.id);
  }

  async *readResultBatches(batchId: string): AsyncIterable<ProviderOutcome[]> {
    for await (const batch of this.#resultLines(batchId)) {
      yield batch.map(({ line, lineNumber }) => mapOpenAIResultLine(line, lineNumber));
    }
  }

  async *readRawLineBatches(batchId: string): AsyncIterable<string[]> {
    for await (const batch of this.#resultLines(batchId)) yield batch.map(({ line }) => line);
  }

  /** The lines of the output file, then of the error file (line numbers count per file). */
  async *#resultLines(batchId: string): AsyncIterable<NumberedLine[]> {
    const batch = await this.#retrieve(batchId);
    const status = mapOpenAIBatchStatus(batch, this.id);
    if (!isTerminalStatus(status.status))
      throw new BatchNotFinishedError(batchId, status.status, status.rawStatus);
    if (status.status === "failed")
      throw new BatchFailedError(batchId, mapOpenAIBatchErrors(batch));
    // Successes and failures live in two files; either may be null (all failed: no output file).
    for (const fileId of [batch.output_file_id, batch.error_file_id]) {
      if (!fileId) continue;
      try {
        yield* readLineBatchesResumable(
          async () => (await this.#call("download results", (c) => c.files.content(fileId))).body,
          { onRetry: (error, delivered) => this.#logDownloadRetry(fileId, error, delivered) },
        );
      } catch (error) {
        if (error instanceof StructuredBatchError) throw error;
        throw toProviderApiError(this.id, `download results file ${fileId}`, error, [
          this.#options.apiKey,
        ]);
      }
    }
  }

  #logDownloadRetry(fileId: string, error: unknown, delivered: number): void {
    this.#options.logger?.warn?.(`${this.id} results download broke; downloading again`, {
      fileId,
      linesDelivered: delivered,
      error: redact(String((error as Error)?.message), [this.#options.apiKey]),
    });
  }

  parseResultLine(line: string, lineNumber: number): ProviderOutcome {
    return mapOpenAIResultLine(line, lineNumber);
  }

  async list(options: ListOptions): Promise<BatchStatus[]> {
    const limit = options.limit ?? 20;
    const wire = await this.#batchWire();
    return this.#call("list batches", async (c) => {
      const out: BatchStatus[] = [];
      if (limit <= 0) return out;
      const listed =
        wire !== undefined
          ? await wire.list(c, limit)
          : c.batches.list({ limit: Math.min(limit, 100) });
      for await (const batch of listed) {
        out.push(mapOpenAIBatchStatus(batch as OpenAIBatchObject, this.id));
        if (out.length >= limit) break;
      }
      return out;
    });
  }

  async cancel(batchId: string): Promise<BatchStatus> {
    const wire = await this.#batchWire();
    return mapOpenAIBatchStatus(
      (await this.#call("cancel batch", (c) =>
        wire !== undefined ? wire.cancel(c, batchId) : c.batches.cancel(batchId),
      )) as OpenAIBatchObject,
      this.id,
    );
  }

  /** OpenAI cannot delete a batch object: this deletes its input, output and error files. */
  async delete(batchId: string): Promise<DeleteReport> {
    const batch = await this.#retrieve(batchId);
    const status = mapOpenAIStatusOrThrow(batch);
    const deletedFiles: string[] = [];
    for (const fileId of [batch.input_file_id, batch.output_file_id, batch.error_file_id]) {
      if (!fileId) continue;
      try {
        await this.#call(`delete file ${fileId}`, (c) => c.files.delete(fileId));
        deletedFiles.push(fileId);
      } catch (error) {
        // Already gone is what we wanted.
        if ((error as { status?: number }).status !== 404) throw error;
      }
    }
    this.#options.logger?.info?.(`${this.id} batch files deleted`, {
      batchId,
      status,
      deletedFiles,
    });
    return { id: batchId, batchDeleted: false, deletedFiles };
  }
}

function mapOpenAIStatusOrThrow(batch: OpenAIBatchObject): string {
  const status = mapOpenAIBatchStatus(batch);
  if (!isTerminalStatus(status.status)) {
    throw new StructuredBatchError(
      "batch_running",
      `Batch ${batch.id} is still running (status "${status.rawStatus}"): cancel it and wait until it is cancelled before deleting it.`,
    );
  }
  return status.rawStatus;
}

/**
 * An adapter for one OpenAI-wire service (chat completions or the Responses API where the
 * service has it, strict structured outputs). An endpoint the service does not have is refused.
 */
export function createOpenAIWireProvider(
  service: OpenAIWireService,
  model: string,
  options: ProviderClientOptions = {},
  openai: OpenAIProviderOptions = {},
): BatchProviderAdapter {
  const endpoint = openai.endpoint ?? OPENAI_ENDPOINT;
  if (service.endpoints[endpoint] === undefined) {
    throw new InvalidArgumentError([
      {
        code: "unsupported_endpoint",
        path: ["openai", "endpoint"],
        message: `${service.label} batches do not take ${endpoint}: its batch endpoints are ${Object.keys(service.endpoints).join(", ")}`,
      },
    ]);
  }
  return new OpenAIWireProvider(service, model, options, openai);
}
