import type { ProviderId } from "../providers/types.js";

/**
 * What each provider takes off its list prices for batch requests, as each documents it.
 * The price dataset gives list prices; the discount is applied here, once, per request.
 * Checked 2026-12 against:
 * - OpenAI: "50% cost discount compared to synchronous APIs" (platform.openai.com/docs/guides/batch)
 * - Anthropic: "all usage is charged at 50% of the standard API prices"
 *   (docs.anthropic.com/en/docs/build-with-claude/batch-processing#pricing)
 * - Vertex AI: see its entry.
 * - Google: "Batch Mode ... at 50% of the standard cost" (ai.google.dev/gemini-api/docs/batch-mode)
 */
export const BATCH_DISCOUNT: Readonly<Record<ProviderId, number>> = {
  openai: 0.5,
  anthropic: 0.5,
  google: 0.5,
  // Vertex AI: "Batch requests for Gemini models are discounted 50% from standard requests"
  // (cloud.google.com/vertex-ai/generative-ai/docs/multimodal/batch-prediction-gemini)
  vertex: 0.5,
};
