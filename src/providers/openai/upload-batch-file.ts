import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { bufferChunks } from "../../batch/buffer-chunks.js";
import { StructuredBatchError } from "../../errors/structured-batch-error.js";
import { retryHarmless } from "../create-batch-once.js";
import { batchFileUploadBody } from "./batch-file-upload-body.js";
import type { OpenAIClientLike } from "./load-openai-client.js";

type Call = <R>(operation: string, fn: (client: OpenAIClientLike) => Promise<R>) => Promise<R>;

/**
 * Uploads the batch's JSONL (`purpose: "batch"`) and returns the file. The body is streamed
 * from the buffer's chunks through the SDK's own `post` (its auth, base URL, headers and
 * `fetch`), so the upload adds no copy of the batch to memory. A client without `post` (not the
 * official SDK) gets the SDK-style `files.create` with a `File`.
 *
 * A stream is read once, so the SDK cannot resend it: the upload is retried here, with a fresh
 * stream, on the failures the SDK would retry (a repeated upload costs at most an unused file).
 */
export async function uploadBatchFile(
  client: OpenAIClientLike,
  batch: BatchBuffer,
  call: Call,
  fields: Record<string, string> = {},
  /** Together: `/files/upload` with `purpose=batch-api`. */
  route: { path: string; purpose: string } = { path: "/files", purpose: "batch" },
): Promise<{ id: string; status?: string | null }> {
  const post = client.post;
  if (post === undefined) {
    return call("upload batch file", (c) =>
      c.files.create({
        file: new File([batch.toBlob()], "batch.jsonl", { type: "application/jsonl" }),
        purpose: route.purpose as "batch",
        ...fields,
      }),
    );
  }
  const chunks = await bufferChunks(batch);
  return retryHarmless(() =>
    call("upload batch file", async (c) => {
      const { body, length, contentType } = batchFileUploadBody(
        chunks,
        undefined,
        fields,
        route.purpose,
      );
      return (await post.call(c, route.path, {
        body,
        headers: { "content-type": contentType, "content-length": String(length) },
        maxRetries: 0,
      })) as { id: string };
    }),
  );
}

// Azure processes an upload before a batch may use it; a few seconds in practice.
const FILE_POLL_MS = 1000;
const FILE_WAIT_MS = 10 * 60_000;

/**
 * Azure answers an upload with status `pending` (older api-versions) and processes it before a
 * batch may read it: "wait until the file is processed" (learn.microsoft.com/azure/ai-services/
 * openai/how-to/batch, "Upload batch file"). Polls `files.retrieve` until `processed`; `error`
 * is Azure's status for a file it could not process.
 */
export async function awaitFileProcessed(
  file: { id: string; status?: string | null },
  call: Call,
): Promise<void> {
  let status = file.status;
  const deadline = Date.now() + FILE_WAIT_MS;
  while (status && status !== "processed") {
    // `error` (and a file deleted meanwhile) will not turn `processed`; nor will a file that has
    // not in ten minutes.
    if (/^(error|delet)/.test(status) || Date.now() > deadline) {
      throw new StructuredBatchError(
        "file_not_processed",
        `The service did not process the batch file ${file.id} (status "${status}")`,
      );
    }
    const seen = await call("check batch file", async (c) =>
      c.files.retrieve ? c.files.retrieve(file.id) : { id: file.id, status: "processed" },
    );
    status = seen.status;
    if (status !== "processed") await new Promise((r) => setTimeout(r, FILE_POLL_MS));
  }
}
