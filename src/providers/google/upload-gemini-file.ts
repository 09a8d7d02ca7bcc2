import { streamOfParts, viewsOf } from "../../batch/buffer-chunks.js";
import { ProviderApiError } from "../../errors/provider-api-error.js";
import { toProviderApiError } from "../to-provider-api-error.js";
import { type GeminiRest, geminiFetch, geminiResponseError } from "./gemini-rest.js";

// The SDK's own piece size (a multiple of the protocol's 256 KB granularity): the same requests
// as `files.upload` makes, so a proxy or quota that takes the SDK's upload takes this one.
const PIECE_BYTES = 8 * 1024 * 1024;
const OPERATION = "upload batch file";

/**
 * Uploads the JSONL with the resumable protocol, as `@google/genai`'s `files.upload` does
 * (start, then 8 MB pieces with their offsets, the last one `upload, finalize`), but each piece
 * is a stream of views of the buffer's chunks. The SDK takes a `Blob`, which copies the batch
 * (Node's does), and sends each piece from another copy; this holds none. Returns the file.
 */
export async function uploadGeminiFile(
  rest: GeminiRest,
  chunks: readonly Uint8Array[],
  displayName: string,
): Promise<{ name?: string }> {
  let size = 0;
  for (const chunk of chunks) size += chunk.byteLength;
  const start = await geminiFetch(rest, OPERATION, "files", {
    method: "POST",
    prefix: "upload",
    body: { file: { mimeType: "jsonl", displayName, sizeBytes: String(size) } },
    headers: {
      "x-goog-upload-protocol": "resumable",
      "x-goog-upload-command": "start",
      "x-goog-upload-header-content-length": String(size),
      "x-goog-upload-header-content-type": "jsonl",
    },
  });
  await start.body?.cancel();
  const given = start.headers.get("x-goog-upload-url");
  if (!given) {
    throw new ProviderApiError("google", OPERATION, "the answer has no x-goog-upload-url", {});
  }
  // As the SDK does: the path and query (the upload id) are the API's, the host is the one the
  // client was configured with (a proxy, the emulator).
  const url = new URL(given);
  const base = new URL(rest.baseUrl);
  url.protocol = base.protocol;
  url.host = base.host;
  let offset = 0;
  do {
    const end = Math.min(offset + PIECE_BYTES, size);
    const last = end >= size;
    let response: Response;
    try {
      const fetch = rest.fetch;
      response = await fetch(url.toString(), {
        method: "POST",
        headers: {
          ...(await rest.headers()),
          "x-goog-upload-command": last ? "upload, finalize" : "upload",
          "x-goog-upload-offset": String(offset),
          "content-length": String(end - offset),
        },
        body: streamOfParts(viewsOf(chunks, offset, end)),
        // A stream body needs it in Node's fetch; the other runtimes ignore it.
        duplex: "half",
      } as RequestInit);
    } catch (error) {
      throw toProviderApiError("google", OPERATION, error, rest.secrets);
    }
    if (!response.ok) throw await geminiResponseError(rest, OPERATION, response);
    const status = response.headers.get("x-goog-upload-status");
    if (last || status !== "active") {
      if (status !== "final") {
        await response.body?.cancel();
        throw new ProviderApiError(
          "google",
          OPERATION,
          `the upload ended with status ${status ?? "none"} after ${end} of ${size} bytes`,
          {},
        );
      }
      return ((await response.json()) as { file?: { name?: string } }).file ?? {};
    }
    await response.body?.cancel();
    offset = end;
  } while (offset < size);
  throw new ProviderApiError("google", OPERATION, "the upload was not finalized", {});
}
