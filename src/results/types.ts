/** Token usage of one request, normalised across providers. */
export interface TokenUsage {
  inputTokens: number;
  /** Output tokens as billed: the answer and, on reasoning models, the thinking before it. */
  outputTokens: number;
  totalTokens: number;
  /**
   * Of `outputTokens`, those spent thinking, where the provider reports them (OpenAI
   * `reasoning_tokens`, Gemini `thoughtsTokenCount`, Anthropic `output_tokens_details.thinking_tokens`).
   */
  reasoningTokens?: number;
}

/** A request that came back as a valid object of the schema. */
export interface BatchSuccess<T> {
  success: true;
  customId: string;
  /** The validated value (the schema's output type). */
  result: T;
  usage?: TokenUsage;
  /** The provider's result line, parsed, as it came. */
  raw?: unknown;
}

/**
 * Why a request has no result:
 * - `provider_error`: the request ran and the provider returned an error for it.
 * - `validation_error`: JSON came back but the schema rejected it (`value` keeps the parsed JSON).
 * - `parse_error`: the answer was not JSON.
 * - `refusal`: the model refused.
 * - `truncated`: the answer was cut off by the token limit.
 * - `cancelled`, `expired`: the batch was cancelled or expired before the request ran.
 * - `missing`: submitted but absent from the results.
 * - `malformed_line`: a results line that is not valid JSON or has no id.
 */
export type BatchErrorType =
  | "provider_error"
  | "validation_error"
  | "parse_error"
  | "refusal"
  | "truncated"
  | "cancelled"
  | "expired"
  | "missing"
  | "malformed_line";

/** Every `BatchErrorType`, for checking a list of them given at run time. */
export const BATCH_ERROR_TYPES: readonly BatchErrorType[] = [
  "provider_error",
  "validation_error",
  "parse_error",
  "refusal",
  "truncated",
  "cancelled",
  "expired",
  "missing",
  "malformed_line",
];

/** One problem the schema found in an answer. */
export interface ValidationIssue {
  message: string;
  path: (string | number)[];
}

/** A request that failed, with the reason. */
export interface BatchError {
  success: false;
  /** The request's custom id; for a `malformed_line` without one, `line-<n>` (1-based). */
  customId: string;
  errorType: BatchErrorType;
  errorMessage: string;
  /** Provider error code when there is one (`batch_expired`, `rate_limit_exceeded`, ...). */
  errorCode?: string;
  /** HTTP status of a per-request provider error. */
  statusCode?: number;
  /** For `validation_error`: the parsed JSON the schema rejected. */
  value?: unknown;
  /** For `validation_error`: what the schema said. */
  issues?: ValidationIssue[];
  /** For `truncated` and `parse_error`: the text that came back. */
  text?: string;
  usage?: TokenUsage;
  raw?: unknown;
}

export type BatchResult<T> = BatchSuccess<T> | BatchError;

/** Normalised batch status, the same for every provider. */
export type BatchStatusValue =
  | "pending"
  | "processing"
  | "completed"
  | "failed"
  | "cancelled"
  | "expired";

export interface RequestCounts {
  total: number;
  /** Requests that finished successfully at the provider (before schema validation). */
  succeeded: number;
  /** Requests that finished with an error at the provider. */
  failed: number;
  /** Requests not yet finished. */
  pending: number;
}

export interface BatchStatus {
  id: string;
  provider: string;
  status: BatchStatusValue;
  /** The provider's own status string, e.g. `finalizing`, `ended`, `BATCH_STATE_RUNNING`. */
  rawStatus: string;
  requestCounts: RequestCounts;
  createdAt: Date | undefined;
  startedAt: Date | undefined;
  completedAt: Date | undefined;
  expiresAt: Date | undefined;
  /** Batch-level errors (e.g. input-file validation failures), empty when none. */
  errors: import("../errors/batch-failed-error.js").BatchLevelError[];
  metadata: Record<string, string> | undefined;
  /** The provider's batch object as returned. */
  raw: unknown;
}

/** True when the status will not change any more. */
export function isTerminalStatus(status: BatchStatusValue): boolean {
  return status !== "pending" && status !== "processing";
}
