import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { BatchFailedError } from "../../errors/batch-failed-error.js";
import { BatchNotFinishedError } from "../../errors/batch-not-finished-error.js";
import { StructuredBatchError } from "../../errors/structured-batch-error.js";
import { type BatchStatus, isTerminalStatus } from "../../results/types.js";
import { toGeminiJsonSchema } from "../../schema/to-gemini-json-schema.js";
import type { ResolvedSchema } from "../../schema/types.js";
import type {
  BatchProviderAdapter,
  DeleteReport,
  GenerationParams,
  ListOptions,
  PreparedOutputSchema,
  ProviderOutcome,
  SubmitOptions,
} from "../types.js";
import { buildGeminiLineEncoder } from "./build-gemini-line-encoder.js";
import { checkGeminiModel } from "./check-gemini-model.js";
import { viewGeminiBatch } from "./gemini-batch-view.js";
import { geminiJson, toGeminiApiError } from "./gemini-rest.js";
import { type GoogleLimits, googleLimits, INLINE_OVERHEAD_PER_REQUEST } from "./google-limits.js";
import type { GoogleProviderOptions } from "./google-provider-options.js";
import {
  type GoogleConnection,
  loadGoogleClient,
  type SdkCallConfig,
} from "./load-google-client.js";
import { geminiBatchErrors, mapGeminiBatchStatus } from "./map-gemini-batch-status.js";
import { mapGeminiResultLine } from "./map-gemini-result-line.js";
import { fileLines, fileOutcomes, inlineOutcomes } from "./read-gemini-results.js";
import type { ConnectedCall } from "./submit-gemini-batch.js";

// Keys of recent inline batches, for responses that come back without theirs (bounded).
const REMEMBERED_BATCHES = 64;

class GoogleProvider implements BatchProviderAdapter {
  readonly id = "google" as const;
  readonly model: string;
  readonly limits: GoogleLimits;
  #options: GoogleProviderOptions;
  #connection: Promise<GoogleConnection> | undefined;
  #inlineKeys = new Map<string, readonly string[]>();
  #warnedNoRest = false;

  constructor(model: string, options: GoogleProviderOptions) {
    checkGeminiModel(model);
    this.model = model.replace(/^models\//, "");
    this.#options = options;
    this.limits = googleLimits(options.inlineMaxBytes);
  }

  #connect(): Promise<GoogleConnection> {
    // Kept after a failure too: a missing key or SDK will not appear between two calls.
    this.#connection ??= loadGoogleClient(this.#options);
    return this.#connection;
  }

