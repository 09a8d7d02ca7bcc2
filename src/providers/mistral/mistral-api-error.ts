import { redactErrorChain } from "../../util/redact.js";
import { toProviderApiError } from "../to-provider-api-error.js";

/**
 * The SDK's errors carry the HTTP status as `statusCode` and the answer's text as `body`
 * (SDK 2.7.0 `MistralError`); `ProviderApiError` gets the status, and Mistral's own `message`
 * from the body (`{"object":"error","message":...}` or `{"message":...}`) when there is one,
 * so the error reads as Mistral worded it. Secrets are removed as for every provider.
 */
export function toMistralApiError(
  operation: string,
  error: unknown,
  secrets: readonly (string | undefined)[],
): Error {
  const e = error as { statusCode?: unknown; status?: unknown; body?: unknown; message?: unknown };
  if (e && typeof e === "object" && typeof e.statusCode === "number" && e.status === undefined) {
    redactErrorChain(error, secrets);
    const message = bodyMessage(e.body);
    const view = Object.create(error as object) as { status: number; message: string };
    Object.defineProperty(view, "status", { value: e.statusCode });
    Object.defineProperty(view, "message", {
      value: message ? `${e.statusCode} ${message}` : String(e.message),
    });
    const wrapped = toProviderApiError("mistral", operation, view, secrets);
    // The SDK error itself is the cause (its headers carry retry-after), not the view.
    (wrapped as { cause?: unknown }).cause = error;
    return wrapped;
  }
  return toProviderApiError("mistral", operation, error, secrets);
}

function bodyMessage(body: unknown): string | undefined {
  if (typeof body !== "string" || body === "") return undefined;
  try {
    const parsed = JSON.parse(body) as { message?: unknown; detail?: unknown };
    if (typeof parsed.message === "string") return parsed.message;
    if (parsed.message !== undefined) return JSON.stringify(parsed.message);
    if (typeof parsed.detail === "string") return parsed.detail;
  } catch {
    // not JSON: the SDK's own message is used
  }
  return undefined;
}
