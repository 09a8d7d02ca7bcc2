import { MissingApiKeyError } from "./missing-api-key-error.js";

/**
 * Google Cloud found no credentials (Vertex AI): names the chain Application Default
 * Credentials looks through and the options that replace it; never prints a credential.
 */
export class MissingGoogleCredentialsError extends MissingApiKeyError {
  override name = "MissingGoogleCredentialsError";

  constructor(provider: string, options: { cause?: unknown } = {}) {
    super(provider, ["GOOGLE_APPLICATION_CREDENTIALS"]);
    this.message = `No Google Cloud credentials for ${provider}: Application Default Credentials found none. Set GOOGLE_APPLICATION_CREDENTIALS to a service account key file, run \`gcloud auth application-default login\`, run on Google Cloud (metadata server), or pass { vertex: { googleAuthOptions } }, an OAuth access token as { apiKey }, or a configured { client }.`;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}
