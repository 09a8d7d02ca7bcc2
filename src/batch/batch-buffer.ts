import type { ProviderId } from "../providers/types.js";

const decoder = new TextDecoder();

let readChunks: (buffer: BatchBuffer) => readonly Uint8Array[];

/**
 * The buffer's chunks themselves (not copies), for the library's own senders and splitter; not
 * exported from the package. Sending or cutting a batch from its chunks, rather than from
 * `getValue()`, never joins them into a second copy of the batch.
 */
export function chunksOf(buffer: BatchBuffer): readonly Uint8Array[] {
  return readChunks(buffer);
}

/**
 * A batch built in memory: the provider's JSONL, ready to submit. Nothing touches a disk.
 * The bytes are kept as the chunks they were encoded in, so building a large batch never holds
 * a second full copy; `getValue()` joins them once, on demand.
 */
export class BatchBuffer {
  /** Provider the lines were built for; `submitBatch` refuses a buffer built for another. */
  readonly provider: ProviderId;
  /** Model named in every line. */
  readonly model: string;
  /** Custom ids in input order. */
  readonly customIds: readonly string[];
  /** Size in bytes of the JSONL. */
  readonly size: number;
  /**
   * What the build left out or changed, e.g. a parameter the provider's API version rejects.
   * Also sent to the processor's logger.
   */
  readonly warnings: readonly string[];
  #chunks: Uint8Array[];

  static {
    readChunks = (buffer) => buffer.#chunks;
  }

  constructor(init: {
    provider: ProviderId;
    model: string;
    customIds: readonly string[];
    chunks: Uint8Array[];
    warnings?: readonly string[];
  }) {
    this.warnings = init.warnings ?? [];
    this.provider = init.provider;
    this.model = init.model;
    this.customIds = init.customIds;
    this.#chunks = init.chunks;
    let size = 0;
    for (const chunk of init.chunks) size += chunk.byteLength;
    this.size = size;
  }

  /** Number of requests (lines). */
  get requestCount(): number {
    return this.customIds.length;
  }

  /** The whole JSONL as one byte array (joined once, then kept). */
  getValue(): Uint8Array {
    if (this.#chunks.length !== 1) {
      const all = new Uint8Array(this.size);
      let offset = 0;
      for (const chunk of this.#chunks) {
        all.set(chunk, offset);
        offset += chunk.byteLength;
      }
      this.#chunks = [all];
    }
    return this.#chunks[0] ?? new Uint8Array(0);
  }

  /** The whole JSONL as a string. */
  text(): string {
    if (this.#chunks.length === 1) return decoder.decode(this.#chunks[0]);
    const streaming = new TextDecoder();
    let out = "";
    for (const chunk of this.#chunks) out += streaming.decode(chunk, { stream: true });
    return out + streaming.decode();
  }

  /** The first `maxChars` characters of the JSONL (default 500), for a look before submitting. */
  preview(maxChars = 500): string {
    const streaming = new TextDecoder();
    let out = "";
    for (const chunk of this.#chunks) {
      // A UTF-8 character takes at most 4 bytes, so this many bytes always hold maxChars characters.
      out += streaming.decode(chunk.subarray(0, maxChars * 4), { stream: true });
      if (out.length >= maxChars) break;
    }
    return out.slice(0, maxChars);
  }

  /** The JSONL as a `Blob` (`application/jsonl`), sharing the bytes rather than copying them. */
  toBlob(): Blob {
    return new Blob(this.#chunks as BlobPart[], { type: "application/jsonl" });
  }

  /** The JSONL as a byte stream, chunk by chunk. */
  stream(): ReadableStream<Uint8Array> {
    const chunks = this.#chunks;
    let i = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[i++];
        if (chunk === undefined) controller.close();
        else controller.enqueue(chunk);
      },
    });
  }

  /** Iterates over the JSONL lines (without newlines), decoding one chunk at a time. */
  *lines(): Generator<string> {
    const streaming = new TextDecoder();
    let pending = "";
    for (const chunk of this.#chunks) {
      const text = pending + streaming.decode(chunk, { stream: true });
      let start = 0;
      for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
        if (end > start) yield text.slice(start, end);
        start = end + 1;
      }
      pending = text.slice(start);
    }
    pending += streaming.decode();
    if (pending.length > 0) yield pending;
  }
}
