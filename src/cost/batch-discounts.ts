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
 * - Mistral: "run asynchronous inference on large inputs ... at a 50% discount"
 *   (docs.mistral.ai/studio-api/batch-processing)
 * - Azure OpenAI: "at 50% less cost than global standard" (learn.microsoft.com/azure/
 *   ai-services/openai/how-to/batch); the dataset's Azure prices are global standard's
 * - Groq: "25% lower cost" (console.groq.com/docs/batch)
 * - Together AI: "50% cost discount compared to synchronous APIs" (docs.together.ai/docs/
 *   batch-inference); since narrowed to "selected serverless models run at 50% off", others at
 *   standard rates (docs.together.ai/docs/inference/batch/overview): 50% is the figure here
 */
export const BATCH_DISCOUNT: Readonly<Record<ProviderId, number>> = {
  openai: 0.5,
  anthropic: 0.5,
  google: 0.5,
  mistral: 0.5,
  azure: 0.5,
  groq: 0.25,
  // Bedrock: batch inference "at 50% of on-demand inference pricing" for the supported models
  // (aws.amazon.com/bedrock/pricing, "Batch" section).
  bedrock: 0.5,
  // Vertex AI: "Batch requests for Gemini models are discounted 50% from standard requests"
  // (cloud.google.com/vertex-ai/generative-ai/docs/multimodal/batch-prediction-gemini)
  vertex: 0.5,
  together: 0.5,
};
