import { MissingApiKeyError } from "./missing-api-key-error.js";

/**
 * The AWS SDK's default credential chain found no credentials for Bedrock (or S3). Names the
 * chain's sources; never prints a key. A `MissingApiKeyError`, so one `catch` covers every
 * provider.
 */
export class MissingAwsCredentialsError extends MissingApiKeyError {
  override name = "MissingAwsCredentialsError";

  constructor(options?: { cause?: unknown }) {
    super("Amazon Bedrock", ["AWS_ACCESS_KEY_ID"]);
    this.message =
      "No AWS credentials for Amazon Bedrock: the AWS SDK's default provider chain found none. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones), or AWS_PROFILE for a shared config/SSO profile, run where a container or instance role applies, or pass bedrock: { credentials } or a configured { client }.";
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
