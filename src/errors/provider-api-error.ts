import { StructuredBatchError } from "./structured-batch-error.js";

/**
 * A provider's HTTP API answered with an error, or could not be reached, while the library was
 * submitting, polling, listing or downloading. The SDK's own error is kept as `cause`.
 */
export class ProviderApiError extends StructuredBatchError {
  override name = "ProviderApiError";
  readonly provider: string;
  /** What the library was doing, e.g. `upload batch file`. */
  readonly operation: string;
  /** HTTP status, when the provider answered. */
  readonly status: number | undefined;

  constructor(
    provider: string,
    operation: string,
    detail: string,
    options: { status?: number; cause?: unknown },
  ) {
    const status = options.status === undefined ? "" : ` (HTTP ${options.status})`;
    super("provider_api_error", `${provider}: ${operation} failed${status}: ${detail}`, options);
    this.provider = provider;
    this.operation = operation;
    this.status = options.status;
  }
}
