import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import type { BatchStatus } from "../../results/types.js";
import { toGeminiJsonSchema } from "../../schema/to-gemini-json-schema.js";
import type { ResolvedSchema } from "../../schema/types.js";
import { buildGeminiLineEncoder } from "../google/build-gemini-line-encoder.js";
import type {
  BatchProviderAdapter,
  DeleteReport,
  GenerationParams,
  ListOptions,
  PreparedOutputSchema,
  ProviderOutcome,
  SubmitOptions,
} from "../types.js";
import { mapVertexResultLine } from "./map-vertex-result-line.js";
import type { VertexBatchJobs } from "./vertex-batch-jobs.js";
import { VERTEX_CORE } from "./vertex-core.js";
import { VERTEX_MODEL_PATTERN, vertexLimits } from "./vertex-limits.js";
import type { VertexProviderOptions } from "./vertex-provider-options.js";

class VertexProvider implements BatchProviderAdapter {
  readonly id = "vertex" as const;
  readonly model: string;
  readonly limits = vertexLimits();
  #options: VertexProviderOptions;
  #jobs: Promise<VertexBatchJobs> | undefined;

  constructor(model: string, options: VertexProviderOptions) {
    if (!VERTEX_MODEL_PATTERN.test(model)) {
      throw new InvalidArgumentError(
        [
          {
            code: "invalid_model",
            path: ["model"],
            message: `${JSON.stringify(model.slice(0, 80))} is not a Gemini model on Vertex AI such as "gemini-2.5-flash" (optionally "publishers/google/models/" first, or a tuned model's resource name)`,
          },
        ],
        { code: "invalid_model" },
      );
    }
    this.model = model;
    this.#options = options;
  }

  /** The network side, loaded on the first call (see `VertexBatchJobs`). */
  #load(): Promise<VertexBatchJobs> {
    this.#jobs ??= import("./vertex-batch-jobs.js").then((m) => {
      m.installVertexCore(VERTEX_CORE);
      return new m.VertexBatchJobs(this.model, this.#options);
    });
    return this.#jobs;
  }

  prepareSchema<T>(schema: ResolvedSchema<T>): PreparedOutputSchema<T> {
    const gemini = toGeminiJsonSchema(schema.jsonSchema);
    return { schema, wireSchema: gemini.schema, normalize: gemini.normalize };
  }

  /**
   * The Gemini adapter's lines (`{"key", "request"}`), model rules included: Vertex takes the
   * same GenerateContentRequest. `providerOptions.vertex` is sent as Gemini's
   * `providerOptions.google` would be.
   */
  createLineEncoder(
    output: PreparedOutputSchema<unknown>,
    params: GenerationParams,
    warn: (message: string) => void,
  ) {
    const { providerOptions, ...rest } = params;
    const extra = providerOptions?.vertex;
    const asGemini = extra === undefined ? rest : { ...rest, providerOptions: { google: extra } };
    const catalogName = this.model.replace(/^publishers\/google\/models\//, "");
    return buildGeminiLineEncoder(output, asGemini, warn, catalogName);
  }

  parseResultLine(line: string, lineNumber: number): ProviderOutcome {
    return mapVertexResultLine(line, lineNumber);
  }

  async submit(batch: BatchBuffer, options: SubmitOptions): Promise<string> {
    return (await this.#load()).submit(batch, options);
  }

  async getStatus(batchId: string): Promise<BatchStatus> {
    return (await this.#load()).getStatus(batchId);
  }

  async *readResultBatches(batchId: string): AsyncIterable<ProviderOutcome[]> {
    yield* (await this.#load()).readResultBatches(batchId);
  }

  async *readRawLineBatches(batchId: string): AsyncIterable<string[]> {
    yield* (await this.#load()).readRawLineBatches(batchId);
  }

  async list(options: ListOptions): Promise<BatchStatus[]> {
    return (await this.#load()).list(options);
  }

  async cancel(batchId: string): Promise<BatchStatus> {
    return (await this.#load()).cancel(batchId);
  }

  async delete(batchId: string): Promise<DeleteReport> {
    return (await this.#load()).delete(batchId);
  }
}

/**
 * The Vertex AI batch prediction adapter for Gemini models (structured output through
 * `responseJsonSchema`): the JSONL goes to Cloud Storage from memory, the job runs on Vertex,
 * and its output is read back from Cloud Storage as a stream.
 */
export function createVertexProvider(
  model: string,
  options: VertexProviderOptions = {},
): BatchProviderAdapter {
  return new VertexProvider(model, options);
}
