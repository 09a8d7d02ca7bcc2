import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { BatchFailedError } from "../../errors/batch-failed-error.js";
import { BatchNotFinishedError } from "../../errors/batch-not-finished-error.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { StructuredBatchError } from "../../errors/structured-batch-error.js";
import { type BatchStatus, isTerminalStatus } from "../../results/types.js";
import { toGeminiJsonSchema } from "../../schema/to-gemini-json-schema.js";
import type { ResolvedSchema } from "../../schema/types.js";
import { readEnv } from "../../util/env.js";
import { retryHarmless } from "../create-batch-once.js";
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
import { type GcsLocation, gcsUriIssue, parseGcsUri } from "./gcs-uri.js";
import {
  loadVertexClient,
  type VertexCallConfig,
  type VertexConnection,
} from "./load-vertex-client.js";
import {
  mapVertexJobStatus,
  type VertexJob,
  vertexInputUri,
  vertexJobErrors,
  vertexOutputDirectory,
} from "./map-vertex-job-status.js";
import { mapVertexResultLine } from "./map-vertex-result-line.js";
import { toVertexApiError } from "./to-vertex-api-error.js";
import { VERTEX_MODEL_PATTERN, vertexLimits } from "./vertex-limits.js";
import type { VertexProviderOptions } from "./vertex-provider-options.js";

// Request counts of recent submissions, shown before Vertex reports any (bounded).
const REMEMBERED_JOBS = 256;

class VertexProvider implements BatchProviderAdapter {
  readonly id = "vertex" as const;
  readonly model: string;
  readonly limits = vertexLimits();
  #options: VertexProviderOptions;
  #connection: Promise<VertexConnection> | undefined;
  /** Connections for jobs of other projects or locations than the configured ones, by place. */
  #elsewhere = new Map<string, Promise<VertexConnection>>();
  #totals = new Map<string, number>();

  constructor(model: string, options: VertexProviderOptions) {
    if (!VERTEX_MODEL_PATTERN.test(model)) {
      throw new InvalidArgumentError(
        [
          {
            code: "invalid_model",
            path: ["model"],
            message: `${JSON.stringify(model.length > 80 ? `${model.slice(0, 80)}...` : model)} is not a Gemini model on Vertex AI such as "gemini-2.5-flash" (optionally "publishers/google/models/" first, or a tuned model's resource name)`,
          },
        ],
        { code: "invalid_model" },
      );
    }
    this.model = model;
    this.#options = options;
  }

