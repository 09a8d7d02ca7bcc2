/**
 * A UTF-8 byte-order mark (U+FEFF) at the start of a file: Windows tools and some editors write
 * one. It is not part of the first line, so every reader drops it before splitting lines;
 * left in place it makes the first JSON line unparseable and loses its request or result.
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The same for bytes (`EF BB BF`), without copying them. */
export function stripBomBytes(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}
