import { scanBase64, sniffImageType } from "../../messages/base64-payload.js";
import { parseImageUrl } from "../../messages/image-url.js";
import { isObject } from "../message-text.js";

/**
 * OpenAI refuses a bad image part when the request runs (in a batch: a 400 line in the error
 * file, hours later), so the emulator does the same, per request. Chat Completions only.
 *
 * Wording: "Invalid image URL: '<param>'. Expected a base64-encoded data URL with an image MIME
 * type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got <what>." with code
 * `invalid_value` is the real API's, observed for "a value without the 'data:' prefix" and
 * "empty base64-encoded bytes"; the other endings are ours. The unsupported-image message and
 * its `invalid_image_format` code are the real API's from memory (unverified); the `detail` and
 * role ones follow its usual `Invalid value: ... Supported values are: ...` form.
 */
export interface ImagePartRejection {
  message: string;
  param: string | null;
  code: string;
}

const FORMATS = ["image/png", "image/jpeg", "image/gif", "image/webp"];
// 20 MB per image (vision guide); the real message names the same limit.
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const UNSUPPORTED_IMAGE =
  "You uploaded an unsupported image. Please make sure your image is below 20 MB in size and is of one the following formats: ['png', 'jpeg', 'gif', 'webp'].";
const ROLE_PART_TYPES: Record<string, string> = {
  system: "'text'",
  developer: "'text'",
  assistant: "'text' and 'refusal'",
};

function invalidUrl(param: string, got: string): ImagePartRejection {
  return {
    message: `Invalid image URL: '${param}'. Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got ${got}.`,
    param,
    code: "invalid_value",
  };
}

export function urlRejection(url: string, param: string): ImagePartRejection | undefined {
  const parsed = parseImageUrl(url);
  // The real API fetches http(s) URLs when the request runs; the emulator has nothing to fetch.
  if (parsed.kind === "remote" && (parsed.scheme === "https:" || parsed.scheme === "http:")) {
    return undefined;
  }
  if (parsed.kind !== "data") return invalidUrl(param, "a value without the 'data:' prefix");
  if (!parsed.mediaType.startsWith("image/")) {
    return invalidUrl(param, "a value without an image MIME type");
  }
  if (!parsed.base64) return invalidUrl(param, "a value that is not base64-encoded");
  const scan = scanBase64(url, parsed.dataStart, parsed.dataEnd);
  if (!scan.ok && scan.problem.kind === "empty") {
    return invalidUrl(param, "empty base64-encoded bytes");
  }
  if (!scan.ok) return invalidUrl(param, "invalid base64-encoded bytes");
  const format = sniffImageType(url, parsed.dataStart, parsed.dataEnd);
  if (scan.decodedBytes > MAX_IMAGE_BYTES || !format || !FORMATS.includes(format)) {
    return { message: UNSUPPORTED_IMAGE, param: null, code: "invalid_image_format" };
  }
  return undefined;
}

function partRejection(part: unknown, role: string, param: string): ImagePartRejection | undefined {
  if (!isObject(part) || part.type !== "image_url") return undefined;
  const allowed = ROLE_PART_TYPES[role];
  if (allowed !== undefined) {
    return {
      message: `Invalid value: 'image_url'. Supported values are: ${allowed}.`,
      param: `${param}.type`,
      code: "invalid_value",
    };
  }
  const imageUrl = part.image_url;
  const url = isObject(imageUrl) ? imageUrl.url : undefined;
  if (typeof url !== "string") {
    return {
      message: `Missing required parameter: '${param}.image_url.url'.`,
      param: `${param}.image_url.url`,
      code: "missing_required_parameter",
    };
  }
  const detail = isObject(imageUrl) ? imageUrl.detail : undefined;
  if (detail !== undefined && !["auto", "low", "high"].includes(detail as string)) {
    return {
      message: `Invalid value: '${String(detail)}'. Supported values are: 'auto', 'low', and 'high'.`,
      param: `${param}.image_url.detail`,
      code: "invalid_value",
    };
  }
  return urlRejection(url, `${param}.image_url.url`);
}

/** The first image part of a chat request the real API would refuse, if any. */
export function imagePartRejection(
  body: Record<string, unknown>,
  endpoint: string,
): ImagePartRejection | undefined {
  if (endpoint !== "/v1/chat/completions" || !Array.isArray(body.messages)) return undefined;
  for (const [m, message] of body.messages.entries()) {
    if (!isObject(message) || !Array.isArray(message.content)) continue;
    const role = typeof message.role === "string" ? message.role : "user";
    for (const [p, part] of message.content.entries()) {
      const rejection = partRejection(part, role, `messages[${m}].content[${p}]`);
      if (rejection) return rejection;
    }
  }
  return undefined;
}
