import type { ProviderLimits } from "../types.js";

/**
 * Mistral batch jobs. Sources (read 2026):
 * - "For large batches of up to 1M requests, you would create a .jsonl file" (Mistral docs,
 *   Batch Inference, docs.mistral.ai/capabilities/batch): 1,000,000 requests per job.
 * - The Files API takes files up to 512 MB (docs.mistral.ai/api, files upload); no smaller cap
 *   is documented for batch input files.
 * - Mistral documents no rule for `custom_id` beyond being unique: as for OpenAI, 512 characters
 *   is this library's own cap, and control characters are refused.
 */
export const MISTRAL_LIMITS: ProviderLimits = {
  maxRequests: 1_000_000,
  maxBytes: 512 * 1024 * 1024,
  customIdMaxLength: 512,
  customIdPattern: /^[^\p{Cc}]+$/u,
  customIdRule: "no control characters (newlines, tabs, ...)",
};

/**
 * Estimated size up to which a batch goes inline in the create call (`requests`, Mistral's
 * inline batching, release note 2026-01-19) instead of as an uploaded file. Mistral documents no
 * cap for inline requests; 10 MB is this library's choice, so a create call stays a modest JSON
 * body that the SDK validates in memory.
 */
export const MISTRAL_INLINE_MAX_BYTES = 10 * 1024 * 1024;

/** The only batch endpoint the adapter writes requests for. */
export const MISTRAL_CHAT_ENDPOINT = "/v1/chat/completions";

/**
 * The job's own timeout: `timeout_hours` of the create call (SDK 2.7.0 `CreateBatchJobRequest`,
 * default 24). A job past it ends as TIMEOUT_EXCEEDED.
 */
export const MISTRAL_TIMEOUT_HOURS = 24;

/** Mistral's API host; the SDK's `serverURL`, `MISTRAL_BASE_URL` or `baseURL` replace it. */
export const MISTRAL_DEFAULT_BASE_URL = "https://api.mistral.ai";

/**
 * A job id goes into URL paths (`/v1/batch/jobs/{id}`); Mistral's are UUIDs. Any single path
 * segment of id characters is taken, so proxies with other id shapes work.
 */
export const MISTRAL_BATCH_ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._:~=+-]{0,1023}$/;
