const DEFAULT_ID = /^request-(0|[1-9]\d*)$/;

/**
 * Which custom ids have come back. Default ids (`request-<k>`) are kept as bits, so checking a
 * ten-million-request batch costs about a megabyte instead of a set of ten million strings.
 */
export class SeenIds {
  readonly #bits: Uint8Array;
  readonly #others = new Set<string>();

  constructor(defaultIdCount: number) {
    this.#bits = new Uint8Array(Math.ceil(Math.max(0, defaultIdCount) / 8));
  }

  #index(id: string): number {
    const match = DEFAULT_ID.exec(id);
    if (!match) return -1;
    const k = Number(match[1]);
    return k < this.#bits.length * 8 ? k : -1;
  }

  /** Records an id; false when it had been seen before. */
  add(id: string): boolean {
    const k = this.#index(id);
    if (k < 0) {
      if (this.#others.has(id)) return false;
      this.#others.add(id);
      return true;
    }
    const mask = 1 << (k & 7);
    const byte = this.#bits[k >> 3]!;
    if (byte & mask) return false;
    this.#bits[k >> 3] = byte | mask;
    return true;
  }

  has(id: string): boolean {
    const k = this.#index(id);
    if (k < 0) return this.#others.has(id);
    return (this.#bits[k >> 3]! & (1 << (k & 7))) !== 0;
  }
}
