/** Text is encoded in pieces of this many UTF-16 code units: memory stays flat for a huge string. */
const TEXT_SLICE = 64 * 1024;

/**
 * The chunks as UTF-8 bytes without a leading byte-order mark (which may itself arrive split
 * across the first chunks). Strings are encoded piece by piece, never cutting a surrogate pair,
 * also when one text chunk ends between the two halves of a character.
 */
export async function* csvBytes(
  chunks: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const bom = new BomStripper();
  // A high surrogate ending a text chunk, waiting for its pair in the next one.
  let high = "";
  for await (const chunk of chunks) {
    if (typeof chunk !== "string") {
      if (high !== "") yield* bom.pass(encoder.encode(high));
      high = "";
      yield* bom.pass(chunk);
      continue;
    }
    let text = high + chunk;
    high = "";
    if (isHighSurrogate(text.charCodeAt(text.length - 1))) {
      high = text.slice(-1);
      text = text.slice(0, -1);
    }
    for (const bytes of encodePieces(text, encoder)) yield* bom.pass(bytes);
  }
  if (high !== "") yield* bom.pass(encoder.encode(high));
  yield* bom.end();
}

/** Holds the first bytes until there are three, to drop `EF BB BF` however they arrive. */
class BomStripper {
  #head: Uint8Array | undefined = new Uint8Array(0);

  *pass(bytes: Uint8Array): Generator<Uint8Array> {
    if (this.#head === undefined) {
      if (bytes.length > 0) yield bytes;
      return;
    }
    const joined = concat(this.#head, bytes);
    if (joined.length < 3) {
      this.#head = joined;
      return;
    }
    this.#head = undefined;
    yield withoutBom(joined);
  }

  *end(): Generator<Uint8Array> {
    if (this.#head !== undefined && this.#head.length > 0) yield withoutBom(this.#head);
    this.#head = undefined;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function* encodePieces(text: string, encoder: TextEncoder): Generator<Uint8Array> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + TEXT_SLICE, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    yield encoder.encode(text.slice(start, end));
    start = end;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function withoutBom(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}
