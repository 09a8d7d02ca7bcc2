import type { TokenUsage } from "../../results/types.js";
import { readKeyedLine } from "../malformed-line.js";
import type { ProviderOutcome } from "../types.js";

interface MistralUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

/**
 * Mistral's error body (its HTTP error envelope, e.g. `{"object":"error","message":"Received
 * unsupported keyword ...","type":"invalid_request_error","param":null,"code":null}`, quoted in
 * langchain-ai/langchain#29604); OpenAI's nested `{ error: { message } }` is read too.
 */
interface MistralErrorBody {
  message?: unknown;
  type?: string | null;
  code?: string | number | null;
  detail?: unknown;
  error?: { message?: string; type?: string; code?: string | null };
}

/**
 * One line of a Mistral batch output or error file: `{"id", "custom_id", "response":
 * {"status_code", "body"}, "error"}` with a chat completion as the body (the shape the docs'
 * "Get batch job results" downloads and the Python SDK's inline example reads as
 * `res["response"]["body"]`, mistralai/client-python examples/.../async_batch_job_chat_completion_inline.py).
 */
interface MistralResultLine {
  custom_id?: unknown;
  response?: {
    status_code?: number;
    body?: MistralErrorBody & {
      choices?: {
        finish_reason?: string | null;
        message?: { content?: unknown };
      }[];
      usage?: MistralUsage;
    };
  } | null;
  error?: { code?: string | number | null; message?: string | null } | null;
}

function mapUsage(usage: MistralUsage | undefined): TokenUsage | undefined {
  if (!usage) return undefined;
  const inputTokens = usage.prompt_tokens ?? 0;
  const outputTokens = usage.completion_tokens ?? 0;
  return {
    inputTokens,
    outputTokens,
    totalTokens: usage.total_tokens ?? inputTokens + outputTokens,
  };
}

/**
 * Codes of the lines written for requests a job never ran. Mistral documents none; these are
 * the ones this library's emulator writes, and a `message` naming the timeout or the
 * cancellation is read the same way.
 */
const NOT_RUN: Record<string, "expired" | "cancelled"> = {
  timeout_exceeded: "expired",
  batch_timeout_exceeded: "expired",
  cancelled: "cancelled",
  batch_cancelled: "cancelled",
};

/** The answer's text: a string, or the `text` chunks of a chunk list (reasoning models add `thinking` chunks). */
function answerText(content: unknown): string | undefined {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return undefined;
  let text = "";
  for (const chunk of content) {
    if (
      typeof chunk === "object" &&
      chunk !== null &&
      (chunk as { type?: unknown }).type === "text"
    ) {
      const t = (chunk as { text?: unknown }).text;
      if (typeof t === "string") text += t;
    }
  }
  return text;
}

function errorMessage(body: MistralErrorBody | undefined, status: number): string {
  if (typeof body?.message === "string" && body.message !== "") return body.message;
  if (body?.message !== undefined && body.message !== null) return JSON.stringify(body.message);
  if (body?.error?.message) return body.error.message;
  if (body?.detail !== undefined) return JSON.stringify(body.detail);
  return `The request failed with HTTP ${status}.`;
}

/**
 * Maps one line of a Mistral output or error file to exactly one outcome. Never throws: a line
 * that cannot be read becomes a `malformed_line` error, so nothing is silently dropped.
 * Mistral chat completions have no refusal field and no content-filter finish reason
 * (SDK 2.7.0 `ChatCompletionChoiceFinishReason`: stop, length, model_length, error, tool_calls):
 * a model that declines in words gives a `parse_error` with its text kept.
 */
export function mapMistralResultLine(line: string, lineNumber: number): ProviderOutcome {
  const read = readKeyedLine<MistralResultLine>(line, lineNumber, "custom_id");
  if ("outcome" in read) return read.outcome;
  const { row: parsed, id: customId } = read;
  const response = parsed.response;
  if (!response) {
    const code = parsed.error?.code == null ? undefined : String(parsed.error.code);
    const message = parsed.error?.message ?? "The request failed without an error message.";
    const notRun = code ? NOT_RUN[code.toLowerCase()] : undefined;
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
    const rawCode = body?.code ?? body?.error?.code ?? body?.type ?? body?.error?.type;
    const code = rawCode == null ? undefined : String(rawCode);
    return {
      kind: "error",
      customId,
      errorType: "provider_error",
      errorMessage: errorMessage(body, status),
      statusCode: status,
      ...(code && { errorCode: code }),
      raw: parsed,
    };
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
  const text = answerText(choice.message?.content);
  // `model_length`: the context window ran out before the answer ended; `length`: max_tokens.
  if (choice.finish_reason === "length" || choice.finish_reason === "model_length") {
    return {
      kind: "error",
      customId,
      errorType: "truncated",
      errorMessage:
        choice.finish_reason === "length"
          ? `The answer was cut off by the token limit${usage ? ` after ${usage.outputTokens} output tokens` : ""}; raise maxTokens.`
          : "The answer was cut off at the end of the model's context window.",
      ...(text !== undefined && { text }),
      usage,
      raw: parsed,
    };
  }
  if (choice.finish_reason === "error") {
    return {
      kind: "error",
      customId,
      errorType: "provider_error",
      errorMessage: 'The model stopped with an error (finish_reason "error").',
      ...(text !== undefined && text !== "" && { text }),
      usage,
      raw: parsed,
    };
  }
  if (text === undefined || text === "") {
    return {
      kind: "error",
      customId,
      errorType: "parse_error",
      errorMessage: "The answer is empty.",
      usage,
      raw: parsed,
    };
  }
  return { kind: "answer", customId, text, usage, raw: parsed, line };
}
