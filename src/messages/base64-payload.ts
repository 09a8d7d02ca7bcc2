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

/** Decodes the first `count` bytes of an already checked payload (at most 4 per 4 chars). */
function decodePrefix(text: string, start: number, end: number, count: number): number[] {
  const bytes: number[] = [];
  for (let i = start; i < end && bytes.length < count; i += 4) {
    const quad = [0, 1, 2, 3].map((k) => {
      const code = i + k < end ? text.charCodeAt(i + k) : PAD;
      return code === PAD ? -1 : VALUE[code]!;
    });
    const [a, b, c, d] = quad as [number, number, number, number];
    if (a < 0 || b < 0) break;
    bytes.push(((a << 2) | (b >> 4)) & 0xff);
    if (c >= 0) bytes.push(((b << 4) | (c >> 2)) & 0xff);
    if (d >= 0) bytes.push(((c << 6) | d) & 0xff);
  }
  return bytes.slice(0, count);
}

function ascii(bytes: number[], from: number, to: number): string {
  return String.fromCharCode(...bytes.slice(from, to));
}

/** ISO-BMFF brands of HEIF images (ISO/IEC 23008-12 annex B); `heic`-family for HEVC ones. */
const HEIC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx"]);
const HEIF_BRANDS = new Set(["mif1", "msf1", "heif"]);

/**
 * The image format the payload's first bytes announce (`image/png`, ...), or undefined when
 * they match none of the formats any provider takes. Only 12 bytes are decoded.
 */
export function sniffImageType(text: string, start = 0, end = text.length): string | undefined {
  const b = decodePrefix(text, start, end, 12);
  if (b.length >= 8 && ascii(b, 1, 4) === "PNG" && b[0] === 0x89 && b[4] === 0x0d) {
    return "image/png";
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 6 && (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a")) {
    return "image/gif";
  }
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP") {
    return "image/webp";
  }
  if (b.length >= 12 && ascii(b, 4, 8) === "ftyp") {
    const brand = ascii(b, 8, 12);
    if (HEIC_BRANDS.has(brand)) return "image/heic";
    if (HEIF_BRANDS.has(brand)) return "image/heif";
  }
  return undefined;
}
