/** Azure OpenAI settings of a processor (see `BatchProcessorOptions.azure`). */
export interface AzureProviderOptions {
  /**
   * The resource endpoint, `https://<resource>.openai.azure.com` (the SDK adds `/openai`);
   * defaults to `baseURL`, then AZURE_OPENAI_ENDPOINT.
   * @example { azure: { endpoint: "https://my-resource.openai.azure.com" } }
   */
  endpoint?: string;
  /**
   * The data-plane `api-version` query parameter; defaults to OPENAI_API_VERSION, then
   * `2024-10-21` (the first GA version with Global Batch).
   * @example { azure: { apiVersion: "2025-04-01-preview" } }
   */
  apiVersion?: string;
  /**
   * Microsoft Entra ID auth instead of a key: a function returning a bearer token, e.g. from
   * `@azure/identity`'s `getBearerTokenProvider(new DefaultAzureCredential(),
   * "https://cognitiveservices.azure.com/.default")`.
   * @example { azure: { azureADTokenProvider: getBearerTokenProvider(credential, scope) } }
   */
  azureADTokenProvider?: () => Promise<string>;
  /**
   * The model the deployment runs (the model string names the deployment, which Azure lets you
   * name freely): the parameter rules, limits and prices follow it. Without it the deployment
   * name is looked up as a model, and an unknown one gets the unknown-model warning.
   * @example new BatchProcessor("azure/my-batch-deployment", User, { azure: { model: "gpt-4o-mini" } })
   */
  model?: string;
  /**
   * Seconds after which the uploaded input file expires (Azure: 1,209,600 to 2,592,000, that is
   * 14 to 30 days; without it Azure keeps a file until deleted and allows 500 per resource,
   * with it 10,000). Sent as the upload's `expires_after`.
   * @example { azure: { fileExpirySeconds: 1_209_600 } }
   */
  fileExpirySeconds?: number;
}
