import { scanBase64 } from "../../messages/base64-payload.js";
import { parseImageUrl } from "../../messages/image-url.js";
import { field, type Json } from "./wire.js";

/*
 * Parts Gemini refuses, checked per request while the batch runs (a request's error status).
 * Wording: "Invalid value at '<path>' (TYPE_BYTES), Base64 decoding failed for ..." is the
 * API's JSON-parsing message and "Unsupported MIME type: <type>" its media type one (both from
 * memory, unverified); the file URI one is ours. Google's decoder also takes the URL-safe
 * alphabet and missing padding, which the emulator does not (the library never sends them).
 */
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"];
// Document understanding: PDFs inline or by URI (https://ai.google.dev/gemini-api/docs/document-processing).
const INLINE_TYPES = [...IMAGE_TYPES, "application/pdf"];

function partProblem(part: unknown, at: string): string | undefined {
  const inline = field(part, "inlineData");
  if (inline !== undefined) {
    const mimeType = field(inline, "mimeType");
    const data = field(inline, "data");
    if (typeof data !== "string" || !scanBase64(data).ok) {
      const shown = typeof data === "string" ? data.slice(0, 40) : String(data);
      return `Invalid value at '${at}.inline_data.data' (TYPE_BYTES), Base64 decoding failed for "${shown}"`;
    }
    // Images and PDFs: other media (audio, video) are not what the library sends.
    if (typeof mimeType !== "string" || !INLINE_TYPES.includes(mimeType.toLowerCase())) {
      return `Unsupported MIME type: ${String(mimeType)}`;
    }
    return undefined;
  }
  const file = field(part, "fileData");
  if (file !== undefined) {
    const uri = field(file, "fileUri");
    const parsed = parseImageUrl(typeof uri === "string" ? uri : "");
    const ok =
      parsed.kind === "remote" && ["https:", "gs:"].includes(parsed.scheme) && parsed.wellFormed;
    if (!ok) return `Invalid or unsupported file uri: ${String(uri).slice(0, 100)}`;
  }
  return undefined;
}

/** The first part of a request's turns Gemini would refuse, if any. */
export function partsProblem(body: Json): string | undefined {
  const contents = field(body, "contents");
  if (!Array.isArray(contents)) return undefined;
  for (const [c, content] of contents.entries()) {
    const parts = field(content, "parts");
    if (!Array.isArray(parts)) continue;
    for (const [p, part] of parts.entries()) {
      const problem = partProblem(part, `contents[${c}].parts[${p}]`);
      if (problem) return problem;
    }
  }
  return undefined;
}
