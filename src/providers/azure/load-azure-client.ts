import { MissingApiKeyError } from "../../errors/missing-api-key-error.js";
import { MissingSettingError } from "../../errors/missing-setting-error.js";
import { resolveBaseURL } from "../../util/check-base-url.js";
import { readEnv } from "../../util/env.js";
import { checkEnvApiKey } from "../check-connection.js";
import { importOpenAI, type OpenAIClientLike } from "../openai/load-openai-client.js";
import type { ProviderClientOptions } from "../types.js";
import { AZURE_DEFAULT_API_VERSION } from "./azure-limits.js";
import type { AzureProviderOptions } from "./azure-provider-options.js";

/**
 * The `openai` SDK's `AzureOpenAI` client, built once per processor: `api-key` header (or the
 * Entra ID bearer token), `api-version` on every request, base URL `<endpoint>/openai`.
 *
 * The base URL is computed here and passed as `baseURL`, never as `endpoint`: the SDK reads
 * OPENAI_BASE_URL as its default `baseURL`, so a user who also uses OpenAI (or the emulator) with
 * that variable set would otherwise send Azure requests there, or get "baseURL and endpoint are
 * mutually exclusive" (node_modules/openai/azure.js).
 */
export async function loadAzureClient(
  options: ProviderClientOptions,
  azure: AzureProviderOptions,
): Promise<OpenAIClientLike> {
  if (options.client !== undefined) return options.client as OpenAIClientLike;
  const tokenProvider = azure.azureADTokenProvider;
  const apiKey = tokenProvider ? undefined : (options.apiKey ?? readEnv("AZURE_OPENAI_API_KEY"));
  if (!apiKey && !tokenProvider) {
    throw new MissingApiKeyError(
      "Azure OpenAI",
      ["AZURE_OPENAI_API_KEY"],
      "pass { azure: { azureADTokenProvider } }",
    );
  }
  const endpoint =
    azure.endpoint ?? options.baseURL ?? resolveBaseURL(undefined, "AZURE_OPENAI_ENDPOINT");
  if (endpoint === undefined) {
    throw new MissingSettingError(
      "Azure OpenAI",
      "endpoint",
      "AZURE_OPENAI_ENDPOINT",
      '{ azure: { endpoint: "https://<resource>.openai.azure.com" } }',
    );
  }
  checkEnvApiKey(
    apiKey,
    options.apiKey === undefined && !tokenProvider ? "AZURE_OPENAI_API_KEY" : undefined,
  );
  const { AzureOpenAI } = await importOpenAI("Azure OpenAI");
  return new AzureOpenAI({
    baseURL: `${endpoint.replace(/\/+$/, "")}/openai`,
    apiVersion: azure.apiVersion ?? readEnv("OPENAI_API_VERSION") ?? AZURE_DEFAULT_API_VERSION,
    ...(tokenProvider ? { azureADTokenProvider: tokenProvider } : { apiKey }),
    ...(options.fetch !== undefined && { fetch: options.fetch }),
  }) as OpenAIClientLike;
}
