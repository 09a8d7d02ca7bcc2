import type { OpenAIWireService } from "../openai/openai-wire-service.js";
import type { ProviderClientOptions } from "../types.js";
import { AZURE_CHAT_URL, AZURE_LIMITS } from "./azure-limits.js";
import type { AzureProviderOptions } from "./azure-provider-options.js";
import { loadAzureClient } from "./load-azure-client.js";

/**
 * Azure OpenAI's Global Batch as an OpenAI-wire service: the `AzureOpenAI` client, lines whose
 * `model` is the deployment and whose `url` is `/chat/completions`, Azure's limits. Azure's
 * Global Batch takes chat completions only on the api-version data plane (the Responses API is
 * not among its batch endpoints there).
 */
export function azureService(azure: AzureProviderOptions = {}): OpenAIWireService {
  return {
    id: "azure",
    label: "Azure OpenAI",
    limits: AZURE_LIMITS,
    endpoints: { "/v1/chat/completions": AZURE_CHAT_URL },
    completionWindow: "24h",
    keyEnv: ["AZURE_OPENAI_API_KEY"],
    loadClient: (options: ProviderClientOptions) => loadAzureClient(options, azure),
    ...(azure.model !== undefined && { catalogModel: azure.model }),
    ...(azure.fileExpirySeconds !== undefined && {
      uploadFields: {
        "expires_after[anchor]": "created_at",
        "expires_after[seconds]": String(azure.fileExpirySeconds),
      },
    }),
    uploadsPending: true,
  };
}
