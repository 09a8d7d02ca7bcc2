import type { ProviderId } from "../providers/types.js";

/**
 * Tokens counted for an image or a PDF page, per provider. The real count depends on the
 * image's size (not read here), so every image is counted as a 1024x1024 one by the provider's
 * documented rule, and every PDF page as such an image plus 1,500 tokens of text:
 * - OpenAI: 85 + 170 per 512-px tile at high detail: 85 + 4 x 170 = 765
 *   (platform.openai.com/docs/guides/images-vision#calculating-costs); PDFs are sent as the text
 *   and an image of each page (platform.openai.com/docs/guides/pdf-files).
 * - Anthropic: width x height / 750 = 1,398 (docs.anthropic.com/en/docs/build-with-claude/vision);
 *   PDFs "1,500-3,000 tokens per page" of text plus each page as an image
 *   (docs.anthropic.com/en/docs/build-with-claude/pdf-support).
 * - Google: 258 per 768x768 tile, 4 tiles = 1,032; "each document page is equivalent to 258
 *   tokens" (ai.google.dev/gemini-api/docs/tokens, .../document-processing).
 */
export const FILE_TOKENS: Readonly<Record<ProviderId, { image: number; pdfPage: number }>> = {
  openai: { image: 765, pdfPage: 765 + 1500 },
  anthropic: { image: 1398, pdfPage: 1398 + 1500 },
  google: { image: 1032, pdfPage: 258 },
};

export const FILE_COUNTING =
  "approximate: each image as a 1024x1024 image and each PDF page as one such image plus 1,500 tokens of text (Gemini: 258 per page), by the provider's documented rule; pages counted from the PDF's page objects";

/** A PDF page object: `/Type /Page`, not `/Type /Pages` (the page tree). */
const PAGE_OBJECT = /\/Type\s*\/Page(?![a-zA-Z])/g;

/**
 * Pages of an inline PDF, from its base64 data: the page objects in the bytes, at least 1 (a
 * PDF whose objects are compressed shows none). Linear in the data; decoded in slices so a
 * large PDF is never held twice as a string.
 */
export function countPdfPages(base64: string): number {
  let pages = 0;
  // Slices of a multiple of 4 base64 characters decode on their own. A marker may straddle two
  // slices: the last 32 bytes of a slice are carried into the next one, and a match is counted
  // in the round where it starts before the carried tail (or in the last round), so once.
  const step = 1 << 20;
  const overlap = 32;
  let carry = "";
  for (let at = 0; at < base64.length; at += step) {
    let bytes: string;
    try {
      bytes = atob(base64.slice(at, at + step));
    } catch {
      return Math.max(1, pages);
    }
    const text = carry + bytes;
    const last = at + step >= base64.length;
    const limit = last ? text.length : text.length - overlap;
    PAGE_OBJECT.lastIndex = 0;
    for (
      let m = PAGE_OBJECT.exec(text);
      m !== null && m.index < limit;
      m = PAGE_OBJECT.exec(text)
    ) {
      pages++;
    }
    carry = text.slice(Math.max(0, limit));
  }
  return Math.max(1, pages);
}
