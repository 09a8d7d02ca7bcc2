const encoder = new TextEncoder();
// Lines are encoded straight into blocks of this size: the batch exists once, as bytes, and
// the line strings die young (no joined string, no pending text).
const BLOCK_BYTES = 1 << 20;

/** Accumulates JSONL lines as UTF-8 in large blocks. */
export class JsonlWriter {
  #chunks: Uint8Array[] = [];
  #block = new Uint8Array(BLOCK_BYTES);
  #used = 0;
  #bytes = 0;

  /** Adds one line; `line` must not contain a raw newline (JSON.stringify never emits one). */
  push(line: string): void {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit; most lines fit without a retry.
    if (line.length * 3 + 1 > this.#block.length - this.#used) {
      if (line.length * 3 + 1 > BLOCK_BYTES) {
        this.#seal();
        const bytes = encoder.encode(`${line}\n`);
        this.#chunks.push(bytes);
        this.#bytes += bytes.byteLength;
        return;
      }
      this.#seal();
    }
    const { written } = encoder.encodeInto(line, this.#block.subarray(this.#used));
    this.#used += written;
    this.#block[this.#used++] = 10;
    this.#bytes += written + 1;
  }

  /** Bytes written so far. */
  get approximateBytes(): number {
    return this.#bytes;
  }

  #seal(): void {
    if (this.#used === 0) return;
    // A view, not a copy: the unused tail is smaller than one line, and a copied block would
    // linger as garbage until a full collection.
    this.#chunks.push(this.#block.subarray(0, this.#used));
    this.#block = new Uint8Array(BLOCK_BYTES);
    this.#used = 0;
  }

  /** Hands over the chunks. */
  finish(): Uint8Array[] {
    this.#seal();
    const chunks = this.#chunks;
    this.#chunks = [];
    this.#bytes = 0;
    return chunks;
  }
}
