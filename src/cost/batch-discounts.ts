import type { ProviderId } from "../providers/types.js";

/**
 * What each provider takes off its list prices for batch requests, as each documents it.
 * The price dataset gives list prices; the discount is applied here, once, per request.
 * Checked 2026-12 against:
 * - OpenAI: "50% cost discount compared to synchronous APIs" (platform.openai.com/docs/guides/batch)
 * - Anthropic: "all usage is charged at 50% of the standard API prices"
 *   (docs.anthropic.com/en/docs/build-with-claude/batch-processing#pricing)
 * - Google: "Batch Mode ... at 50% of the standard cost" (ai.google.dev/gemini-api/docs/batch-mode)
 */
export const BATCH_DISCOUNT: Readonly<Record<ProviderId, number>> = {
  openai: 0.5,
  anthropic: 0.5,
  google: 0.5,
  // Bedrock: batch inference "at 50% of on-demand inference pricing" for the supported models
  // (aws.amazon.com/bedrock/pricing, "Batch" section).
  bedrock: 0.5,
};
