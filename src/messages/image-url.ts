/**
 * The two forms an image part's URL can take: a URL the provider fetches, or a `data:` URL
 * (RFC 2397) carrying the image. Only the header is looked at here; the payload is checked by
 * `scanBase64` where it lies, never copied.
 */

export type ImageUrl =
  | {
      kind: "remote";
      /** Lower case with the colon: `https:`, `gs:`, `file:`. */
      scheme: string;
      /** False when the URL cannot be parsed or has no host. */
      wellFormed: boolean;
    }
  | {
      kind: "data";
      /** Lower case, as written (aliases are resolved by the rules), "" when absent. */
      mediaType: string;
      base64: boolean;
      /** Where the payload starts (after the comma) and ends. */
      dataStart: number;
      dataEnd: number;
    }
  | { kind: "no_scheme" };

// RFC 3986 scheme: a letter, then letters, digits, "+", "-", ".".
function schemeEnd(url: string): number {
  const first = url.charCodeAt(0);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return -1;
  // A scheme is short; looking further would make a 10 MB string without a colon cost a scan.
  const limit = Math.min(url.length, 64);
  for (let i = 1; i < limit; i++) {
    const c = url.charCodeAt(i);
    if (c === 58) return i; // ":"
    const ok =
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      (c >= 48 && c <= 57) ||
      c === 43 ||
      c === 45 ||
      c === 46;
    if (!ok) return -1;
  }
  return -1;
}

// An authority must follow: `scheme://host...`. Only its presence is checked, by hand: `new URL`
// costs microseconds per image, and a host that is there but wrong fails at the provider's
// fetch, which no check here could foresee anyway (the host may not resolve either).
function wellFormed(url: string, schemeLength: number): boolean {
  if (url.charCodeAt(schemeLength) !== 47 || url.charCodeAt(schemeLength + 1) !== 47) return false;
  const first = url.charCodeAt(schemeLength + 2);
  // Empty host: end of string, "/", "?", "#", "@" (userinfo without host), or a control/space.
  return !(
    Number.isNaN(first) ||
    first <= 32 ||
    first === 47 ||
    first === 63 ||
    first === 35 ||
    first === 64
  );
}

/** Splits an image part's URL into its form; `data:` headers are read up to the comma only. */
export function parseImageUrl(url: string): ImageUrl {
  const end = schemeEnd(url);
  if (end === -1) return { kind: "no_scheme" };
  const scheme = url.slice(0, end + 1).toLowerCase();
  if (scheme !== "data:") {
    return { kind: "remote", scheme, wellFormed: wellFormed(url, end + 1) };
  }
  const comma = url.indexOf(",", end + 1);
  const header = url.slice(end + 1, comma === -1 ? url.length : comma);
  const params = header.split(";");
  const mediaType = (params[0] ?? "").trim().toLowerCase();
  const base64 = params.length > 1 && params.at(-1)!.trim().toLowerCase() === "base64";
  return {
    kind: "data",
    mediaType,
    base64: base64 && comma !== -1,
    dataStart: comma === -1 ? url.length : comma + 1,
    dataEnd: url.length,
  };
}
