import type { BatchBuffer } from "../../batch/batch-buffer.js";
import type { BatchStatus } from "../../results/types.js";
import type {
  BatchProviderAdapter,
  DeleteReport,
  ListOptions,
  ProviderOutcome,
  SubmitOptions,
} from "../types.js";
import { vertexSettingsIssues } from "./check-vertex-settings.js";
import { deleteObject } from "./gcs-json-api.js";
import { type GcsLocation, gcsUri, gcsUriIssue, parseGcsUri } from "./gcs-uri.js";
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
import { notRunOutcomes, objectLines, outputFiles, vertexOutcomes } from "./read-vertex-results.js";
import { submitVertexBatch, vertexDisplayName } from "./submit-vertex-batch.js";
import { toVertexApiError } from "./to-vertex-api-error.js";
import { kit } from "./vertex-kit.js";

export { installVertexCore } from "./vertex-kit.js";

import type { VertexProviderOptions } from "./vertex-provider-options.js";

// Request counts of recent submissions, shown before Vertex reports any (bounded).
const REMEMBERED_JOBS = 256;

/**
 * What the vertex/ adapter does over the network: Cloud Storage and batch prediction jobs.
 * Loaded when the first call is made, as the SDK is, so the core stays small.
 */
export class VertexBatchJobs
  implements
    Pick<
      BatchProviderAdapter,
      | "submit"
      | "getStatus"
      | "readResultBatches"
      | "readRawLineBatches"
      | "list"
      | "cancel"
      | "delete"
    >
{
  #options: VertexProviderOptions;
  #connection: Promise<VertexConnection> | undefined;
  /** Connections for jobs of other projects or locations than the configured ones, by place. */
  #elsewhere = new Map<string, Promise<VertexConnection>>();
  #totals = new Map<string, number>();

  constructor(
    readonly model: string,
    options: VertexProviderOptions,
  ) {
    const issues = vertexSettingsIssues(options as Record<string, unknown>);
    if (issues.length > 0) throw new kit.InvalidArgumentError(issues);
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
    return kit.retryHarmless(() => this.#call(operation, fn, batchId), { baseDelayMs: 250 });
  }

  #warn(message: string): void {
    this.#options.logger?.warn?.(message);
  }

  /** The Cloud Storage folder batches go to: `vertex.gcsUri`, else `VERTEX_GCS_URI`. */
  #gcsBase(): GcsLocation {
    const value = this.#options.gcsUri ?? kit.readEnv("VERTEX_GCS_URI");
    const path =
      this.#options.gcsUri !== undefined ? ["vertex", "gcsUri"] : ["env", "VERTEX_GCS_URI"];
    if (value === undefined) {
      throw new kit.InvalidArgumentError([
        {
          code: "missing_option",
          path: ["vertex", "gcsUri"],
          message:
            'no Cloud Storage folder for the batch input and output: set VERTEX_GCS_URI or pass { vertex: { gcsUri: "gs://my-bucket/batches" } }',
        },
      ]);
    }
    const issue = gcsUriIssue(value, path);
    if (issue) throw new kit.InvalidArgumentError([issue]);
    return parseGcsUri(value)!;
  }

  async submit(batch: BatchBuffer, options: SubmitOptions): Promise<string> {
    const base = this.#gcsBase();
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
    if (!kit.isTerminalStatus(status.status)) {
      throw new kit.BatchNotFinishedError(batchId, status.status, status.rawStatus);
    }
    if (status.status === "failed") throw new kit.BatchFailedError(batchId, vertexJobErrors(job));
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
    const reason =
      status.status === "cancelled" || status.status === "expired" ? status.status : undefined;
    const seen = reason !== undefined && input !== undefined ? new Set<string>() : undefined;
    yield* vertexOutcomes(gcs, files, seen);
    if (seen && reason && input) yield* notRunOutcomes(gcs, input, seen, reason);
  }

  async *readRawLineBatches(batchId: string): AsyncIterable<string[]> {
    const { files } = await this.#finished(batchId);
    const { gcs } = await this.#connect();
    for (const file of files) {
      for await (const batch of objectLines(gcs, file)) yield batch.map(({ line }) => line);
    }
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
    if (!kit.isTerminalStatus(status.status)) {
      throw new kit.StructuredBatchError(
        "batch_running",
        `Batch ${batchId} is still running (status "${status.rawStatus}"): deleting it would not stop it; cancel it and wait until it is cancelled first.`,
      );
    }
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
