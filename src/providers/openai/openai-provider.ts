import type { BatchProviderAdapter, ProviderClientOptions } from "../types.js";
import { loadOpenAIClient } from "./load-openai-client.js";
import { OPENAI_CHAT_ENDPOINT, OPENAI_LIMITS, OPENAI_RESPONSES_ENDPOINT } from "./openai-limits.js";
import { createOpenAIWireProvider, type OpenAIProviderOptions } from "./openai-wire-provider.js";
import type { OpenAIWireService } from "./openai-wire-service.js";

export type { OpenAIProviderOptions } from "./openai-wire-provider.js";

/**
 * OpenAI itself: both batch endpoints under their own names, the one 24h window
 * (platform.openai.com/docs/api-reference/batch/create). Any other server on this wire can be
 * reached as `openai/<model>` with a `baseURL`.
 */
export const OPENAI_SERVICE: OpenAIWireService = {
  id: "openai",
  label: "OpenAI",
  limits: OPENAI_LIMITS,
  endpoints: {
    [OPENAI_CHAT_ENDPOINT]: OPENAI_CHAT_ENDPOINT,
    [OPENAI_RESPONSES_ENDPOINT]: OPENAI_RESPONSES_ENDPOINT,
  },
  completionWindow: "24h",
  keyEnv: ["OPENAI_API_KEY"],
  loadClient: loadOpenAIClient,
};

/** The OpenAI Batch API adapter (chat completions or the Responses API, strict structured outputs). */
export function createOpenAIProvider(
  model: string,
  options: ProviderClientOptions = {},
  openai: OpenAIProviderOptions = {},
): BatchProviderAdapter {
  return createOpenAIWireProvider(OPENAI_SERVICE, model, options, openai);
}
