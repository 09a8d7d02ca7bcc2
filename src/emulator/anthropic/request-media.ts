import { countPdfPages } from "../../messages/count-pdf-pages.js";
import { isObject } from "../message-text.js";
import { pdfText } from "../pdf-text.js";

/*
 * Usage of what is not text, approximated (the emulator renders nothing):
 * - a PDF counts its text like any text (about four characters a token) plus
 *   PDF_PAGE_IMAGE_TOKENS for each page, because the API also sends each page as an image: the
 *   PDF support guide puts a page at 1,500 to 3,000 tokens, and the low end is used;
 * - an image counts IMAGE_TOKENS, about what the vision guide gives an image at the largest size
 *   sent unresized (width x height / 750 for 1092 x 1092).
 */
export const PDF_PAGE_IMAGE_TOKENS = 1500;
export const IMAGE_TOKENS = 1600;

/** The text of one content block as the model would read it: text, or a document's text. */
function blockText(block: unknown): string {
  if (typeof block === "string") return block;
  if (!isObject(block)) return "";
  if (typeof block.text === "string") return block.text;
  if (block.type !== "document" || !isObject(block.source)) return "";
  const { source } = block;
  const title = typeof block.title === "string" ? `${block.title}\n` : "";
  if (source.type === "base64" && typeof source.data === "string") {
    return title + pdfText(source.data);
  }
  if (source.type === "text" && typeof source.data === "string") return title + source.data;
  return title;
}

/** A message's content as text: the string, or its blocks' text (documents included). */
export function anthropicContentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map(blockText).filter(Boolean).join("\n");
}

/** Input tokens of a request's images and PDF pages (their text is counted as text). */
export function mediaInputTokens(params: Record<string, unknown>): number {
  if (!Array.isArray(params.messages)) return 0;
  let tokens = 0;
  for (const message of params.messages) {
    if (!isObject(message) || !Array.isArray(message.content)) continue;
    for (const block of message.content) {
      if (!isObject(block) || !isObject(block.source)) continue;
      if (block.type === "image") tokens += IMAGE_TOKENS;
      else if (block.type === "document") {
        const { source } = block;
        const base64 = source.type === "base64" && typeof source.data === "string";
        // A PDF by URL is not fetched: counted as one page.
        const pages = base64 ? countPdfPages(source.data as string) : source.type === "url" ? 1 : 0;
        tokens += pages * PDF_PAGE_IMAGE_TOKENS;
      }
    }
  }
  return tokens;
}
