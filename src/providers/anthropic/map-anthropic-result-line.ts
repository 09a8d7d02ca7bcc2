import type { TokenUsage } from "../../results/types.js";
import { malformedLine, notJsonLine } from "../malformed-line.js";
import type { ProviderOutcome } from "../types.js";

interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  /** The thinking part of output_tokens (API 2026-10-21; absent on older versions). */
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}

interface ContentBlock {
  type?: string;
  text?: string;
  input?: unknown;
}

interface AnthropicErrorBody {
  type?: string;
  message?: string;
  error?: { type?: string; message?: string };
}

interface AnthropicResultRow {
  custom_id?: unknown;
  result?: {
    type?: string;
    message?: { content?: ContentBlock[]; stop_reason?: string | null; usage?: AnthropicUsage };
    error?: AnthropicErrorBody;
  };
}

// HTTP statuses of Anthropic's error types, so per-request errors carry one like OpenAI's do.
const ERROR_STATUS: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

function mapUsage(usage: AnthropicUsage | undefined): TokenUsage | undefined {
  if (!usage) return undefined;
  // input_tokens leaves out prompt-cache reads and writes; they are input all the same (and
  // OpenAI's prompt_tokens counts them), so the total input is their sum.
  const inputTokens =
    (usage.input_tokens ?? 0) +
    (usage.cache_creation_input_tokens ?? 0) +
    (usage.cache_read_input_tokens ?? 0);
  const outputTokens = usage.output_tokens ?? 0;
  const thinking = usage.output_tokens_details?.thinking_tokens;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(typeof thinking === "number" && { reasoningTokens: thinking }),
  };
}

function joinedText(blocks: ContentBlock[]): string {
  let text = "";
  for (const block of blocks)
    if (block.type === "text" && typeof block.text === "string") text += block.text;
  return text;
}

function succeeded(
  customId: string,
  row: AnthropicResultRow,
  line: string | undefined,
): ProviderOutcome {
  const message = row.result?.message;
  const blocks = Array.isArray(message?.content) ? message.content : [];
  const usage = mapUsage(message?.usage);
  const tool = blocks.find((b) => b?.type === "tool_use");
  const text = joinedText(blocks);
  const stop = message?.stop_reason;
  if (stop === "refusal") {
    return {
      kind: "error",
      customId,
      errorType: "refusal",
      errorMessage: text.trim() || 'The model refused to answer (stop_reason "refusal").',
      errorCode: "refusal",
      usage,
      raw: row,
    };
  }
  if (stop === "max_tokens" || stop === "model_context_window_exceeded") {
    // A cut-off tool call may carry an empty or partial input; only a partial one says anything.
    const input = tool?.input;
    const partial =
      typeof input === "object" && input !== null && Object.keys(input).length > 0
        ? JSON.stringify(input)
        : text;
    return {
      kind: "error",
      customId,
      errorType: "truncated",
      errorMessage:
        stop === "max_tokens"
          ? `The answer was cut off by the token limit${usage ? ` after ${usage.outputTokens} output tokens` : ""}; raise maxTokens.`
          : "The answer was cut off: the model's context window is full.",
      errorCode: stop,
      ...(partial !== "" && { text: partial }),
      usage,
      raw: row,
    };
  }
  // Forced tool use puts the answer, already parsed, in the tool_use block's input.
  if (tool) return { kind: "answer", customId, value: tool.input, usage, raw: row, line };
  if (text === "") {
    return {
      kind: "error",
      customId,
      errorType: "parse_error",
      errorMessage: "The answer is empty.",
      usage,
      raw: row,
    };
  }
  // No tool call (e.g. a request made without one): JSON in text is parsed by the shared code.
  return { kind: "answer", customId, text, usage, raw: row, line };
}

function errored(customId: string, row: AnthropicResultRow): ProviderOutcome {
  const envelope = row.result?.error;
  // The documented shape nests the error: result.error.error.{type,message}. Older captures
  // have result.error.{type,message} directly.
  const inner = envelope?.error ?? envelope;
  const type = inner?.type && inner.type !== "error" ? inner.type : undefined;
  const status = type ? ERROR_STATUS[type] : undefined;
  return {
    kind: "error",
    customId,
    errorType: "provider_error",
    errorMessage: inner?.message || "The request failed without an error message.",
    ...(type && { errorCode: type }),
    ...(status !== undefined && { statusCode: status }),
    raw: row,
  };
}

/**
 * Maps one parsed row of an Anthropic results file (or one row the SDK decoded) to exactly one
 * outcome. Never throws.
 */
export function mapAnthropicResultRow(
  row: unknown,
  lineNumber: number,
  line?: string,
): ProviderOutcome {
  if (typeof row !== "object" || row === null || Array.isArray(row)) {
    return malformedLine(lineNumber, "not a JSON object", row);
  }
  const parsed = row as AnthropicResultRow;
  const customId = parsed.custom_id;
  if (typeof customId !== "string" || customId === "") {
    return malformedLine(lineNumber, 'no "custom_id"', row);
  }
  const type = parsed.result?.type;
  switch (type) {
    case "succeeded":
      return succeeded(customId, parsed, line);
    case "errored":
      return errored(customId, parsed);
    case "canceled":
      return {
        kind: "error",
        customId,
        errorType: "cancelled",
        errorMessage: "The batch was cancelled before this request ran.",
        raw: row,
      };
    case "expired":
      return {
        kind: "error",
        customId,
        errorType: "expired",
        errorMessage: "The batch's 24-hour window closed before this request ran.",
        raw: row,
      };
    default:
      return {
        kind: "error",
        customId,
        errorType: "provider_error",
        errorMessage: `Unknown result type ${JSON.stringify(type) ?? "undefined"}.`,
        raw: row,
      };
  }
}

/**
 * Maps one line of an Anthropic results file to exactly one outcome. Never throws: a line that
 * cannot be read becomes a `malformed_line` error, so nothing is silently dropped.
 */
export function mapAnthropicResultLine(line: string, lineNumber: number): ProviderOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (cause) {
    return notJsonLine(lineNumber, line, cause);
  }
  return mapAnthropicResultRow(parsed, lineNumber, line);
}
