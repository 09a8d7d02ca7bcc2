import { StructuredBatchError } from "./structured-batch-error.js";

/** No credentials were found for a provider. Names where a key is looked for; never prints one. */
export class MissingApiKeyError extends StructuredBatchError {
  override name = "MissingApiKeyError";
  readonly provider: string;

  /** `alternative`: another way to authenticate, named in the message (Azure's token provider). */
  constructor(provider: string, envVars: string[], alternative?: string) {
    super(
      "missing_api_key",
      `No API key for ${provider}: set ${envVars.join(" or ")}, pass { apiKey }${alternative === undefined ? "" : `, ${alternative}`} or a configured { client } to BatchProcessor.`,
    );
    this.provider = provider;
  }
}
