import type { BatchBuffer } from "../../batch/batch-buffer.js";
import type { BatchStatus } from "../../results/types.js";
import type { ResolvedSchema } from "../../schema/types.js";
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
import { buildMistralLineEncoder } from "./build-mistral-line-encoder.js";
import { loadMistralClient, type MistralClientLike } from "./load-mistral-client.js";
import { mapMistralResultLine } from "./map-mistral-result-line.js";
import { MISTRAL_INLINE_MAX_BYTES, MISTRAL_LIMITS } from "./mistral-limits.js";
import type { MistralOperations } from "./mistral-operations.js";
import { prepareMistralSchema } from "./prepare-mistral-schema.js";

/** Mistral settings of a processor (see `BatchProcessorOptions.mistral`). */
export interface MistralProviderOptions {
  /**
   * Batch size (bytes of JSONL) up to which the requests go inline in the create call; above it
   * they are uploaded as a file (default 10 MB; 0: always a file).
   * @example { inlineMaxBytes: 0 } // always upload a file
   */
  inlineMaxBytes?: number;
}

class MistralProvider implements BatchProviderAdapter {
  readonly id = "mistral" as const;
  readonly limits = MISTRAL_LIMITS;
  readonly model: string;
  #options: ProviderClientOptions;
  #inlineMaxBytes: number;
  #operations: Promise<MistralOperations> | undefined;
  #client: Promise<MistralClientLike> | undefined;

  constructor(model: string, options: ProviderClientOptions, mistral: MistralProviderOptions) {
    this.model = model;
    this.#options = options;
    this.#inlineMaxBytes = mistral.inlineMaxBytes ?? MISTRAL_INLINE_MAX_BYTES;
  }

  /**
   * The SDK client, made once (kept after a failure too: a missing key or SDK will not appear
   * between two calls). Its dynamic import stays here, in the adapter, like every provider's.
   */
  #sdk(): Promise<MistralClientLike> {
    this.#client ??= loadMistralClient(this.#options);
    return this.#client;
  }

  /** The wire code, loaded when first needed, as the SDK is: the core stays small. */
  #ops(): Promise<MistralOperations> {
    this.#operations ??= import("./mistral-operations.js").then(
      (m) =>
        new m.MistralOperations(this.model, this.#options, this.#inlineMaxBytes, () => this.#sdk()),
    );
    return this.#operations;
  }

  prepareSchema<T>(schema: ResolvedSchema<T>): PreparedOutputSchema<T> {
    return prepareMistralSchema(schema);
  }

  createLineEncoder(
    output: PreparedOutputSchema<unknown>,
    params: GenerationParams,
    warn: (message: string) => void,
  ) {
    return buildMistralLineEncoder(this.model, output, params, warn);
  }

  async submit(batch: BatchBuffer, options: SubmitOptions): Promise<string> {
    return (await this.#ops()).submit(batch, options);
  }

  async getStatus(batchId: string): Promise<BatchStatus> {
    return (await this.#ops()).getStatus(batchId);
  }

  async *readResultBatches(batchId: string): AsyncIterable<ProviderOutcome[]> {
    for await (const batch of (await this.#ops()).resultLines(batchId)) {
      yield batch.map(({ line, lineNumber }) => mapMistralResultLine(line, lineNumber));
    }
  }

  async *readRawLineBatches(batchId: string): AsyncIterable<string[]> {
    for await (const batch of (await this.#ops()).resultLines(batchId)) {
      yield batch.map(({ line }) => line);
    }
  }

  parseResultLine(line: string, lineNumber: number): ProviderOutcome {
    return mapMistralResultLine(line, lineNumber);
  }

  async list(options: ListOptions): Promise<BatchStatus[]> {
    return (await this.#ops()).list(options);
  }

  async cancel(batchId: string): Promise<BatchStatus> {
    return (await this.#ops()).cancel(batchId);
  }

  async delete(batchId: string): Promise<DeleteReport> {
    return (await this.#ops()).delete(batchId);
  }
}

/**
 * The Mistral batch jobs adapter (chat completions with `json_schema` structured output), through
 * the official `@mistralai/mistralai` SDK: jobs up to `inlineMaxBytes` go inline, larger ones as
 * an uploaded JSONL file.
 */
export function createMistralProvider(
  model: string,
  options: ProviderClientOptions = {},
  mistral: MistralProviderOptions = {},
): BatchProviderAdapter {
  return new MistralProvider(model, options, mistral);
}
