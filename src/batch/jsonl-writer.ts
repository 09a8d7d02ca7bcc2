const encoder = new TextEncoder();
// Encoding in slices of this many characters keeps one copy of the batch in memory (the bytes)
// instead of three (the line strings, the joined string and the bytes).
const FLUSH_CHARS = 1 << 20;

/** Accumulates JSONL lines and encodes them to UTF-8 in large chunks. */
export class JsonlWriter {
  #pending = "";
  #chunks: Uint8Array[] = [];
  #bytes = 0;

  /** Adds one line; `line` must not contain a raw newline (JSON.stringify never emits one). */
  push(line: string): void {
    this.#pending += `${line}\n`;
    if (this.#pending.length >= FLUSH_CHARS) this.#flush();
  }

  /** Bytes encoded so far plus an upper bound for what is pending. */
  get approximateBytes(): number {
    return this.#bytes + this.#pending.length * 3;
  }

  #flush(): void {
    if (this.#pending === "") return;
    const chunk = encoder.encode(this.#pending);
    this.#pending = "";
    this.#bytes += chunk.byteLength;
    this.#chunks.push(chunk);
  }

  /** Encodes what is pending and hands over the chunks. */
  finish(): Uint8Array[] {
    this.#flush();
    const chunks = this.#chunks;
    this.#chunks = [];
    this.#bytes = 0;
    return chunks;
  }
}
