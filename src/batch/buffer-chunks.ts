import type { BatchBuffer } from "./batch-buffer.js";

/**
 * References to the buffer's chunks, not copies: what an upload streams from. Read through
 * `stream()`, so the buffer's public API stays as it is.
 */
export async function bufferChunks(batch: BatchBuffer): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = batch.stream().getReader();
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  } finally {
    reader.releaseLock();
  }
  return chunks;
}

/**
 * A byte stream of `parts`, each enqueued as it is (a view, no copy), one per read: the runtime's
 * `fetch` sends them without joining or copying the batch, and nothing is queued ahead of the
 * socket (`highWaterMark: 0`). The caller announces the length, so the body is not chunked.
 */
export function streamOfParts(parts: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  const queue = parts.filter((part) => part.byteLength > 0);
  let index = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const part = queue[index++];
        if (part === undefined) controller.close();
        else controller.enqueue(part);
      },
    },
    { highWaterMark: 0 },
  );
}
