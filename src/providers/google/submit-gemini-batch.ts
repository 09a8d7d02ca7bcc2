import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { bufferChunks } from "../../batch/buffer-chunks.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { ProviderApiError } from "../../errors/provider-api-error.js";
import { charCount, metadataShapeIssues } from "../check-metadata.js";
import { classifyCreateFailure, createBatchOnce, retryHarmless } from "../create-batch-once.js";
import { inlineRequestsFromBuffer, toSdkInlinedRequest } from "./gemini-inline-requests.js";
import { geminiJson } from "./gemini-rest.js";
import { GEMINI_DISPLAY_NAME_MAX_LENGTH } from "./google-limits.js";
import { inlineBodyStream } from "./inline-body-stream.js";
import type { GoogleConnection, SdkCallConfig } from "./load-google-client.js";

/** Runs one call with the adapter's connection, wrapping its errors (see `GoogleProvider`). */
export type ConnectedCall = <R>(
  operation: string,
  fn: (connection: GoogleConnection, config: SdkCallConfig) => Promise<R>,
) => Promise<R>;

/**
 * Gemini batches carry only a display name (required by the API): `metadata.displayName`,
 * else `metadata.description`, else `structured-batch <time>`. Other keys are ignored, and
 * `warn` says which.
 */
export function geminiDisplayName(
  metadata: Record<string, string> | undefined,
  warn: (message: string) => void,
): string {
  const shape = metadataShapeIssues(metadata);
  if (shape.length > 0) throw new InvalidArgumentError(shape);
  const used = ["displayName", "description"].find((k) => metadata?.[k] !== undefined);
  const chosen = used === undefined ? undefined : metadata?.[used];
  if (used !== undefined && (typeof chosen !== "string" || chosen.trim() === "")) {
    throw new InvalidArgumentError([
      {
        code: "invalid_metadata_value",
        path: ["metadata", used],
        message: "must be a non-empty string (it becomes the batch's display name)",
      },
    ]);
  }
  if (
    chosen !== undefined &&
    charCount(chosen, GEMINI_DISPLAY_NAME_MAX_LENGTH) > GEMINI_DISPLAY_NAME_MAX_LENGTH
  ) {
    throw new InvalidArgumentError([
      {
        code: "metadata_value_too_long",
        path: ["metadata", used!],
        message: `becomes the batch's display name, which Gemini caps at ${GEMINI_DISPLAY_NAME_MAX_LENGTH} characters; this one has ${[...chosen].length}`,
      },
    ]);
  }
  const ignored = Object.keys(metadata ?? {}).filter((k) => k !== used);
  if (ignored.length > 0) {
    const from = used === undefined ? "" : ` (taken from metadata.${used})`;
    warn(`Gemini batches keep only a display name${from}; metadata ignored: ${ignored.join(", ")}`);
  }
  return chosen ?? `structured-batch ${new Date().toISOString()}`;
}

/** Sends the buffer's lines inline; returns the batch name. */
export async function submitInline(
  call: ConnectedCall,
  model: string,
  batch: BatchBuffer,
  displayName: string,
): Promise<string> {
  const chunks = await bufferChunks(batch);
  // Every line is checked here, before anything is sent, whichever path sends it.
  const streamed = await call("create batch", async ({ rest }) =>
    rest ? inlineBodyStream(chunks, displayName) : undefined,
  );
  const requests = streamed === undefined ? inlineRequestsFromBuffer(batch) : undefined;
  const path = `${model.includes("/") ? model : `models/${model}`}:batchGenerateContent`;
  const startedAt = Date.now();
  return createBatchOnce({
    provider: "google",
    create: () =>
      call("create batch", async ({ rest, sdk }, config) => {
        // REST sends the lines as built, streamed from the buffer; the SDK rebuilds inline
        // requests from the fields it knows.
        const created =
          rest && streamed
            ? await geminiJson<{ name?: string }>(rest, "create batch", path, {
                method: "POST",
                jsonStream: { body: streamed.body(), length: streamed.length },
              })
            : await sdk.batches.create({
                model: model,
                src: (requests ?? inlineRequestsFromBuffer(batch)).map(toSdkInlinedRequest),
                config: { ...config, displayName },
              });
        return resourceName(created, "create batch");
      }),
    // An inline batch is recognised by its display name, size and creation time.
    findCreated: () =>
      findRecentBatches(call, startedAt, (b) => {
        const stats = b.metadata?.batchStats;
        return (
          b.metadata?.displayName === displayName &&
          Number(stats?.requestCount ?? -1) === batch.requestCount
        );
      }),
  });
}

