import type { TokenUsage } from "../../results/types.js";
import { readKeyedLine } from "../malformed-line.js";
import type { ProviderOutcome } from "../types.js";
import { mapResponseObject, type ResponseObject } from "./map-openai-response-object.js";

interface OpenAIUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

interface OpenAIResultLine {
  custom_id?: unknown;
  response?: {
    status_code?: number;
    body?: {
      choices?: {
        finish_reason?: string | null;
        message?: { content?: string | null; refusal?: string | null };
      }[];
      usage?: OpenAIUsage;
      object?: string;
      output?: unknown;
      error?: { message?: string; type?: string; code?: string | null };
    };
  } | null;
  error?: { code?: string | null; message?: string | null } | null;
}

function mapUsage(usage: OpenAIUsage | undefined): TokenUsage | undefined {
  if (!usage) return undefined;
  const inputTokens = usage.prompt_tokens ?? 0;
  const outputTokens = usage.completion_tokens ?? 0;
  const reasoningTokens = usage.completion_tokens_details?.reasoning_tokens;
  return {
    inputTokens,
    outputTokens,
    totalTokens: usage.total_tokens ?? inputTokens + outputTokens,
    ...(typeof reasoningTokens === "number" && { reasoningTokens }),
  };
}

// Error-file codes for requests that never ran.
const NOT_RUN: Record<string, "expired" | "cancelled"> = {
  batch_expired: "expired",
  batch_cancelled: "cancelled",
  batch_canceled: "cancelled",
};

/**
 * Maps one line of an OpenAI output or error file to exactly one outcome. Never throws: a line
 * that cannot be read becomes a `malformed_line` error, so nothing is silently dropped.
 */
export function mapOpenAIResultLine(line: string, lineNumber: number): ProviderOutcome {
  const read = readKeyedLine<OpenAIResultLine>(line, lineNumber, "custom_id");
  if ("outcome" in read) return read.outcome;
  const { row: parsed, id: customId } = read;

  const response = parsed.response;
  if (!response) {
    const code = parsed.error?.code ?? undefined;
    const message = parsed.error?.message ?? "The request failed without an error message.";
    const notRun = code ? NOT_RUN[code] : undefined;
    return {
      kind: "error",
      customId,
      errorType: notRun ?? "provider_error",
      errorMessage: message,
      ...(code && { errorCode: code }),
      raw: parsed,
    };
  }

  const body = response.body;
  const status = response.status_code ?? 0;
  if (status < 200 || status >= 300) {
    const err = body?.error;
    const code = err?.code ?? err?.type ?? undefined;
    return {
      kind: "error",
      customId,
      errorType: "provider_error",
      errorMessage: err?.message ?? `The request failed with HTTP ${status}.`,
      statusCode: status,
      ...(code && { errorCode: code }),
      raw: parsed,
    };
  }

  // A Responses API object (a batch on /v1/responses), told by its shape so that results read
  // the same whichever endpoint the processor reading them was made for.
  if (body?.object === "response" || (body !== undefined && Array.isArray(body.output))) {
    return mapResponseObject(customId, body as ResponseObject, status, parsed, line);
  }
  const usage = mapUsage(body?.usage);
  const choice = body?.choices?.[0];
  if (!choice) {
    return {
      kind: "error",
      customId,
      errorType: "provider_error",
      errorMessage: "The response has no choices.",
      statusCode: status,
      usage,
      raw: parsed,
    };
  }
  const message = choice.message;
  if (typeof message?.refusal === "string" && message.refusal !== "") {
    return {
      kind: "error",
      customId,
      errorType: "refusal",
      errorMessage: message.refusal,
      usage,
      raw: parsed,
    };
  }
  if (choice.finish_reason === "content_filter") {
    return {
      kind: "error",
      customId,
      errorType: "refusal",
      errorMessage: "The answer was withheld by the content filter.",
      errorCode: "content_filter",
      usage,
      raw: parsed,
    };
  }
  const content = message?.content;
  if (choice.finish_reason === "length") {
    return {
      kind: "error",
      customId,
      errorType: "truncated",
      errorMessage: `The answer was cut off by the token limit${usage ? ` after ${usage.outputTokens} output tokens` : ""}; raise maxTokens.`,
      ...(typeof content === "string" && { text: content }),
      usage,
      raw: parsed,
    };
  }
  if (typeof content !== "string" || content === "") {
    return {
      kind: "error",
      customId,
      errorType: "parse_error",
      errorMessage: "The answer is empty.",
      usage,
      raw: parsed,
    };
  }
  return { kind: "answer", customId, text: content, usage, raw: parsed, line };
}
