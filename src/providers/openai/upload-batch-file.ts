import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { bufferChunks } from "../../batch/buffer-chunks.js";
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
): Promise<{ id: string; status?: string | null }> {
  const post = client.post;
  if (post === undefined) {
    return call("upload batch file", (c) =>
      c.files.create({
        file: new File([batch.toBlob()], "batch.jsonl", { type: "application/jsonl" }),
        purpose: "batch",
        ...fields,
      }),
    );
  }
  const chunks = await bufferChunks(batch);
  return retryHarmless(() =>
    call("upload batch file", async (c) => {
      const { body, length, contentType } = batchFileUploadBody(chunks, undefined, fields);
      return (await post.call(c, "/files", {
        body,
        headers: { "content-type": contentType, "content-length": String(length) },
        maxRetries: 0,
      })) as { id: string };
    }),
  );
}