  async #call<R>(
    operation: string,
    fn: (c: GoogleConnection, config: SdkCallConfig) => Promise<R>,
  ): Promise<R> {
    const connection = await this.#connect();
    try {
      return await fn(connection, { httpOptions: { apiVersion: connection.apiVersion } });
    } catch (error) {
      throw toGeminiApiError(operation, error, [
        this.#options.apiKey,
        ...(connection.rest?.secrets ?? []),
      ]);
    }
  }

  #warn(message: string): void {
    this.#options.logger?.warn?.(message);
  }

  prepareSchema<T>(schema: ResolvedSchema<T>): PreparedOutputSchema<T> {
    const gemini = toGeminiJsonSchema(schema.jsonSchema);
    return { schema, wireSchema: gemini.schema, normalize: gemini.normalize };
  }

  createLineEncoder(
    output: PreparedOutputSchema<unknown>,
    params: GenerationParams,
    warn: (message: string) => void,
  ) {
    return buildGeminiLineEncoder(output, params, warn, this.model);
  }

  /**
   * Gemini batches carry only a display name: `metadata.displayName`, else
   * `metadata.description`, else `structured-batch <time>`; other keys are ignored, with a
   * warning. Small batches go inline, larger ones as an uploaded JSONL file.
   */
  async submit(batch: BatchBuffer, options: SubmitOptions): Promise<string> {
    // Sending code is loaded when a batch is sent, as the SDK is: the core stays small.
    const { geminiDisplayName, submitFile, submitInline } = await import(
      "./submit-gemini-batch.js"
    );
    const displayName = geminiDisplayName(options.metadata, (m) => this.#warn(m));
    const estimated = batch.size + batch.requestCount * INLINE_OVERHEAD_PER_REQUEST;
    const inline = estimated <= this.limits.inlineMaxBytes;
    const call: ConnectedCall = (operation, fn) => this.#call(operation, fn);
    const name = inline
      ? await submitInline(call, this.model, batch, displayName)
      : await submitFile(call, this.model, batch, displayName);
    if (inline) {
      this.#inlineKeys.set(name, batch.customIds);
      const oldest = this.#inlineKeys.keys().next().value;
      if (this.#inlineKeys.size > REMEMBERED_BATCHES && oldest !== undefined) {
        this.#inlineKeys.delete(oldest);
      }
    }
    this.#options.logger?.info?.("gemini batch created", {
      batchId: name,
      mode: inline ? "inline" : "file",
      requests: batch.requestCount,
    });
    return name;
  }

  /** The raw batch: the REST operation (with counts), else the SDK's view of it (without). */
  async #retrieve(batchId: string): Promise<unknown> {
    const name = batchName(batchId);
    return this.#call("retrieve batch", async ({ rest, sdk }, config) => {
      if (rest) return geminiJson<unknown>(rest, "retrieve batch", name);
      if (!this.#warnedNoRest) {
        this.#warnedNoRest = true;
        this.#warn(
          "the Gemini client passed in does not expose its API key and base URL: request counts are unknown (0) and results files cannot be downloaded; pass { apiKey } instead of a client for those",
        );
      }
      return sdk.batches.get({ name, config });
    });
  }

  async getStatus(batchId: string): Promise<BatchStatus> {
    return mapGeminiBatchStatus(await this.#retrieve(batchId));
  }

  async *readResultBatches(batchId: string): AsyncIterable<ProviderOutcome[]> {
    const source = await this.#resultSource(batchId);
    if (source.kind === "file") {
      yield* fileOutcomes(source.rest, source.fileName);
      return;
    }
    // Already in memory: one batch.
    yield inlineOutcomes(source.view, this.#inlineKeys.get(source.name), (count) =>
      this.#warn(
        `${count} inline responses of ${source.name} had no metadata.key and were matched to their requests by position`,
      ),
    );
  }

  /** The results file's lines; for an inline batch, each inline response as one JSON line. */
  async *readRawLineBatches(batchId: string): AsyncIterable<string[]> {
    const source = await this.#resultSource(batchId);
    if (source.kind === "file") {
      for await (const batch of fileLines(source.rest, source.fileName)) {
        yield batch.map(({ line }) => line);
      }
      return;
    }
    yield (source.view.inlinedResponses ?? []).map((item) => JSON.stringify(item));
  }

  /** Where a finished batch's results are: a file to download, or inline in the batch. */
  async #resultSource(
    batchId: string,
  ): Promise<
    | { kind: "file"; rest: NonNullable<GoogleConnection["rest"]>; fileName: string }
    | { kind: "inline"; name: string; view: ReturnType<typeof viewGeminiBatch> }
  > {
    const name = batchName(batchId);
    const raw = await this.#retrieve(name);
    const status = mapGeminiBatchStatus(raw);
    if (!isTerminalStatus(status.status))
      throw new BatchNotFinishedError(name, status.status, status.rawStatus);
    const view = viewGeminiBatch(raw);
    if (status.status === "failed") throw new BatchFailedError(name, geminiBatchErrors(view));
    if (view.responsesFile === undefined) return { kind: "inline", name, view };
    const { rest } = await this.#connect();
    if (!rest) {
      throw new StructuredBatchError(
        "download_unavailable",
        `The results of ${name} are in ${view.responsesFile}, which needs the API key to download in memory; the client passed in does not expose it: pass { apiKey } instead of a client.`,
      );
    }
    return { kind: "file", rest, fileName: view.responsesFile };
  }

  parseResultLine(line: string, lineNumber: number): ProviderOutcome {
    return mapGeminiResultLine(line, lineNumber);
  }

  /** Newest first, as the API lists them; follows `nextPageToken` until `limit`. */
  async list(options: ListOptions): Promise<BatchStatus[]> {
    const limit = options.limit ?? 20;
    const out: BatchStatus[] = [];
    if (limit <= 0) return out;
    const pageSize = Math.min(limit, 100);
    return this.#call("list batches", async ({ rest, sdk }, config) => {
      if (!rest) {
        for await (const job of await sdk.batches.list({ config: { ...config, pageSize } })) {
          out.push(mapGeminiBatchStatus(job));
          if (out.length >= limit) break;
        }
        return out;
      }
      let pageToken: string | undefined;
      do {
        const page = await geminiJson<{ operations?: unknown[]; nextPageToken?: string }>(
          rest,
          "list batches",
          "batches",
          {
            query: { pageSize, pageToken },
          },
        );
        for (const op of page.operations ?? [])
          if (out.length < limit) out.push(mapGeminiBatchStatus(op));
        // An empty token means the last page (the SDK's pager loops on one).
        pageToken = page.nextPageToken || undefined;
      } while (pageToken !== undefined && out.length < limit);
      return out;
    });
  }

  async cancel(batchId: string): Promise<BatchStatus> {
    const name = batchName(batchId);
    await this.#call("cancel batch", ({ sdk }, config) => sdk.batches.cancel({ name, config }));
    return this.getStatus(name);
  }

  /**
   * Deletes a finished batch and, with it, its uploaded input file and its results file (they
   * would otherwise stay up to 48 hours, with the prompts and answers in them). A file already
   * gone, or one the key may not delete, is skipped; any other failure stops before the batch
   * itself is deleted, so the call can be repeated.
   */
  async delete(batchId: string): Promise<DeleteReport> {
    const name = batchName(batchId);
    const raw = await this.#retrieve(name);
    const status = mapGeminiBatchStatus(raw);
    if (!isTerminalStatus(status.status)) {
      throw new StructuredBatchError(
        "batch_running",
        `Batch ${name} is still running (status "${status.rawStatus}"): deleting it would not stop it; cancel it and wait until it is cancelled first.`,
      );
    }
    const view = viewGeminiBatch(raw);
    const deletedFiles: string[] = [];
    for (const file of [view.inputFile, view.responsesFile]) {
      if (file === undefined) continue;
      try {
        await this.#call(`delete file ${file}`, ({ sdk }, config) =>
          sdk.files.delete({ name: file, config }),
        );
        deletedFiles.push(file);
      } catch (error) {
        const code = (error as { status?: number }).status;
        if (code !== 404 && code !== 403) throw error;
        if (code === 403) this.#warn(`could not delete ${file} of ${name}: permission denied`);
      }
    }
    await this.#call("delete batch", ({ sdk }, config) => sdk.batches.delete({ name, config }));
    this.#options.logger?.info?.("gemini batch deleted", { batchId: name, deletedFiles });
    return { id: name, batchDeleted: true, deletedFiles };
  }
}

/** `abc` -> `batches/abc`, so a bare id works too. */
function batchName(batchId: string): string {
  return batchId.startsWith("batches/") ? batchId : `batches/${batchId}`;
}

/**
 * The Gemini API batch mode adapter (structured output through `responseJsonSchema`). Batches
 * under `limits.inlineMaxBytes` are sent inline, larger ones as an uploaded JSONL file.
 */
export function createGoogleProvider(
  model: string,
  options: GoogleProviderOptions = {},
): BatchProviderAdapter & { readonly limits: GoogleLimits } {
  return new GoogleProvider(model, options);
}
