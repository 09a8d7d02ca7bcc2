import { ProviderApiError } from "../../errors/provider-api-error.js";
import { StructuredBatchError } from "../../errors/structured-batch-error.js";
import { redact, redactErrorChain } from "../../util/redact.js";
import { describeGeminiError } from "../google/gemini-rest.js";
import { toProviderApiError } from "../to-provider-api-error.js";

/**
 * Wraps an SDK error (whose message is Google's error envelope as JSON, with its HTTP status)
 * or a network error as a `ProviderApiError` naming the operation; secrets removed.
 */
export function toVertexApiError(
  operation: string,
  error: unknown,
  secrets: readonly (string | undefined)[],
): Error {
  if (error instanceof StructuredBatchError) return error;
  const message = (error as { message?: unknown } | null)?.message;
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof message === "string" && typeof status === "number") {
    redactErrorChain(error, secrets);
    return new ProviderApiError(
      "vertex",
      operation,
      redact(describeGeminiError(message), secrets),
      {
        status,
        cause: error,
      },
    );
  }
  return toProviderApiError("vertex", operation, error, secrets);
}
