import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import {
  type AnthropicProviderOptions,
  createAnthropicProvider,
} from "../providers/anthropic/anthropic-provider.js";
import { createAzureProvider } from "../providers/azure/azure-provider.js";
import type { AzureProviderOptions } from "../providers/azure/azure-provider-options.js";
import { createBedrockProvider } from "../providers/bedrock/bedrock-provider.js";
import type { BedrockProviderOptions } from "../providers/bedrock/bedrock-provider-options.js";
import { createGoogleProvider } from "../providers/google/google-provider.js";
import type { GoogleProviderOptions } from "../providers/google/google-provider-options.js";
import {
  createMistralProvider,
  type MistralProviderOptions,
} from "../providers/mistral/mistral-provider.js";
import {
  createOpenAIProvider,
  type OpenAIProviderOptions,
} from "../providers/openai/openai-provider.js";
import { createOpenAIWireProvider } from "../providers/openai/openai-wire-provider.js";
import { GROQ_SERVICE } from "../providers/openai-compatible/groq-service.js";
import { TOGETHER_SERVICE } from "../providers/openai-compatible/together-service.js";
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
    mistral?: MistralProviderOptions | undefined;
    azure?: AzureProviderOptions | undefined;
    bedrock?: BedrockProviderOptions | undefined;
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
    case "mistral":
      return createMistralProvider(model, options, settings.mistral);
    case "azure":
      return createAzureProvider(model, options, settings.azure, settings.openai);
    case "groq":
      return createOpenAIWireProvider(GROQ_SERVICE, model, options, settings.openai);
    case "bedrock":
      return createBedrockProvider(model, options, settings.bedrock);
    case "vertex":
      return createVertexProvider(model, { ...options, ...settings.vertex });
    case "together":
      return createOpenAIWireProvider(TOGETHER_SERVICE, model, options, settings.openai);
    default:
      throw new InvalidArgumentError(
        [
          {
            code: "unsupported_provider",
            path: ["model"],
            message: `unknown provider ${JSON.stringify(provider)}: use openai/, anthropic/, google/, mistral/, azure/, groq/, bedrock/, vertex/ or together/`,
          },
        ],
        { code: "unsupported_provider" },
      );
  }
}
