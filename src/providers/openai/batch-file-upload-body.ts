import { streamOfParts } from "../../batch/buffer-chunks.js";

const encoder = new TextEncoder();

/** A multipart boundary that cannot occur in the JSONL: 24 random bytes as hex. */
function randomBoundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `structured-batch-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * The `multipart/form-data` body of `POST /v1/files` (`purpose=batch` and the JSONL as
 * `batch.jsonl`), streamed from the buffer's chunks with its exact length. The SDK's
 * `files.create` takes a `File`: a `Blob` made from the chunks copies them (Node's does), and
 * `fetch` reads the form into one more copy, so the upload held about two more copies of the
 * batch than the buffer; this body holds none.
 */
export function batchFileUploadBody(
  chunks: readonly Uint8Array[],
  boundary = randomBoundary(),
  fields: Record<string, string> = {},
  purpose = "batch",
): { body: ReadableStream<Uint8Array>; length: number; contentType: string } {
  let extra = "";
  for (const [name, value] of Object.entries(fields)) {
    extra += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  }
  const head = encoder.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n${purpose}\r\n${extra}` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="batch.jsonl"\r\n` +
      "Content-Type: application/jsonl\r\n\r\n",
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const parts = [head, ...chunks, tail];
  let length = 0;
  for (const part of parts) length += part.byteLength;
  return {
    body: streamOfParts(parts),
    length,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
