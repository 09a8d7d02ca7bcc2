import {
  createOpenAIWireProvider,
  type OpenAIProviderOptions,
} from "../openai/openai-wire-provider.js";
import type { BatchProviderAdapter, ProviderClientOptions } from "../types.js";
import type { AzureProviderOptions } from "./azure-provider-options.js";
import { azureService } from "./azure-service.js";

/**
 * The Azure OpenAI Global Batch adapter: `azure/<deployment>`, the same code as OpenAI's with
 * Azure's client, line shape and limits.
 */
export function createAzureProvider(
  deployment: string,
  options: ProviderClientOptions = {},
  azure: AzureProviderOptions = {},
  openai: OpenAIProviderOptions = {},
): BatchProviderAdapter {
  // `openai.endpoint` is checked against Azure's endpoints (chat completions only).
  return createOpenAIWireProvider(azureService(azure), deployment, options, openai);
}
