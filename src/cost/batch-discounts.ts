import type { ProviderId } from "../providers/types.js";

/**
 * What each provider takes off its list prices for batch requests, as each documents it.
 * The price dataset gives list prices; the discount is applied here, once, per request.
 * Checked 2026-12 against:
 * - OpenAI: "50% cost discount compared to synchronous APIs" (platform.openai.com/docs/guides/batch)
 * - Anthropic: "all usage is charged at 50% of the standard API prices"
 *   (docs.anthropic.com/en/docs/build-with-claude/batch-processing#pricing)
 * - Google: "Batch Mode ... at 50% of the standard cost" (ai.google.dev/gemini-api/docs/batch-mode)
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
  azure: 0.5,
  groq: 0.25,
  together: 0.5,
};
