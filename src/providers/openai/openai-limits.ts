import type { ProviderLimits } from "../types.js";

/**
 * OpenAI Batch API caps: 50,000 requests and 200 MB per input file. OpenAI documents no rule
 * for `custom_id`; as for Gemini's `key`, 512 characters is this library's own cap and control
 * characters are refused, so ids survive logs, terminals and JSONL tools.
 */
export const OPENAI_LIMITS: ProviderLimits = {
  maxRequests: 50_000,
  maxBytes: 200 * 1024 * 1024,
  customIdMaxLength: 512,
  customIdPattern: /^[^\p{Cc}]+$/u,
  customIdRule: "no control characters (newlines, tabs, ...)",
};

export const OPENAI_METADATA_LIMITS = { maxPairs: 16, maxKeyLength: 64, maxValueLength: 512 };

export const OPENAI_CHAT_ENDPOINT = "/v1/chat/completions";
export const OPENAI_RESPONSES_ENDPOINT = "/v1/responses";
/** The batch endpoints the adapter can send to (chosen per processor, chat by default). */
export const OPENAI_ENDPOINTS = [OPENAI_CHAT_ENDPOINT, OPENAI_RESPONSES_ENDPOINT] as const;
export type OpenAIEndpoint = (typeof OPENAI_ENDPOINTS)[number];
/** The default batch endpoint. */
export const OPENAI_ENDPOINT: OpenAIEndpoint = OPENAI_CHAT_ENDPOINT;

/** Chat completions take "up to 4" stop sequences. */
export const OPENAI_MAX_STOP_SEQUENCES = 4;

/**
 * A batch id goes into URL paths (`/v1/batches/{id}`), so it must be one path segment: no `/`,
 * `?`, `#`, `%` or dot segment that could reach another endpoint. OpenAI's own are
 * `batch_...`; OpenAI-compatible servers use other shapes (some proxies hand out long base64
 * ids, with `=` and `+`), so any such segment up to 1024 characters is taken.
 */
export const OPENAI_BATCH_ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._:~=+-]{0,1023}$/;
