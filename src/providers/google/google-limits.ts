import type { ProviderLimits } from "../types.js";

/**
 * Inline batches must stay under 20 MB for the whole create request. The inline body wraps
 * each line differently (`{"request":...,"metadata":{"key":...}}` instead of
 * `{"key":...,"request":...}`), so the JSONL size plus `INLINE_OVERHEAD_PER_REQUEST` per request
 * must stay under this, which leaves 1 MB of headroom for the envelope and rounding.
 */
export const GEMINI_INLINE_MAX_BYTES = 19_000_000;
export const INLINE_OVERHEAD_PER_REQUEST = 16;

/** Limits of the Gemini adapter: the provider's, plus where inline submission stops. */
export interface GoogleLimits extends ProviderLimits {
  /** Batches up to this estimated size are sent inline; bigger ones are uploaded as a file. */
  inlineMaxBytes: number;
}

/**
 * - `maxBytes`: 2 GB, the Files API cap for the uploaded input JSONL.
 * - `maxRequests`: Gemini documents no request count per batch; the 2 GB file and the
 *   project's enqueued-token quota (per model and tier, unknown here, reported by the API when
 *   the batch is created) bound it, so the library sets no count of its own.
 * - `key` (the custom id): Gemini documents no rule. 512 characters is this library's cap (as
 *   for OpenAI), and control characters are refused so keys survive logs and JSONL tools.
 */
export function googleLimits(inlineMaxBytes = GEMINI_INLINE_MAX_BYTES): GoogleLimits {
  return {
    maxRequests: Number.MAX_SAFE_INTEGER,
    maxBytes: 2 * 1024 * 1024 * 1024,
    customIdMaxLength: 512,
    customIdPattern: /^[^\p{Cc}]+$/u,
    customIdRule: "no control characters (newlines, tabs, ...)",
    inlineMaxBytes,
  };
}

/**
 * A batch name is `batches/{id}` (a bare id is taken too) and goes into URL paths; Google's ids
 * are letters, digits and dashes, so nothing else is let through (`/`, `..`, `:cancel`, `?`).
 */
export const GEMINI_BATCH_NAME_PATTERN = /^(?:batches\/)?[A-Za-z0-9][A-Za-z0-9_-]{0,255}$/;

/** `v1beta`, `v1`, `v1alpha`, `v2beta3`: the version is a URL path segment. */
export const GEMINI_API_VERSION_PATTERN = /^v\d+(?:(?:alpha|beta)\d*)?$/;

/**
 * The model goes into the create URL (`/v1beta/models/{model}:batchGenerateContent`): a name
 * such as `gemini-2.5-flash`, optionally `models/` or `tunedModels/` first, and nothing that
 * could change the path (`/`, `..`, `:`, `?`).
 */
export const GEMINI_MODEL_PATTERN =
  /^(?:(?:models|tunedModels)\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Gemini takes at most five stop sequences. */
export const GEMINI_MAX_STOP_SEQUENCES = 5;

/**
 * `seed` and `maxOutputTokens` are int32 fields of `GenerationConfig`: a larger number is an
 * `INVALID_ARGUMENT` for every request.
 */
export const GEMINI_INT32_MAX = 2_147_483_647;
export const GEMINI_INT32_MIN = -2_147_483_648;

/** Gemini keeps only a display name; the Files API caps it at 512 characters. */
export const GEMINI_DISPLAY_NAME_MAX_LENGTH = 512;
