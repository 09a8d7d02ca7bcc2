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
 * - Mistral: images are cut into 16x16-pixel patches, one token each, plus a break token per
 *   row (docs.mistral.ai/capabilities/vision, "Cost"): (1024/16) x (1024/16 + 1) = 4,160 for
 *   Pixtral-style models; PDFs are counted like OpenAI's (text plus a page image).
 */
export const FILE_TOKENS: Readonly<Record<ProviderId, { image: number; pdfPage: number }>> = {
  openai: { image: 765, pdfPage: 765 + 1500 },
  anthropic: { image: 1398, pdfPage: 1398 + 1500 },
  google: { image: 1032, pdfPage: 258 },
  mistral: { image: 4160, pdfPage: 4160 + 1500 },
  // The same models behind the same wire: OpenAI's rule (Groq's vision models: no rule published).
  azure: { image: 765, pdfPage: 765 + 1500 },
  groq: { image: 765, pdfPage: 765 + 1500 },
  // Claude on Bedrock counts as Claude does.
  bedrock: { image: 1398, pdfPage: 1398 + 1500 },
  // The same Gemini models, counted the same way on Vertex AI.
  vertex: { image: 1032, pdfPage: 258 },
  together: { image: 765, pdfPage: 765 + 1500 },
};

export const FILE_COUNTING =
  "approximate: each image as a 1024x1024 image and each PDF page as one such image plus 1,500 tokens of text (Gemini: 258 per page), by the provider's documented rule; pages counted from the PDF's page objects";
