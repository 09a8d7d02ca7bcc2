import type { ErrorDefaults } from "../responder/resolve-outcome.js";
import { anthropicIds } from "./ids.js";

/** The documented error types and the HTTP status each comes with. */
export const ERROR_STATUS = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
} as const;

export type AnthropicErrorType = keyof typeof ERROR_STATUS;

function reply(body: unknown, status: number, requestId: string): Response {
  return new Response(JSON.stringify(body), {
    status,
    // The SDK reads the request id from this header (`error.requestID`).
    headers: { "content-type": "application/json", "request-id": requestId },
  });
}

/** `{"type":"error","error":{"type","message"},"request_id"}` with the type's status. */
export function anthropicError(type: AnthropicErrorType, message: string): Response {
  const requestId = anthropicIds.requestId();
  return reply(
    { type: "error", error: { type, message }, request_id: requestId },
    ERROR_STATUS[type],
    requestId,
  );
}

export function anthropicJson(body: unknown, status = 200): Response {
  return reply(body, status, anthropicIds.requestId());
}

export function errorTypeForStatus(status: number): string {
  const known = Object.entries(ERROR_STATUS).find(([, s]) => s === status)?.[0];
  if (known) return known;
  return status >= 500 ? "api_error" : "invalid_request_error";
}

/*
 * Messages for errored results whose outcome names none. "Overloaded" and "Internal server
 * error" are the wording seen on the real API; the others paraphrase the error-type table of
 * Anthropic's docs (unverified on the wire).
 */
const DEFAULT_MESSAGES: Record<string, string> = {
  invalid_request_error: "There was an issue with the format or content of your request.",
  authentication_error: "There's an issue with your API key.",
  billing_error: "There's an issue with your billing or payment information.",
  permission_error: "Your API key does not have permission to use the specified resource.",
  not_found_error: "The requested resource could not be found.",
  request_too_large: "Request exceeds the maximum allowed number of bytes.",
  rate_limit_error: "Your account has hit a rate limit.",
  api_error: "Internal server error",
  timeout_error: "Request timed out.",
  overloaded_error: "Overloaded",
};

/** Anthropic's type and message for an HTTP status, for the shared responder. */
export function anthropicErrorDefaults(status: number): ErrorDefaults {
  const errorType = errorTypeForStatus(status);
  return { errorType, code: null, message: DEFAULT_MESSAGES[errorType] ?? "Error" };
}
