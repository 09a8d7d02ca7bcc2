import type { BatchBuffer } from "../../batch/batch-buffer.js";
import type { NumberedLine } from "../../batch/read-lines.js";
import { readLineBatchesResumable } from "../../batch/read-lines-resumable.js";
import { BatchFailedError } from "../../errors/batch-failed-error.js";
import { BatchNotFinishedError } from "../../errors/batch-not-finished-error.js";
import { StructuredBatchError } from "../../errors/structured-batch-error.js";
import { type BatchStatus, isTerminalStatus } from "../../results/types.js";
import { redact } from "../../util/redact.js";
import type { DeleteReport, ListOptions, ProviderClientOptions, SubmitOptions } from "../types.js";
import type { MistralClientLike } from "./load-mistral-client.js";
import {
  type MistralBatchJob,
  mapMistralBatchErrors,
  mapMistralBatchStatus,
  mistralJobFiles,
} from "./map-mistral-batch-status.js";
import { toMistralApiError } from "./mistral-api-error.js";
import { checkMistralMetadata, submitMistralBatch } from "./submit-mistral-batch.js";

/**
 * Everything the Mistral adapter does over the wire, loaded on the first call that needs it (as
 * the SDK is), so that importing the library stays small: the adapter itself keeps only what
 * must be synchronous (schema, line encoder, result-line mapping).
 */
export class MistralOperations {
  #options: ProviderClientOptions;
  #sdk: () => Promise<MistralClientLike>;

  /** `sdk` gives the adapter's one client (the SDK's import stays in the adapter, see there). */
  constructor(
    readonly model: string,
    options: ProviderClientOptions,
    readonly inlineMaxBytes: number,
    sdk: () => Promise<MistralClientLike>,
  ) {
    this.#options = options;
    this.#sdk = sdk;
  }

  async #call<R>(operation: string, fn: (client: MistralClientLike) => Promise<R>): Promise<R> {
    const client = await this.#sdk();
    try {
      return await fn(client);
    } catch (error) {
      throw toMistralApiError(operation, error, [this.#options.apiKey]);
    }
  }

  async submit(batch: BatchBuffer, options: SubmitOptions): Promise<string> {
    checkMistralMetadata(options.metadata);
    const client = await this.#sdk();
    const inline = batch.size <= this.inlineMaxBytes;
    const id = await submitMistralBatch({
      call: (operation, fn) => this.#call(operation, fn),
      client,
      model: this.model,
      batch,
      metadata: options.metadata,
      inline,
      logger: this.#options.logger,
    });
    this.#options.logger?.info?.("mistral batch created", {
      batchId: id,
      mode: inline ? "inline" : "file",
      requests: batch.requestCount,
    });
    return id;
  }

  async #retrieve(batchId: string): Promise<MistralBatchJob> {
    return (await this.#call("retrieve batch", (c) =>
      c.batch.jobs.get({ jobId: batchId }),
    )) as MistralBatchJob;
  }

  async getStatus(batchId: string): Promise<BatchStatus> {
    return mapMistralBatchStatus(await this.#retrieve(batchId));
  }

  /**
   * The lines of the output file, then of the error file (line numbers count per file), for
   * inline jobs as for file jobs: both get the two files. A FAILED job that ran nothing has
   * only its `errors`.
   */
  async *resultLines(batchId: string): AsyncIterable<NumberedLine[]> {
    const job = await this.#retrieve(batchId);
    const status = mapMistralBatchStatus(job);
    if (!isTerminalStatus(status.status))
      throw new BatchNotFinishedError(batchId, status.status, status.rawStatus);
    const files = mistralJobFiles(job);
    if (status.status === "failed" && !files.output && !files.error)
      throw new BatchFailedError(batchId, mapMistralBatchErrors(job));
    for (const fileId of [files.output, files.error]) {
      if (!fileId) continue;
      try {
        yield* readLineBatchesResumable(
          () => this.#call("download results", (c) => c.files.download({ fileId })),
          { onRetry: (error, delivered) => this.#logDownloadRetry(fileId, error, delivered) },
        );
      } catch (error) {
        if (error instanceof StructuredBatchError) throw error;
        throw toMistralApiError(`download results file ${fileId}`, error, [this.#options.apiKey]);
      }
    }
  }

  #logDownloadRetry(fileId: string, error: unknown, delivered: number): void {
    this.#options.logger?.warn?.("mistral results download broke; downloading again", {
      fileId,
      linesDelivered: delivered,
      error: redact(String((error as Error)?.message), [this.#options.apiKey]),
    });
  }

  /** Newest first, as `order_by=-created` lists them, page after page until `limit`. */
  async list(options: ListOptions): Promise<BatchStatus[]> {
    const limit = options.limit ?? 20;
    const out: BatchStatus[] = [];
    if (limit <= 0) return out;
    const pageSize = Math.min(limit, 100);
    return this.#call("list batches", async (c) => {
      for (let page = 0; out.length < limit; page++) {
        const answer = await c.batch.jobs.list({ page, pageSize, orderBy: "-created" });
        const jobs = (answer.data ?? []) as MistralBatchJob[];
        for (const job of jobs) if (out.length < limit) out.push(mapMistralBatchStatus(job));
        if (jobs.length < pageSize || (page + 1) * pageSize >= answer.total) break;
      }
      return out;
    });
  }

  async cancel(batchId: string): Promise<BatchStatus> {
    return mapMistralBatchStatus(
      (await this.#call("cancel batch", (c) =>
        c.batch.jobs.cancel({ jobId: batchId }),
      )) as MistralBatchJob,
    );
  }

  /**
   * Deletes a finished job (`DELETE /v1/batch/jobs/{id}`, SDK `batch.jobs.delete`) and, first,
   * its input, output and error files, which would otherwise stay with the prompts and answers
   * in them. A file already gone is skipped; any other failure stops before the job itself is
   * deleted, so the call can be repeated.
   */
  async delete(batchId: string): Promise<DeleteReport> {
    const job = await this.#retrieve(batchId);
    const status = mapMistralBatchStatus(job);
    if (!isTerminalStatus(status.status)) {
      throw new StructuredBatchError(
        "batch_running",
        `Batch ${batchId} is still running (status "${status.rawStatus}"): deleting it would not stop it; cancel it and wait until it is cancelled first.`,
      );
    }
    const files = mistralJobFiles(job);
    const deletedFiles: string[] = [];
    for (const fileId of [...files.input, files.output, files.error]) {
      if (!fileId) continue;
      try {
        await this.#call(`delete file ${fileId}`, (c) => c.files.delete({ fileId }));
        deletedFiles.push(fileId);
      } catch (error) {
        // Already gone is what we wanted.
        if ((error as { status?: number }).status !== 404) throw error;
      }
    }
    await this.#call("delete batch", (c) => c.batch.jobs.delete({ jobId: batchId }));
    this.#options.logger?.info?.("mistral batch deleted", { batchId, deletedFiles });
    return { id: batchId, batchDeleted: true, deletedFiles };
  }
}
