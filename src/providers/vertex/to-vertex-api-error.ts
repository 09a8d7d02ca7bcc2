import { kit } from "./vertex-kit.js";

/**
 * Wraps an SDK error (whose message is Google's error envelope as JSON, with its HTTP status)
 * or a network error as a `kit.ProviderApiError` naming the operation; secrets removed.
 */
export function toVertexApiError(
  operation: string,
  error: unknown,
  secrets: readonly (string | undefined)[],
): Error {
  if (error instanceof kit.StructuredBatchError) return error;
  const message = (error as { message?: unknown } | null)?.message;
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof message === "string" && typeof status === "number") {
    kit.redactErrorChain(error, secrets);
    return new kit.ProviderApiError(
      "vertex",
      operation,
      kit.redact(kit.describeGeminiError(message), secrets),
      {
        status,
        cause: error,
      },
    );
  }
  return kit.toProviderApiError("vertex", operation, error, secrets);
}
