import { describeBase64Problem, isPdfPayload, scanBase64 } from "./base64-payload.js";
import { checkImageUrl, shortUrl } from "./check-image-url.js";
import { type ContentPartRules, formatBytes } from "./content-part-rules.js";
import { parseImageUrl } from "./image-url.js";
import type { FileContentPart } from "./types.js";

/** A file part that passed a provider's rules: what it is and what it weighs. */
export interface CheckedFile {
  category: "image" | "document";
  /** Canonical media type (aliases resolved). */
  mediaType: string;
  /** Decoded bytes when inline, 0 when by URL. */
  inlineBytes: number;
}

export type FileCheck = CheckedFile | { code: string; message: string; at: string };

/**
 * Checks one `{ type: "file" }` part against a provider's rules, without copying its payload:
 * the media type (from the `data:` URL, or `mediaType` for a URL), what the provider takes of
 * it (images through the image rules, PDFs by their header and size), and the URL scheme.
 * `at` names the field of the part the problem is in.
 */
export function checkFilePart(part: FileContentPart, rules: ContentPartRules): FileCheck {
  const parsed = parseImageUrl(part.url);
  const declared = part.mediaType?.toLowerCase();
  const fromUrl = parsed.kind === "data" ? parsed.mediaType : undefined;
  if (declared !== undefined && fromUrl !== undefined && fromUrl !== "" && declared !== fromUrl) {
    return {
      code: "media_type_mismatch",
      at: "mediaType",
      message: `mediaType "${declared}" differs from the data: URL's "${fromUrl}"`,
    };
  }
  const raw = fromUrl || declared;
  if (raw === undefined || raw === "") {
    return {
      code: "missing_media_type",
      at: parsed.kind === "remote" ? "mediaType" : "url",
      message:
        parsed.kind === "remote"
          ? `a file given by URL needs its mediaType ("application/pdf", "image/png", ...)`
          : `the file's data: URL has no media type (data:application/pdf;base64,...)`,
    };
  }
  const mediaType = rules.mediaTypeAliases[raw] ?? raw;
  if (rules.mediaTypes.includes(mediaType)) {
    const checked = checkImageUrl(part.url, rules);
    if ("code" in checked) return { ...checked, at: "url" };
    return { category: "image", mediaType, inlineBytes: checked.decodedBytes };
  }
  if (!rules.documentMediaTypes.includes(mediaType)) {
    return {
      code: "unsupported_file_type",
      at: part.mediaType !== undefined ? "mediaType" : "url",
      message: `${rules.label} takes files of type ${[...rules.mediaTypes, ...rules.documentMediaTypes].join(", ")}, got "${raw}"`,
    };
  }
  return checkDocument(part.url, parsed, mediaType, rules);
}

function checkDocument(
  url: string,
  parsed: ReturnType<typeof parseImageUrl>,
  mediaType: string,
  rules: ContentPartRules,
): FileCheck {
  const schemes = () => [...rules.documentUrlSchemes.map((s) => `${s}//`), "data:"].join(", ");
  if (parsed.kind === "no_scheme") {
    return {
      code: "invalid_file_url",
      at: "url",
      message: `file URL ${shortUrl(url)} has no scheme; ${rules.label} takes ${schemes()} URLs for documents`,
    };
  }
  if (parsed.kind === "remote") {
    if (!rules.documentUrlSchemes.includes(parsed.scheme)) {
      return {
        code: "unsupported_file_url_scheme",
        at: "url",
        message: `${rules.label} cannot fetch documents from ${parsed.scheme} URLs (${shortUrl(url)}); it takes ${schemes()} URLs`,
      };
    }
    if (!parsed.wellFormed) {
      return {
        code: "invalid_file_url",
        at: "url",
        message: `file URL ${shortUrl(url)} is not a valid URL with a host`,
      };
    }
    return { category: "document", mediaType, inlineBytes: 0 };
  }
  if (!parsed.base64) {
    return {
      code: "invalid_data_url",
      at: "url",
      message: `a file's data: URL needs base64 data (data:${mediaType};base64,...), got ${shortUrl(url)}`,
    };
  }
  const scan = scanBase64(url, parsed.dataStart, parsed.dataEnd);
  if (!scan.ok) {
    return {
      code: scan.problem.kind === "empty" ? "empty_file_data" : "invalid_base64",
      at: "url",
      message: `the data: URL's payload is not valid base64: ${describeBase64Problem(scan.problem)}`,
    };
  }
  if (scan.decodedBytes > rules.maxDocumentBytes) {
    return {
      code: "file_too_large",
      at: "url",
      message: `the document is ${scan.decodedBytes} bytes; ${rules.label} takes at most ${formatBytes(rules.maxDocumentBytes)} per document`,
    };
  }
  if (mediaType === "application/pdf" && !isPdfPayload(url, parsed.dataStart, parsed.dataEnd)) {
    return {
      code: "unsupported_file_data",
      at: "url",
      message: `the data is not a PDF (it does not start with "%PDF-")`,
    };
  }
  return { category: "document", mediaType, inlineBytes: scan.decodedBytes };
}