/** Uploads the buffer as a JSONL file and creates the batch from it; returns the batch name. */
export async function submitFile(
  call: ConnectedCall,
  model: string,
  batch: BatchBuffer,
  displayName: string,
): Promise<string> {
  const chunks = await bufferChunks(batch);
  // The SDK does not retry uploads; a repeated upload costs at most an unused file.
  const file = await retryHarmless(() =>
    call("upload batch file", ({ rest, sdk }, config) =>
      rest
        ? // Only batches too large to send inline are uploaded: loaded on demand.
          import("./upload-gemini-file.js").then((m) =>
            m.uploadGeminiFile(rest, chunks, displayName),
          )
        : sdk.files.upload({
            file: batch.toBlob(),
            config: { ...config, mimeType: "jsonl", displayName },
          }),
    ),
  );
  const fileName = resourceName(file, "upload batch file");
  const startedAt = Date.now();
  try {
    return await createBatchOnce({
      provider: "google",
      create: () =>
        call("create batch", async ({ sdk }, config) =>
          resourceName(
            await sdk.batches.create({
              model: model,
              src: fileName,
              config: { ...config, displayName },
            }),
            "create batch",
          ),
        ),
      // The uploaded file belongs to this submission alone, so it names the batch exactly.
      findCreated: () =>
        findRecentBatches(
          call,
          startedAt,
          (b) =>
            (b.metadata?.inputConfig?.fileName ?? b.metadata?.inputConfig?.file_name) === fileName,
        ),
    });
  } catch (error) {
    // Nothing half-made left behind: the uploaded file would otherwise sit there for 48 hours.
    // After an ambiguous failure it stays, since a batch may be reading it.
    if (classifyCreateFailure(error) === "fatal") {
      await call("delete file", ({ sdk }, config) =>
        sdk.files.delete({ name: fileName, config }),
      ).catch(() => undefined);
    }
    throw error;
  }
}

interface ListedBatch {
  name?: string;
  metadata?: {
    displayName?: string;
    createTime?: string;
    inputConfig?: { fileName?: string; file_name?: string };
    batchStats?: { requestCount?: string | number };
  };
}

/** Batches created since `startedAt` (less a minute of clock skew) that `matches` accepts. */
async function findRecentBatches(
  call: ConnectedCall,
  startedAt: number,
  matches: (batch: ListedBatch) => boolean,
): Promise<string[]> {
  return call("list batches", async ({ rest }) => {
    if (!rest)
      throw new ProviderApiError(
        "google",
        "list batches",
        "no REST access to look for the batch",
        {},
      );
    const page = await geminiJson<{ operations?: ListedBatch[] }>(rest, "list batches", "batches", {
      query: { pageSize: 100 },
    });
    return (page.operations ?? [])
      .filter((b) => Date.parse(b.metadata?.createTime ?? "") >= startedAt - 60_000)
      .filter(matches)
      .map((b) => b.name ?? "")
      .filter((name) => name !== "");
  });
}

/** The `name` of what the API created (`batches/...`, `files/...`). */
export function resourceName(created: { name?: string } | undefined, operation: string): string {
  if (typeof created?.name === "string" && created.name !== "") return created.name;
  throw new ProviderApiError("google", operation, "the answer has no resource name", {});
}
