import { scanBase64, sniffImageType } from "../../messages/base64-payload.js";
import { parseImageUrl } from "../../messages/image-url.js";
import { isObject } from "../message-text.js";
import { documentBlockRejection } from "./document-block-check.js";

/**
 * Content blocks the Messages API refuses, checked when the request runs (in a batch: an
 * `errored` result). Wording: `<path>: <problem>` as the API's validation messages go.
 * Observed: "text content blocks must contain non-whitespace text", "all messages must have
 * non-empty content except for the optional final assistant message", the pydantic literal
 * message for a media type, "image exceeds 5 MB maximum: N bytes > 5242880 bytes" and
 * "Image does not match the provided media type" (the last two from memory, unverified); the
 * base64, format and URL scheme messages are ours.
 */
export interface BlockRejection {
  param: string;
  message: string;
}

const MEDIA_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];
// 5 MB of base64 text per image (vision guide; the API's schema limit).
const MAX_BASE64 = 5 * 1024 * 1024;

function base64Rejection(source: Record<string, unknown>, at: string): BlockRejection | undefined {
  const { media_type: mediaType, data } = source;
  if (!MEDIA_TYPES.includes(mediaType as string)) {
    return {
      param: `${at}.media_type`,
      message: `${at}.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`,
    };
  }
  if (typeof data !== "string") {
    return { param: `${at}.data`, message: `${at}.data: Field required` };
  }
  if (data.length > MAX_BASE64) {
    return {
      param: at,
      message: `${at}: image exceeds 5 MB maximum: ${data.length} bytes > ${MAX_BASE64} bytes`,
    };
  }
  if (!scanBase64(data).ok) {
    return { param: `${at}.data`, message: `${at}.data: The image data is not valid base64.` };
  }
  const format = sniffImageType(data);
  if (format === undefined || !MEDIA_TYPES.includes(format)) {
    return { param: `${at}.data`, message: `${at}.data: Could not process image` };
  }
  if (format !== mediaType) {
    return {
      param: `${at}.data`,
      message: `${at}.data: Image does not match the provided media type ${mediaType}`,
    };
  }
  return undefined;
}

function blockRejection(block: unknown, at: string): BlockRejection | undefined {
  if (!isObject(block)) return undefined;
  if (block.type === "text") {
    if (typeof block.text === "string" && block.text.trim() === "") {
      return {
        param: "messages",
        message: "messages: text content blocks must contain non-whitespace text",
      };
    }
    return undefined;
  }
  if (block.type === "document") return documentBlockRejection(block, at);
  if (block.type !== "image" || !isObject(block.source)) return undefined;
  const { source } = block;
  if (source.type === "base64") return base64Rejection(source, `${at}.image.source.base64`);
  if (source.type === "url") {
    const url = typeof source.url === "string" ? source.url : "";
    const parsed = parseImageUrl(url);
    if (parsed.kind !== "remote" || parsed.scheme !== "https:" || !parsed.wellFormed) {
      return {
        param: `${at}.image.source.url.url`,
        message: `${at}.image.source.url.url: Only HTTPS image URLs are supported`,
      };
    }
  }
  return undefined;
}

/** The first content block of a request's params the real API would refuse, if any. */
export function imageBlockRejection(params: Record<string, unknown>): BlockRejection | undefined {
  if (Array.isArray(params.system)) {
    for (const [i, block] of params.system.entries()) {
      if (isObject(block) && block.type !== "text") {
        return { param: "system", message: `system.${i}.type: Input should be 'text'` };
      }
    }
  }
  if (!Array.isArray(params.messages)) return undefined;
  for (const [m, message] of params.messages.entries()) {
    if (!isObject(message)) continue;
    if (typeof message.content === "string") {
      const finalAssistant = m === params.messages.length - 1 && message.role === "assistant";
      if (message.content === "" && !finalAssistant) {
        return {
          param: `messages.${m}`,
          message: `messages.${m}: all messages must have non-empty content except for the optional final assistant message`,
        };
      }
      continue;
    }
    if (!Array.isArray(message.content)) continue;
    for (const [b, block] of message.content.entries()) {
      const rejection = blockRejection(block, `messages.${m}.content.${b}`);
      if (rejection) return rejection;
    }
  }
  return undefined;
}
