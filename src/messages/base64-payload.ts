/**
 * Base64 payloads checked where they lie inside a larger string (a `data:` URL, a wire field),
 * without slicing or decoding the whole payload: a 20 MB image costs one pass over its
 * characters and no copy.
 */

/** Value of each base64 character code (standard alphabet, RFC 4648 section 4), -1 if none. */
const VALUE = new Int8Array(128).fill(-1);
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;
const PAD = 61; // "="

/** What is wrong with a payload, and where (offset from its start). */
export type Base64Problem =
  | { kind: "empty" }
  | { kind: "character"; offset: number; char: string }
  | { kind: "length"; length: number }
  | { kind: "padding"; offset: number };

export type Base64Scan = { ok: true; decodedBytes: number } | { ok: false; problem: Base64Problem };

/**
 * Checks `text.slice(start, end)` as canonical padded base64 (the form every provider decodes:
 * the standard alphabet, a length that is a multiple of four, `=` only as the last one or two
 * characters). Whitespace is refused too: a line-wrapped payload is not a valid `data:` URL.
 */
export function scanBase64(text: string, start = 0, end = text.length): Base64Scan {
  const length = end - start;
  if (length === 0) return { ok: false, problem: { kind: "empty" } };
  let padding = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === PAD) {
      // Padding is legal only in the last two positions, and nothing but padding may follow it.
      if (end - i > 2) return { ok: false, problem: { kind: "padding", offset: i - start } };
      padding++;
      continue;
    }
    if (padding > 0) return { ok: false, problem: { kind: "padding", offset: i - start } };
    if (code >= 128 || VALUE[code] === -1) {
      return { ok: false, problem: { kind: "character", offset: i - start, char: text[i]! } };
    }
  }
  if (length % 4 !== 0) return { ok: false, problem: { kind: "length", length } };
  return { ok: true, decodedBytes: (length / 4) * 3 - padding };
}

/** Human words for a problem, e.g. `character " " at offset 12 is not base64`. */
export function describeBase64Problem(problem: Base64Problem): string {
  switch (problem.kind) {
    case "empty":
      return "the base64 payload is empty";
    case "character":
      return `character ${JSON.stringify(problem.char)} at offset ${problem.offset} is not base64 (A-Z, a-z, 0-9, +, /)`;
    case "length":
      return `the base64 payload is ${problem.length} characters long, not a multiple of 4 (missing "=" padding?)`;
    case "padding":
      return `"=" padding at offset ${problem.offset} is not at the end of the payload`;
  }
}

/** Decodes up to 12 bytes from the start of an already checked payload, into `out`. */
function decodePrefix(text: string, start: number, end: number, out: Uint8Array): number {
  let n = 0;
  let bits = 0;
  let buffer = 0;
  for (let i = start; i < end && n < out.length; i++) {
    const code = text.charCodeAt(i);
    if (code === PAD || code >= 128) break;
    buffer = (buffer << 6) | VALUE[code]!;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (buffer >> bits) & 0xff;
    }
  }
  return n;
}

/** True when `bytes` hold the ASCII `word` at `at`. */
function holds(bytes: Uint8Array, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** ISO-BMFF brands of HEIF images (ISO/IEC 23008-12 annex B); `heic`-family for HEVC ones. */
const HEIC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx"]);
const HEIF_BRANDS = new Set(["mif1", "msf1", "heif"]);

/**
 * The image format the payload's first bytes announce (`image/png`, ...), or undefined when
 * they match none of the formats any provider takes. Only the first 16 characters are read.
 */
export function sniffImageType(text: string, start = 0, end = text.length): string | undefined {
  const b = new Uint8Array(12);
  const n = decodePrefix(text, start, end, b);
  if (n >= 8 && b[0] === 0x89 && holds(b, 1, "PNG\r\n")) return "image/png";
  if (n >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (n >= 6 && (holds(b, 0, "GIF87a") || holds(b, 0, "GIF89a"))) return "image/gif";
  if (n >= 12 && holds(b, 0, "RIFF") && holds(b, 8, "WEBP")) return "image/webp";
  if (n >= 12 && holds(b, 4, "ftyp")) {
    const brand = String.fromCharCode(b[8]!, b[9]!, b[10]!, b[11]!);
    if (HEIC_BRANDS.has(brand)) return "image/heic";
    if (HEIF_BRANDS.has(brand)) return "image/heif";
  }
  return undefined;
}

/** True when the payload's first bytes are a PDF header (`%PDF-`). Only the start is read. */
export function isPdfPayload(text: string, start = 0, end = text.length): boolean {
  const b = new Uint8Array(5);
  return decodePrefix(text, start, end, b) === 5 && holds(b, 0, "%PDF-");
}
