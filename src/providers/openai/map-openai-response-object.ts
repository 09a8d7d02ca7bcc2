import type { TokenUsage } from "../../results/types.js";
import type { ProviderOutcome } from "../types.js";

/** The parts of a Responses API object (`object: "response"`) the mapping reads. */
export interface ResponseObject {
  object?: string;
  status?: string;
  error?: { code?: string | null; message?: string | null } | null;
  incomplete_details?: { reason?: string | null } | null;
  output?: {
    type?: string;
    content?: { type?: string; text?: string; refusal?: string }[] | null;
  }[];
  usage?: {
    input_tokens?: number;
    output_tokens?: number;
    total_tokens?: number;
    output_tokens_details?: { reasoning_tokens?: number } | null;
  } | null;
}

function mapUsage(usage: ResponseObject["usage"]): TokenUsage | undefined {
  if (!usage) return undefined;
  const inputTokens = usage.input_tokens ?? 0;
  const outputTokens = usage.output_tokens ?? 0;
  const reasoningTokens = usage.output_tokens_details?.reasoning_tokens;
  return {
    inputTokens,
    outputTokens,
    totalTokens: usage.total_tokens ?? inputTokens + outputTokens,
    ...(typeof reasoningTokens === "number" && { reasoningTokens }),
  };
}

/** The answer's text and refusal: the `output_text` and `refusal` parts of its message items. */
function messageParts(output: ResponseObject["output"]): { text?: string; refusal?: string } {
  let text: string | undefined;
  let refusal: string | undefined;
  for (const item of Array.isArray(output) ? output : []) {
    // Reasoning items (and any other kind) carry no part of the answer.
    if (item?.type !== "message" || !Array.isArray(item.content)) continue;
    for (const part of item.content) {
      if (part?.type === "output_text" && typeof part.text === "string") {
        text = (text ?? "") + part.text;
      } else if (part?.type === "refusal" && typeof part.refusal === "string") {
        refusal = (refusal ?? "") + part.refusal;
      }
    }
  }
  return { ...(text !== undefined && { text }), ...(refusal !== undefined && { refusal }) };
}

/**
 * One Responses API object to one outcome, in the same taxonomy as chat completions: a refusal
 * part or `incomplete_details.reason: "content_filter"` is a refusal, `"max_output_tokens"` is
 * truncated, a `failed` response a provider error, output text the answer.
 */
export function mapResponseObject(
  customId: string,
  body: ResponseObject,
  statusCode: number,
  raw: unknown,
  line: string,
): ProviderOutcome {
  const usage = mapUsage(body.usage);
  const { text, refusal } = messageParts(body.output);
  const common = { kind: "error" as const, customId, usage, raw };
  if (refusal !== undefined && refusal !== "") {
    return { ...common, errorType: "refusal", errorMessage: refusal };
  }
  const reason = body.incomplete_details?.reason;
  if (body.status === "incomplete" && reason === "content_filter") {
    return {
      ...common,
      errorType: "refusal",
      errorMessage: "The answer was withheld by the content filter.",
      errorCode: "content_filter",
    };
  }
  if (body.status === "incomplete") {
    return {
      ...common,
      errorType: "truncated",
      errorMessage: `The answer was cut off by the token limit${usage ? ` after ${usage.outputTokens} output tokens` : ""}; raise maxTokens.`,
      ...(reason && { errorCode: reason }),
      ...(text !== undefined && { text }),
    };
  }
  if (body.status !== undefined && body.status !== "completed") {
    const code = body.error?.code ?? undefined;
    return {
      ...common,
      errorType: "provider_error",
      errorMessage: body.error?.message ?? `The response ended with status "${body.status}".`,
      statusCode,
      ...(code && { errorCode: code }),
    };
  }
  if (text === undefined || text === "") {
    return { ...common, errorType: "parse_error", errorMessage: "The answer is empty." };
  }
  return { kind: "answer", customId, text, usage, raw, line };
}
