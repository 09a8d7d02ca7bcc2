import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import {
  type AnthropicProviderOptions,
  createAnthropicProvider,
} from "../providers/anthropic/anthropic-provider.js";
import { createGoogleProvider } from "../providers/google/google-provider.js";
import type { GoogleProviderOptions } from "../providers/google/google-provider-options.js";
import {
  createOpenAIProvider,
  type OpenAIProviderOptions,
} from "../providers/openai/openai-provider.js";
import type {
  BatchProviderAdapter,
  ProviderClientOptions,
  ProviderId,
} from "../providers/types.js";
import { createVertexProvider } from "../providers/vertex/vertex-provider.js";
import type { VertexSettings } from "../providers/vertex/vertex-provider-options.js";

/** Picks the adapter for a provider id; `settings` are the processor's per-provider options. */
export function createProviderAdapter(
  provider: ProviderId,
  model: string,
  options: ProviderClientOptions,
  settings: {
    google?: Pick<GoogleProviderOptions, "apiVersion" | "inlineMaxBytes"> | undefined;
    anthropic?: AnthropicProviderOptions | undefined;
    openai?: OpenAIProviderOptions | undefined;
    vertex?: VertexSettings | undefined;
  } = {},
): BatchProviderAdapter {
  switch (provider) {
    case "openai":
      return createOpenAIProvider(model, options, settings.openai);
    case "anthropic":
      return createAnthropicProvider(model, options, settings.anthropic);
    case "google":
      return createGoogleProvider(model, { ...options, ...settings.google });
    case "vertex":
      return createVertexProvider(model, { ...options, ...settings.vertex });
    default:
      throw new InvalidArgumentError(
        [
          {
            code: "unsupported_provider",
            path: ["model"],
            message: `unknown provider ${JSON.stringify(provider)}: use openai/, anthropic/, google/ or vertex/`,
          },
        ],
        { code: "unsupported_provider" },
      );
  }
}
