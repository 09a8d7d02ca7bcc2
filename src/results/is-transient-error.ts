/**
 * Whether a per-request provider error may go away if the request is sent again: timeouts, rate
 * limits, overloads and server errors (HTTP 408, 429, 5xx, or their codes when no status came).
 * Shared by `resubmitFailed` and the job retry policy, so both retry the same errors.
 */
export function isTransientError(status: number | undefined, code: string | undefined): boolean {
  if (status === undefined)
    return (
      code === undefined ||
      /INTERNAL|UNAVAILABLE|RESOURCE_EXHAUSTED|DEADLINE|overloaded|rate_limit|server_error|api_error/i.test(
        code,
      )
    );
  return status === 408 || status === 429 || status >= 500;
}
