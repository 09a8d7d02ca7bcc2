import { scanBase64 } from "../../messages/base64-payload.js";
import { countPdfPages } from "../../messages/count-pdf-pages.js";
import { parseImageUrl } from "../../messages/image-url.js";
import { isObject } from "../message-text.js";
import type { BlockRejection } from "./image-block-check.js";

/*
 * `document` blocks as the Messages API checks them when the request runs (PDF support guide:
 * base64 or URL source, "Maximum request size: 32MB", "Maximum pages per request: 100").
 * Wording: the media-type and missing-field ones are pydantic's phrases for the SDK's
 * Base64PDFSource / PlainTextSource / URLPDFSource; "The PDF specified was not valid." and
 * "A maximum of 100 PDF pages may be provided." are the API's as remembered (unverified); the
 * base64, size and URL scheme messages are ours.
 */

const MAX_PDF_BASE64 = 32 * 1024 * 1024;
const MAX_PAGES = 100;
const PDF_MAGIC = "JVBERi0"; // base64 of "%PDF-"

function base64Source(source: Record<string, unknown>, at: string): BlockRejection | undefined {
  const path = `${at}.document.source.base64`;
  if (source.media_type !== "application/pdf") {
    return {
      param: `${path}.media_type`,
      message: `${path}.media_type: Input should be 'application/pdf'`,
    };
  }
  const { data } = source;
  if (typeof data !== "string")
    return { param: `${path}.data`, message: `${path}.data: Field required` };
  if (data.length > MAX_PDF_BASE64) {
    return {
      param: path,
      message: `${path}: PDF exceeds 32 MB maximum: ${data.length} bytes > ${MAX_PDF_BASE64} bytes`,
    };
  }
  if (!scanBase64(data).ok) {
    return { param: `${path}.data`, message: `${path}.data: The PDF data is not valid base64.` };
  }
  if (!data.startsWith(PDF_MAGIC)) {
    return { param: `${path}.data`, message: "The PDF specified was not valid." };
  }
  if (countPdfPages(data) > MAX_PAGES) {
    return { param: `${path}.data`, message: "A maximum of 100 PDF pages may be provided." };
  }
  return undefined;
}

/** The rejection for one `document` block, or undefined when the API would take it. */
export function documentBlockRejection(
  block: Record<string, unknown>,
  at: string,
): BlockRejection | undefined {
  const { source } = block;
  if (!isObject(source)) {
    return { param: `${at}.document.source`, message: `${at}.document.source: Field required` };
  }
  if (source.type === "base64") return base64Source(source, at);
  if (source.type === "url") {
    const path = `${at}.document.source.url.url`;
    const parsed = parseImageUrl(typeof source.url === "string" ? source.url : "");
    if (parsed.kind !== "remote" || parsed.scheme !== "https:" || !parsed.wellFormed) {
      return { param: path, message: `${path}: Only HTTPS document URLs are supported` };
    }
    return undefined;
  }
  if (source.type === "text") {
    const path = `${at}.document.source.text`;
    if (source.media_type !== "text/plain") {
      return {
        param: `${path}.media_type`,
        message: `${path}.media_type: Input should be 'text/plain'`,
      };
    }
    if (typeof source.data !== "string") {
      return { param: `${path}.data`, message: `${path}.data: Field required` };
    }
    return undefined;
  }
  // Content-block and file sources are passed through: the emulator has no Files API.
  return source.type === "content" || source.type === "file"
    ? undefined
    : {
        param: `${at}.document.source`,
        message: `${at}.document.source: Input tag '${String(source.type)}' found using 'type' does not match any of the expected tags: 'base64', 'text', 'content', 'url', 'file'`,
      };
}
