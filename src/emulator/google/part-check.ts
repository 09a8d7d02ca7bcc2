import { scanBase64 } from "../../messages/base64-payload.js";
import { parseImageUrl } from "../../messages/image-url.js";
import type { FileLookup } from "./file-uri.js";
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

/** A part Gemini refuses: the message, and the google.rpc status of the request's error. */
export interface PartProblem {
  message: string;
  status: "INVALID_ARGUMENT" | "PERMISSION_DENIED";
}

const invalid = (message: string): PartProblem => ({ message, status: "INVALID_ARGUMENT" });

function partProblem(part: unknown, at: string, lookup: FileLookup): PartProblem | undefined {
  const inline = field(part, "inlineData");
  if (inline !== undefined) {
    const mimeType = field(inline, "mimeType");
    const data = field(inline, "data");
    if (typeof data !== "string" || !scanBase64(data).ok) {
      const shown = typeof data === "string" ? data.slice(0, 40) : String(data);
      return invalid(
        `Invalid value at '${at}.inline_data.data' (TYPE_BYTES), Base64 decoding failed for "${shown}"`,
      );
    }
    // Images and PDFs: other media (audio, video) are not what the library sends.
    if (typeof mimeType !== "string" || !INLINE_TYPES.includes(mimeType.toLowerCase())) {
      return invalid(`Unsupported MIME type: ${String(mimeType)}`);
    }
    return undefined;
  }
  const file = field(part, "fileData");
  if (file !== undefined) {
    const uri = field(file, "fileUri");
    // One of this emulator's files (an upload through its Files API), or one it does not have.
    const local = typeof uri === "string" ? lookup(uri) : undefined;
    if (local === "missing") {
      // The Files API's wording (and status: 403, not 404) for a file it does not have.
      const id = (uri as string).slice((uri as string).lastIndexOf("/") + 1);
      return {
        message: `You do not have permission to access the File ${id} or it may not exist.`,
        status: "PERMISSION_DENIED",
      };
    }
    if (local !== undefined) return undefined;
    const parsed = parseImageUrl(typeof uri === "string" ? uri : "");
    const ok =
      parsed.kind === "remote" && ["https:", "gs:"].includes(parsed.scheme) && parsed.wellFormed;
    if (!ok) return invalid(`Invalid or unsupported file uri: ${String(uri).slice(0, 100)}`);
  }
  return undefined;
}

/** The first part of a request's turns Gemini would refuse, if any. */
export function findPartProblem(
  body: Json,
  lookup: FileLookup = () => undefined,
): PartProblem | undefined {
  const contents = field(body, "contents");
  if (!Array.isArray(contents)) return undefined;
  for (const [c, content] of contents.entries()) {
    const parts = field(content, "parts");
    if (!Array.isArray(parts)) continue;
    for (const [p, part] of parts.entries()) {
      const problem = partProblem(part, `contents[${c}].parts[${p}]`, lookup);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** The message of `findPartProblem`. */
export function partsProblem(body: Json, lookup?: FileLookup): string | undefined {
  return findPartProblem(body, lookup)?.message;
}
