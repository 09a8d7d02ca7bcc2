import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { createAnthropicProvider } from "../providers/anthropic/anthropic-provider.js";
import { createGoogleProvider } from "../providers/google/google-provider.js";
import { createOpenAIProvider } from "../providers/openai/openai-provider.js";
import type {
  BatchProviderAdapter,
  ProviderClientOptions,
  ProviderId,
} from "../providers/types.js";

/** Picks the adapter for a provider id. */
export function createProviderAdapter(
  provider: ProviderId,
  model: string,
  options: ProviderClientOptions,
): BatchProviderAdapter {
  switch (provider) {
    case "openai":
      return createOpenAIProvider(model, options);
    case "anthropic":
      return createAnthropicProvider(model, options);
    case "google":
      return createGoogleProvider(model, options);
    default:
      throw new InvalidArgumentError(
        [
          {
            code: "unsupported_provider",
            path: ["model"],
            message: `the ${provider} provider is not available in this version yet; use openai/...`,
          },
        ],
        { code: "unsupported_provider" },
      );
  }
}
