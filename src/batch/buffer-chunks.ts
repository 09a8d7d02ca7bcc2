import { type BatchBuffer, chunksOf } from "./batch-buffer.js";

/** References to the buffer's chunks, not copies: what an upload streams from. */
export async function bufferChunks(batch: BatchBuffer): Promise<readonly Uint8Array[]> {
  return chunksOf(batch);
}

/** Views of bytes [start, end) of the chunks taken as one run of bytes: nothing is copied. */
export function viewsOf(chunks: readonly Uint8Array[], start: number, end: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= end) break;
    const from = Math.max(start - offset, 0);
    const to = Math.min(end - offset, chunk.byteLength);
    if (from < to) out.push(chunk.subarray(from, to));
    offset += chunk.byteLength;
  }
  return out;
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
