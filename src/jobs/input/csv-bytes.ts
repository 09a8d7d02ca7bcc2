/** Text is encoded in pieces of this many UTF-16 code units: memory stays flat for a huge string. */
const TEXT_SLICE = 64 * 1024;

/**
 * The chunks as UTF-8 bytes without a leading byte-order mark (which may itself arrive split
 * across the first chunks). Strings are encoded piece by piece, never cutting a surrogate pair.
 */
export async function* csvBytes(
  chunks: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let head: Uint8Array | undefined = new Uint8Array(0);
  for await (const chunk of chunks) {
    for (const bytes of typeof chunk === "string" ? encodePieces(chunk, encoder) : [chunk]) {
      if (head === undefined) {
        if (bytes.length > 0) yield bytes;
        continue;
      }
      const joined: Uint8Array = concat(head, bytes);
      if (joined.length < 3) {
        head = joined;
        continue;
      }
      head = undefined;
      yield withoutBom(joined);
    }
  }
  if (head !== undefined && head.length > 0) yield withoutBom(head);
}

function* encodePieces(text: string, encoder: TextEncoder): Generator<Uint8Array> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + TEXT_SLICE, text.length);
    const last = text.charCodeAt(end - 1);
    // A high surrogate whose pair is in the next piece would encode as U+FFFD.
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
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
