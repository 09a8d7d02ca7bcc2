import { ProviderApiError } from "../errors/provider-api-error.js";
import { StructuredBatchError } from "../errors/structured-batch-error.js";
import { redact, redactErrorChain } from "../util/redact.js";

/**
 * Wraps an SDK or network error so callers see one error type with the operation named; the
 * SDK error stays as `cause`, with any secret in its text (and its causes') removed: a runtime's
 * fetch error may quote the URL it was given. Errors of this library pass through unchanged.
 */
export function toProviderApiError(
  provider: string,
  operation: string,
  error: unknown,
  secrets: readonly (string | undefined)[],
): Error {
  if (error instanceof StructuredBatchError) return error;
  redactErrorChain(error, secrets);
  const e = error as { status?: unknown; message?: unknown };
  const status = typeof e?.status === "number" ? e.status : undefined;
  const message = redact(typeof e?.message === "string" ? e.message : String(error), secrets);
  return new ProviderApiError(provider, operation, message, {
    ...(status !== undefined && { status }),
    cause: error,
  });
}
