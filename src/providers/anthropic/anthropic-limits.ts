import type { ProviderLimits } from "../types.js";

/** The bytes `{"requests":[` and `]}` that wrap the lines in the create body. */
export const REQUESTS_ENVELOPE_BYTES = 15;

/**
 * Message Batches caps: 100,000 requests and 256 MB per create request (a 413
 * `request_too_large` beyond). The requests travel inline in one JSON body, so the cap applies
 * to the lines plus the envelope around them; "MB" is read as the smaller, decimal megabyte.
 * Custom ids must match `^[a-zA-Z0-9_-]{1,64}$`, checked when the batch is built.
 */
export const ANTHROPIC_LIMITS: ProviderLimits = {
  maxRequests: 100_000,
  maxBytes: 256 * 1000 * 1000 - REQUESTS_ENVELOPE_BYTES,
  customIdMaxLength: 64,
  customIdPattern: /^[a-zA-Z0-9_-]{1,64}$/,
  customIdRule: '1 to 64 letters, digits, "_" or "-" (^[a-zA-Z0-9_-]{1,64}$)',
};

/**
 * Sent when `maxTokens` is not given: Anthropic requires `max_tokens` on every request. Large
 * enough for most extractions, small enough to bound the cost of a runaway answer.
 */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

/**
 * A batch id goes into URL paths (`/v1/messages/batches/{id}`), so it must be one path segment
 * (Anthropic's are `msgbatch_` + letters and digits): nothing that could reach another endpoint.
 */
export const ANTHROPIC_BATCH_ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._:~-]{0,255}$/;
