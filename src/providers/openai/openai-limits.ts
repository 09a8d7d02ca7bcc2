import type { ProviderLimits } from "../types.js";

/**
 * OpenAI Batch API caps: 50,000 requests and 200 MB per input file. OpenAI documents no length
 * for `custom_id`; 512 characters is this library's own cap, to keep result lines sane.
 */
export const OPENAI_LIMITS: ProviderLimits = {
  maxRequests: 50_000,
  maxBytes: 200 * 1024 * 1024,
  customIdMaxLength: 512,
  customIdPattern: undefined,
};

export const OPENAI_METADATA_LIMITS = { maxPairs: 16, maxKeyLength: 64, maxValueLength: 512 };

export const OPENAI_ENDPOINT = "/v1/chat/completions";