  /**
   * The connection for a job: a full job name carries its project and location, and is reached
   * there whatever the processor was configured with (a handle stays usable from anywhere).
   * A client passed in is used as it is.
   */
  async #connect(batchId?: string): Promise<VertexConnection> {
    // Kept after a failure too: a missing project or SDK will not appear between two calls.
    this.#connection ??= loadVertexClient(this.#options);
    const place =
      batchId === undefined ? undefined : /^projects\/([^/]+)\/locations\/([^/]+)\//.exec(batchId);
    if (!place || this.#options.client !== undefined) return this.#connection;
    // Without a configured project the job name alone is enough.
    const base = await this.#connection.catch(() => undefined);
    const [, project, location] = place;
    if (project === base?.project && location === base?.location) return base!;
    const key = `${project}/${location}`;
    let other = this.#elsewhere.get(key);
    if (!other) {
      other = loadVertexClient({ ...this.#options, project: project!, location: location! });
      this.#elsewhere.set(key, other);
    }
    return other;
  }

  async #call<R>(
    operation: string,
    fn: (c: VertexConnection, config: VertexCallConfig) => Promise<R>,
    batchId?: string,
  ): Promise<R> {
    const connection = await this.#connect(batchId);
    try {
      return await fn(connection, {});
    } catch (error) {
      throw toVertexApiError(operation, error, [this.#options.apiKey, ...connection.gcs.secrets]);
    }
  }

  /** A read: sent again after a 429, a 5xx or a lost connection (the SDK does not retry). */
  #read<R>(
    operation: string,
    fn: (c: VertexConnection, config: VertexCallConfig) => Promise<R>,
    batchId?: string,
  ) {
    return retryHarmless(() => this.#call(operation, fn, batchId), { baseDelayMs: 250 });
  }

  #warn(message: string): void {
    this.#options.logger?.warn?.(message);
  }

  /** The Cloud Storage folder batches go to: `vertex.gcsUri`, else `VERTEX_GCS_URI`. */
  #gcsBase(): GcsLocation {
    const value = this.#options.gcsUri ?? readEnv("VERTEX_GCS_URI");
    const path =
      this.#options.gcsUri !== undefined ? ["vertex", "gcsUri"] : ["env", "VERTEX_GCS_URI"];
    if (value === undefined) {
      throw new InvalidArgumentError([
        {
          code: "missing_option",
          path: ["vertex", "gcsUri"],
          message:
            'no Cloud Storage folder for the batch input and output: set VERTEX_GCS_URI or pass { vertex: { gcsUri: "gs://my-bucket/batches" } }',
        },
      ]);
    }
    const issue = gcsUriIssue(value, path);
    if (issue) throw new InvalidArgumentError([issue]);
    return parseGcsUri(value)!;
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
    const extra = params.providerOptions?.vertex;
    const { providerOptions: _, ...rest } = params;
    const asGemini: GenerationParams =
      extra === undefined ? rest : { ...rest, providerOptions: { google: extra } };
    const catalogName = this.model.replace(/^publishers\/google\/models\//, "");
    return buildGeminiLineEncoder(output, asGemini, warn, catalogName);
  }

  async submit(batch: BatchBuffer, options: SubmitOptions): Promise<string> {
    const base = this.#gcsBase();
    // Sending code is loaded when a batch is sent, as the SDK is: the core stays small.
    const { submitVertexBatch, vertexDisplayName } = await import("./submit-vertex-batch.js");
    const displayName = vertexDisplayName(options.metadata, (m) => this.#warn(m));
    const { name } = await submitVertexBatch(
      (operation, fn) => this.#call(operation, fn),
      this.model,
      batch,
      displayName,
      base,
    );
    this.#totals.set(name, batch.requestCount);
    const oldest = this.#totals.keys().next().value;
    if (this.#totals.size > REMEMBERED_JOBS && oldest !== undefined) this.#totals.delete(oldest);
    this.#options.logger?.info?.("vertex batch prediction job created", {
      batchId: name,
      requests: batch.requestCount,
    });
    return name;
  }

  async #retrieve(batchId: string): Promise<VertexJob> {
    return (await this.#read(
      "retrieve batch",
      ({ sdk }, config) => sdk.batches.get({ name: batchId, config }),
      batchId,
    )) as VertexJob;
  }

  #status(job: VertexJob): BatchStatus {
    return mapVertexJobStatus(job, job.name === undefined ? undefined : this.#totals.get(job.name));
  }

  async getStatus(batchId: string): Promise<BatchStatus> {
    return this.#status(await this.#retrieve(batchId));
  }

