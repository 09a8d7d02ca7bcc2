import type { TokenUsage } from "../../results/types.js";
import { readKeyedLine } from "../malformed-line.js";
import type { ProviderOutcome } from "../types.js";
import { type RpcStatus, rpcStatusName } from "./gemini-batch-view.js";

interface GeminiUsage {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  totalTokenCount?: number;
}

/** The fields of a GenerateContentResponse this library reads. */
export interface GeminiResponse {
  candidates?: {
    content?: { parts?: { text?: unknown; thought?: unknown }[] };
    finishReason?: string;
    finishMessage?: string;
  }[];
  promptFeedback?: { blockReason?: string; blockReasonMessage?: string };
  usageMetadata?: GeminiUsage;
}

/** A result: a file line (with `key`) or an inline item (with `metadata.key`). */
export interface GeminiResult {
  response?: GeminiResponse | null;
  error?: RpcStatus | null;
}

// Candidates the model withheld: the answer is a refusal, not a failure.
const BLOCKED = new Set([
  "SAFETY",
  "RECITATION",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
  "IMAGE_RECITATION",
]);
const FINISHED = new Set(["STOP", "FINISH_REASON_UNSPECIFIED"]);

/*
 * Requests that never ran. Gemini documents no form for them; these follow the google.rpc
 * meaning of the situation (unverified against the real service).
 */
const NOT_RUN: Record<string, "cancelled" | "expired"> = {
  CANCELLED: "cancelled",
  DEADLINE_EXCEEDED: "expired",
};

/**
 * Thinking tokens are billed as output, as OpenAI's reasoning tokens are: `outputTokens` is
 * candidates + thoughts, `reasoningTokens` the thoughts (only when Gemini reports them). The
 * total is Gemini's own `totalTokenCount` (prompt + candidates + thoughts + tool-use prompt).
 */
export function mapGeminiUsage(usage: GeminiUsage | undefined): TokenUsage | undefined {
  if (!usage) return undefined;
  const inputTokens = usage.promptTokenCount ?? 0;
  const thoughts = usage.thoughtsTokenCount;
  const outputTokens = (usage.candidatesTokenCount ?? 0) + (thoughts ?? 0);
  return {
    inputTokens,
    outputTokens,
    totalTokens: usage.totalTokenCount ?? inputTokens + outputTokens,
    ...(thoughts !== undefined && { reasoningTokens: thoughts }),
  };
}

function truncation(usage: GeminiUsage | undefined): string {
  const thinking = usage?.thoughtsTokenCount ?? 0;
  if (thinking === 0) return "The answer was cut off by the token limit; raise maxTokens.";
  return `The answer was cut off by the token limit: ${thinking} of the output tokens went to thinking, which maxOutputTokens includes; raise maxTokens or think less (reasoning: { budgetTokens } or { effort }, sent as thinkingConfig).`;
}

/** Maps one result (file line or inline item) whose custom id is known. */
export function mapGeminiResult(
  customId: string,
  result: GeminiResult,
  raw: unknown,
  line?: string,
): ProviderOutcome {
  const { error, response } = result;
  if (error || !response) {
    const code = rpcStatusName(error ?? undefined);
    return {
      kind: "error",
      customId,
      errorType: (code === undefined ? undefined : NOT_RUN[code]) ?? "provider_error",
      errorMessage: error?.message ?? "The request failed without an error message.",
      ...(code && { errorCode: code }),
      raw,
    };
  }
  const usage = mapGeminiUsage(response.usageMetadata);
  const blocked = response.promptFeedback?.blockReason;
  if (blocked) {
    const detail = response.promptFeedback?.blockReasonMessage;
    return {
      kind: "error",
      customId,
      errorType: "refusal",
      errorMessage: `The prompt was blocked (${blocked})${detail ? `: ${detail}` : "."}`,
      errorCode: blocked,
      usage,
      raw,
    };
  }
  const candidate = response.candidates?.[0];
  if (!candidate) {
    const message = "The response has no candidates.";
    return {
      kind: "error",
      customId,
      errorType: "provider_error",
      errorMessage: message,
      usage,
      raw,
    };
  }
  // Thought summaries (`thought: true`) are not the answer.
  const text = (candidate.content?.parts ?? [])
    .filter((p) => typeof p.text === "string" && p.thought !== true)
    .map((p) => p.text as string)
    .join("");
  const reason = candidate.finishReason;
  const withText = text === "" ? {} : { text };
  if (reason === "MAX_TOKENS") {
    const errorMessage = truncation(response.usageMetadata);
    return {
      kind: "error",
      customId,
      errorType: "truncated",
      errorMessage,
      ...withText,
      usage,
      raw,
    };
  }
  if (reason !== undefined && BLOCKED.has(reason)) {
    const detail = candidate.finishMessage ? `: ${candidate.finishMessage}` : ".";
    return {
      kind: "error",
      customId,
      errorType: "refusal",
      errorMessage: `The answer was withheld (${reason})${detail}`,
      errorCode: reason,
      usage,
      raw,
    };
  }
  if (reason !== undefined && !FINISHED.has(reason)) {
    // OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, ...: the model stopped before finishing.
    const errorMessage = `The model stopped without finishing (${reason})${candidate.finishMessage ? `: ${candidate.finishMessage}` : "."}`;
    return {
      kind: "error",
      customId,
      errorType: "provider_error",
      errorMessage,
      errorCode: reason,
      ...withText,
      usage,
      raw,
    };
  }
  if (text === "") {
    const errorMessage = "The answer is empty.";
    return { kind: "error", customId, errorType: "parse_error", errorMessage, usage, raw };
  }
  return { kind: "answer", customId, text, usage, raw, line };
}

/**
 * Maps one line of a Gemini results file (`{"key", "response" | "error"}`) to exactly one
 * outcome. Never throws: a line that cannot be read becomes a `malformed_line` error.
 */
export function mapGeminiResultLine(line: string, lineNumber: number): ProviderOutcome {
  const read = readKeyedLine<GeminiResult>(line, lineNumber, "key");
  if ("outcome" in read) return read.outcome;
  return mapGeminiResult(read.id, read.row, read.row, line);
}
