import { isTransientError } from "../results/is-transient-error.js";
import type { BatchError, BatchErrorType } from "../results/types.js";

/** Failures that may go away when the row is sent again (see `JobOptions.retryOn`). */
export const DEFAULT_RETRY_ON: readonly BatchErrorType[] = [
  "expired",
  "missing",
  "cancelled",
  "malformed_line",
  "provider_error",
];

/**
 * Whether a failed row is sent again (retries left permitting). With the default list, a
 * `provider_error` is retried only when transient, as `resubmitFailed` does; a list given by the
 * user is taken as it is.
 */
export function isRetryable(
  error: Pick<BatchError, "errorType" | "statusCode" | "errorCode">,
  retryOn: readonly BatchErrorType[],
  isDefault: boolean,
): boolean {
  if (!retryOn.includes(error.errorType)) return false;
  if (isDefault && error.errorType === "provider_error") {
    return isTransientError(error.statusCode, error.errorCode);
  }
  return true;
}
