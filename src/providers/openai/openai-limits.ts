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

export const OPENAI_ENDPOINT = "/v1/chat/completions";

/** Chat completions take "up to 4" stop sequences. */
export const OPENAI_MAX_STOP_SEQUENCES = 4;

/**
 * A batch id goes into URL paths (`/v1/batches/{id}`), so it must be one path segment: no `/`,
 * `?`, `#`, `%` or dot segment that could reach another endpoint. OpenAI's own are
 * `batch_...`; OpenAI-compatible servers use other shapes (some proxies hand out long base64
 * ids, with `=` and `+`), so any such segment up to 1024 characters is taken.
 */
export const OPENAI_BATCH_ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._:~=+-]{0,1023}$/;

/**
 * Reasoning models (o1, o3, o4-mini, gpt-5 and its mini/nano; not gpt-5-chat) refuse sampling
 * parameters: "Unsupported value: 'temperature' does not support 0.1 with this model. Only the
 * default (1) value is supported." (and likewise top_p and the penalties). Fine-tuned ones too.
 */
export const OPENAI_REASONING_MODEL = /^(?:ft:)?(?:o\d|gpt-5(?!-chat))/;