  /** A finished job, its output files and its input; throws if it has not finished or failed. */
  async #finished(batchId: string) {
    const job = await this.#retrieve(batchId);
    const status = this.#status(job);
    if (!isTerminalStatus(status.status)) {
      throw new BatchNotFinishedError(batchId, status.status, status.rawStatus);
    }
    if (status.status === "failed") throw new BatchFailedError(batchId, vertexJobErrors(job));
    const { outputFiles } = await import("./read-vertex-results.js");
    const dir = vertexOutputDirectory(job);
    const directory = dir === undefined ? undefined : parseGcsUri(dir);
    const files = directory
      ? await this.#read("list results", ({ gcs }) => outputFiles(gcs, directory))
      : [];
    const inputUri = vertexInputUri(job);
    return { status, files, input: inputUri === undefined ? undefined : parseGcsUri(inputUri) };
  }

  async *readResultBatches(batchId: string): AsyncIterable<ProviderOutcome[]> {
    const { status, files, input } = await this.#finished(batchId);
    const { gcs } = await this.#connect();
    const { notRunOutcomes, vertexOutcomes } = await import("./read-vertex-results.js");
    const reason =
      status.status === "cancelled" || status.status === "expired" ? status.status : undefined;
    const seen = reason !== undefined && input !== undefined ? new Set<string>() : undefined;
    yield* vertexOutcomes(gcs, files, seen);
    if (seen && reason && input) yield* notRunOutcomes(gcs, input, seen, reason);
  }

  async *readRawLineBatches(batchId: string): AsyncIterable<string[]> {
    const { files } = await this.#finished(batchId);
    const { gcs } = await this.#connect();
    const { objectLines } = await import("./read-vertex-results.js");
    for (const file of files) {
      for await (const batch of objectLines(gcs, file)) yield batch.map(({ line }) => line);
    }
  }

  parseResultLine(line: string, lineNumber: number): ProviderOutcome {
    return mapVertexResultLine(line, lineNumber);
  }

  /** In the order the API lists them; follows the SDK's pager until `limit`. */
  async list(options: ListOptions): Promise<BatchStatus[]> {
    const limit = options.limit ?? 20;
    if (limit <= 0) return [];
    const pageSize = Math.min(limit, 100);
    return this.#read("list batches", async ({ sdk }, config) => {
      const out: BatchStatus[] = [];
      for await (const job of await sdk.batches.list({ config: { ...config, pageSize } })) {
        out.push(this.#status(job as VertexJob));
        if (out.length >= limit) break;
      }
      return out;
    });
  }

  async cancel(batchId: string): Promise<BatchStatus> {
    await this.#call(
      "cancel batch",
      ({ sdk }, config) => sdk.batches.cancel({ name: batchId, config }),
      batchId,
    );
    return this.getStatus(batchId);
  }

  /**
   * Deletes a finished job and, with it, its input file and its output files in Cloud Storage
   * (they would otherwise stay, with the prompts and answers in them). An object already gone is
   * skipped; any other failure stops before the job itself is deleted, so the call can be
   * repeated.
   */
  async delete(batchId: string): Promise<DeleteReport> {
    const job = await this.#retrieve(batchId);
    const status = this.#status(job);
    if (!isTerminalStatus(status.status)) {
      throw new StructuredBatchError(
        "batch_running",
        `Batch ${batchId} is still running (status "${status.rawStatus}"): deleting it would not stop it; cancel it and wait until it is cancelled first.`,
      );
    }
    const { deleteObject } = await import("./gcs-json-api.js");
    const { outputFiles } = await import("./read-vertex-results.js");
    const { gcsUri } = await import("./gcs-uri.js");
    const objects: GcsLocation[] = [];
    const input = vertexInputUri(job);
    const inputLocation = input === undefined ? undefined : parseGcsUri(input);
    if (inputLocation) objects.push(inputLocation);
    const dir = vertexOutputDirectory(job);
    const directory = dir === undefined ? undefined : parseGcsUri(dir);
    if (directory)
      objects.push(...(await this.#read("list results", ({ gcs }) => outputFiles(gcs, directory))));
    const deletedFiles: string[] = [];
    for (const object of objects) {
      const uri = gcsUri(object);
      const deleted = await this.#call(`delete ${uri}`, ({ gcs }) =>
        deleteObject(gcs, object, `delete ${uri}`),
      );
      if (deleted) deletedFiles.push(uri);
    }
    await this.#call(
      "delete batch",
      ({ sdk }, config) => sdk.batches.delete({ name: batchId, config }),
      batchId,
    );
    this.#options.logger?.info?.("vertex batch prediction job deleted", { batchId, deletedFiles });
    return { id: batchId, batchDeleted: true, deletedFiles };
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
