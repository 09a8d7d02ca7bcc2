import { isPdfPayload, scanBase64 } from "../../messages/base64-payload.js";
import { parseImageUrl } from "../../messages/image-url.js";
import { isObject } from "../message-text.js";
import { type ImagePartRejection, urlRejection } from "./image-part-check.js";

/**
 * The file parts OpenAI takes, checked per request as the real API does when it runs: on chat
 * completions `{ type: "file", file: { file_data | file_id, filename } }`, on the Responses API
 * `input_file` (`file_data`, `file_url` or `file_id`) and `input_image` (`image_url` or
 * `file_id`). The emulator reads PDFs only (the library sends no other documents).
 *
 * Wording (unverified): modelled on the real image-URL message, "Invalid file data: '<param>'.
 * Expected a base64-encoded data URL with an application/pdf MIME type (e.g.
 * 'data:application/pdf;base64,SGVsbG8sIFdvcmxkIQ=='), but got <what>." with code
 * `invalid_value`; a missing field is the API's usual missing_required_parameter.
 */
function invalidFileData(param: string, got: string): ImagePartRejection {
  return {
    message: `Invalid file data: '${param}'. Expected a base64-encoded data URL with an application/pdf MIME type (e.g. 'data:application/pdf;base64,SGVsbG8sIFdvcmxkIQ=='), but got ${got}.`,
    param,
    code: "invalid_value",
  };
}

function fileDataRejection(data: string, param: string): ImagePartRejection | undefined {
  const parsed = parseImageUrl(data);
  if (parsed.kind !== "data") return invalidFileData(param, "a value without the 'data:' prefix");
  if (!parsed.base64) return invalidFileData(param, "a value that is not base64-encoded");
  const scan = scanBase64(data, parsed.dataStart, parsed.dataEnd);
  if (!scan.ok) return invalidFileData(param, "invalid base64-encoded bytes");
  if (!isPdfPayload(data, parsed.dataStart, parsed.dataEnd)) {
    return invalidFileData(param, "bytes that are not a PDF");
  }
  return undefined;
}

const missing = (param: string): ImagePartRejection => ({
  message: `Missing required parameter: '${param}'.`,
  param,
  code: "missing_required_parameter",
});

function partRejection(part: unknown, param: string): ImagePartRejection | undefined {
  if (!isObject(part)) return undefined;
  if (part.type === "file") {
    const file = isObject(part.file) ? part.file : undefined;
    if (typeof file?.file_id === "string") return undefined;
    if (typeof file?.file_data !== "string") return missing(`${param}.file.file_data`);
    return fileDataRejection(file.file_data, `${param}.file.file_data`);
  }
  if (part.type === "input_file") {
    if (typeof part.file_id === "string") return undefined;
    if (typeof part.file_url === "string") {
      const url = parseImageUrl(part.file_url);
      return url.kind === "remote" && (url.scheme === "https:" || url.scheme === "http:")
        ? undefined
        : { message: "Invalid file URL.", param: `${param}.file_url`, code: "invalid_value" };
    }
    if (typeof part.file_data !== "string") return missing(`${param}.file_data`);
    return fileDataRejection(part.file_data, `${param}.file_data`);
  }
  if (part.type === "input_image") {
    if (typeof part.file_id === "string") return undefined;
    if (typeof part.image_url !== "string") return missing(`${param}.image_url`);
    return urlRejection(part.image_url, `${param}.image_url`);
  }
  return undefined;
}

/** The first file part of a request (either endpoint) the real API would refuse, if any. */
export function filePartRejection(
  body: Record<string, unknown>,
  endpoint: string,
): ImagePartRejection | undefined {
  const responses = endpoint === "/v1/responses";
  const list = responses ? body.input : body.messages;
  if (!Array.isArray(list)) return undefined;
  const name = responses ? "input" : "messages";
  for (const [m, message] of list.entries()) {
    if (!isObject(message) || !Array.isArray(message.content)) continue;
    for (const [p, part] of message.content.entries()) {
      const rejection = partRejection(part, `${name}[${m}].content[${p}]`);
      if (rejection) return rejection;
    }
  }
  return undefined;
}
