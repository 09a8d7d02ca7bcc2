import { countPdfPages } from "../../messages/count-pdf-pages.js";
import { bytesToBase64 } from "../../messages/resolve-file-part.js";
import { pdfText } from "../pdf-text.js";
import type { FileLookup } from "./file-uri.js";
import { field } from "./wire.js";

/*
 * What the emulated model reads in a turn's parts besides text, and what they cost in input
 * tokens. Google's figures (https://ai.google.dev/gemini-api/docs/tokens, .../document-processing):
 * an image up to 384 px on both sides is 258 tokens (larger ones are cut into 768 px tiles of
 * 258 each), a PDF page is 258 tokens (Gemini 2.x; Gemini 3's default media resolution counts
 * more). The emulator does not measure images: every image counts 258, every PDF page 258, and a
 * file it cannot open (an https or gs:// URL) one image's or page's worth. A file uploaded to
 * this emulator's Files API and named by its `uri` is read as if it were inline. The PDF's text is also
 * given to the responder as text, so the default answer can come from it; that text is counted
 * as text too (an over-estimate, kept simple and steady).
 */
export const TOKENS_PER_IMAGE = 258;
export const TOKENS_PER_PDF_PAGE = 258;

const PDF = "application/pdf";

/** The text of a turn's parts (a PDF's text included) and the input tokens of its media. */
export interface PartsReading {
  text: string;
  mediaTokens: number;
}

export function readParts(
  parts: readonly unknown[],
  lookup: FileLookup = () => undefined,
): PartsReading {
  const texts: string[] = [];
  let mediaTokens = 0;
  const media = (mimeType: string, data: string) => {
    if (mimeType.toLowerCase() !== PDF) {
      mediaTokens += TOKENS_PER_IMAGE;
      return;
    }
    mediaTokens += TOKENS_PER_PDF_PAGE * countPdfPages(data);
    const shown = pdfText(data);
    if (shown !== "") texts.push(shown);
  };
  for (const part of parts) {
    const text = field(part, "text");
    if (typeof text === "string") {
      if (text !== "") texts.push(text);
      continue;
    }
    const inline = field(part, "inlineData");
    if (inline !== undefined) {
      const data = field(inline, "data");
      media(String(field(inline, "mimeType") ?? ""), typeof data === "string" ? data : "");
      continue;
    }
    const file = field(part, "fileData");
    if (file === undefined) continue;
    const uri = field(file, "fileUri");
    const local = typeof uri === "string" ? lookup(uri) : undefined;
    if (local !== undefined && local !== "missing") {
      media(String(field(file, "mimeType") ?? local.mimeType), bytesToBase64(local.bytes));
    } else {
      mediaTokens += TOKENS_PER_IMAGE;
    }
  }
  return { text: texts.join("\n"), mediaTokens };
}
