import { describeBase64Problem, scanBase64, sniffImageType } from "./base64-payload.js";
import { type ContentPartRules, formatBytes } from "./content-part-rules.js";
import { parseImageUrl } from "./image-url.js";

/** An image part that passed the provider's rules, in the form a converter needs. */
export type CheckedImage =
  | { kind: "remote"; url: string }
  | { kind: "inline"; mediaType: string; dataStart: number };

/**
 * The URL for a message, without what may be a secret (signed URLs carry their signature in the
 * query, some carry `user:password@`), and cut at 60 characters.
 */
export function shortUrl(url: string): string {
  let shown = url.length > 200 ? url.slice(0, 200) : url;
  if (!/^data:/i.test(shown)) {
    shown = shown
      .replace(/[?#].*$/s, "?...")
      .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1...@");
  }
  return JSON.stringify(shown.length > 60 ? `${shown.slice(0, 60)}...` : shown);
}

/**
 * Checks one image URL against a provider's rules. Returns the image, or the issue (without a
 * path: the caller knows it). Linear in the URL: the payload is scanned once, where it lies.
 */
export function checkImageUrl(
  url: string,
  rules: ContentPartRules,
): { image: CheckedImage; decodedBytes: number } | { code: string; message: string } {
  const parsed = parseImageUrl(url);
  const schemes = () => [...rules.urlSchemes.map((s) => `${s}//`), "data:"].join(", ");
  if (parsed.kind === "no_scheme") {
    return {
      code: "invalid_image_url",
      message: `image URL ${shortUrl(url)} has no scheme; ${rules.label} takes ${schemes()} URLs`,
    };
  }
  if (parsed.kind === "remote") {
    if (!rules.urlSchemes.includes(parsed.scheme)) {
      return {
        code: "unsupported_image_url_scheme",
        message: `${rules.label} cannot fetch ${parsed.scheme} URLs (${shortUrl(url)}); it takes ${schemes()} URLs`,
      };
    }
    if (!parsed.wellFormed) {
      return {
        code: "invalid_image_url",
        message: `image URL ${shortUrl(url)} is not a valid URL with a host`,
      };
    }
    return { image: { kind: "remote", url }, decodedBytes: 0 };
  }
  if (parsed.mediaType === "" || !parsed.base64) {
    return {
      code: "invalid_data_url",
      message: `a data: URL needs a media type and base64 data (data:image/png;base64,...), got ${shortUrl(url)}`,
    };
  }
  const mediaType = rules.mediaTypeAliases[parsed.mediaType] ?? parsed.mediaType;
  if (!rules.mediaTypes.includes(mediaType)) {
    return {
      code: "unsupported_image_type",
      message: `${rules.label} takes ${rules.mediaTypes.join(", ")} images, got "${parsed.mediaType}"`,
    };
  }
  const scan = scanBase64(url, parsed.dataStart, parsed.dataEnd);
  if (!scan.ok) {
    return {
      code: scan.problem.kind === "empty" ? "empty_image_data" : "invalid_base64",
      message: `the data: URL's payload is not valid base64: ${describeBase64Problem(scan.problem)}`,
    };
  }
  const { bytes, of } = rules.maxImageSize;
  const size = of === "base64" ? parsed.dataEnd - parsed.dataStart : scan.decodedBytes;
  if (size > bytes) {
    const what = of === "base64" ? "base64 characters" : "bytes";
    return {
      code: "image_too_large",
      message: `the image is ${size} ${what}; ${rules.label} takes at most ${formatBytes(bytes)} per image${of === "base64" ? " (measured on the base64 text)" : ""}`,
    };
  }
  const sniffed = sniffImageType(url, parsed.dataStart, parsed.dataEnd);
  if (sniffed === undefined || !rules.mediaTypes.includes(sniffed)) {
    return {
      code: "unsupported_image_data",
      message: `the data is not a ${rules.mediaTypes.join(", ")} image${sniffed ? ` (it is ${sniffed})` : " (its first bytes match no image format)"}`,
    };
  }
  if (rules.bytesMustMatchMediaType && sniffed !== mediaType) {
    return {
      code: "image_type_mismatch",
      message: `the data is ${sniffed} but the data: URL says ${mediaType}; ${rules.label} refuses a wrong media type`,
    };
  }
  return {
    image: { kind: "inline", mediaType, dataStart: parsed.dataStart },
    decodedBytes: scan.decodedBytes,
  };
}
