import { countPdfPages } from "../../messages/count-pdf-pages.js";
import { isObject } from "../message-text.js";
import { pdfText } from "../pdf-text.js";
import type { ResolvedOutcome } from "../responder/types.js";

/**
 * What the emulator reads from the file and image parts of an OpenAI request, on either
 * endpoint: the text of each PDF (for the responder, as a model reading it would) and the
 * input tokens the parts add.
 *
 * Token approximation (documented in the README): OpenAI bills an image by its detail and size
 * (vision guide: 85 tokens at `low`; at `high`, 85 plus 170 per 512-pixel tile), and a PDF as its
 * extracted text plus an image of each page (file inputs guide). The emulator does not decode
 * images, so it counts 85 tokens for `low` and 765 (a 1024x1024 image: 85 + 4 x 170) for
 * `high`/`auto`; a PDF counts its text's tokens (4 characters a token, as for messages) plus 765
 * per page (pages counted from its `/Type /Page` objects; a PDF by URL, which the emulator does
 * not fetch, counts as one page with no text).
 */
export const IMAGE_TOKENS = { low: 85, high: 765 } as const;
export const PDF_PAGE_TOKENS = 765;

export interface FileContent {
  /** The text of the PDFs, in order. */
  texts: string[];
  /** Input tokens the parts add to those of the message text (which holds the PDFs' text). */
  tokens: number;
}

function imageTokens(detail: unknown): number {
  return detail === "low" ? IMAGE_TOKENS.low : IMAGE_TOKENS.high;
}

function pdfContent(fileData: unknown, out: FileContent): void {
  if (typeof fileData !== "string") {
    out.tokens += PDF_PAGE_TOKENS;
    return;
  }
  const comma = fileData.indexOf(",");
  const base64 = fileData.startsWith("data:") ? fileData.slice(comma + 1) : fileData;
  const text = pdfText(base64);
  // The text is counted with the message it is added to (4 characters a token).
  if (text !== "") out.texts.push(text);
  out.tokens += countPdfPages(base64) * PDF_PAGE_TOKENS;
}

/** The files of one message's content (chat or Responses parts). */
export function fileContent(content: unknown, out: FileContent = { texts: [], tokens: 0 }) {
  if (!Array.isArray(content)) return out;
  for (const part of content) {
    if (!isObject(part)) continue;
    switch (part.type) {
      case "image_url": // chat
        out.tokens += imageTokens(isObject(part.image_url) ? part.image_url.detail : undefined);
        break;
      case "input_image": // responses
        out.tokens += imageTokens(part.detail);
        break;
      case "file": // chat: { file: { filename, file_data } }
        pdfContent(isObject(part.file) ? part.file.file_data : undefined, out);
        break;
      case "input_file": // responses: file_data, or a file_url the emulator does not fetch
        pdfContent(part.file_data, out);
        break;
    }
  }
  return out;
}

/**
 * An answer's input tokens with those of the request's files added (the text the responder was
 * given counts the PDFs' text already; this adds the page and image figures).
 */
export function withFileTokens(outcome: ResolvedOutcome, fileTokens: number): ResolvedOutcome {
  if (outcome.kind !== "answer" || fileTokens === 0) return outcome;
  return { ...outcome, inputTokens: outcome.inputTokens + fileTokens };
}
