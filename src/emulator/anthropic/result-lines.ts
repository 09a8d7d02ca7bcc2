import { isObject } from "../message-text.js";
import type { ResolvedOutcome } from "../responder/types.js";
import { anthropicIds } from "./ids.js";
import type { AnswerShape } from "./request-adapter.js";

/** A request that ran (or was settled as never running) with what the responder decided. */
export interface SettledRequest {
  customId: string;
  model: string;
  shape: AnswerShape;
  outcome: ResolvedOutcome;
}

export type ResultType = "succeeded" | "errored" | "canceled" | "expired";

export function resultType(outcome: ResolvedOutcome): ResultType {
  if (outcome.kind === "answer") return "succeeded";
  if (outcome.kind === "http_error") return "errored";
  return outcome.reason === "cancelled" ? "canceled" : "expired";
}

type Answer = Extract<ResolvedOutcome, { kind: "answer" }>;

function parseObject(text: string | null): Record<string, unknown> | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Content blocks and stop reason for an answer. A forced tool gets a `tool_use` block when the
 * answer is a JSON object, and a plain `text` block otherwise (the model ignored the tool).
 * Truncated tool use keeps the `tool_use` block with an empty `input`: the Messages API
 * documents truncation there as an incomplete tool use block, and a half-written object cannot
 * travel as `input`, so clients must read `stop_reason: "max_tokens"`, as they must anyway.
 */
function answerContent(shape: AnswerShape, outcome: Answer) {
  const text = (value: string) => ({ type: "text", text: value });
  if (outcome.refusal !== null) {
    return { content: [text(outcome.refusal)], stopReason: "refusal" };
  }
  const truncated = outcome.finishReason === "length";
  if (shape.kind === "tool") {
    const input = truncated ? {} : parseObject(outcome.content);
    if (input) {
      const block = { type: "tool_use", id: anthropicIds.toolUse(), name: shape.name, input };
      return { content: [block], stopReason: truncated ? "max_tokens" : "tool_use" };
    }
  }
  return {
    content: [text(outcome.content ?? "")],
    stopReason: truncated ? "max_tokens" : "end_turn",
  };
}

/** One results line exactly as the real API writes it (fixture results.succeeded.jsonl). */
export function resultLine(settled: SettledRequest): Record<string, unknown> {
  const { outcome, customId } = settled;
  if (outcome.kind === "not_run") {
    return { custom_id: customId, result: { type: resultType(outcome) } };
  }
  if (outcome.kind === "http_error") {
    return {
      custom_id: customId,
      result: {
        type: "errored",
        // The nested envelope: the error type sits at result.error.error.type.
        error: {
          type: "error",
          error: { type: outcome.errorType, message: outcome.message },
          request_id: anthropicIds.requestId(),
        },
      },
    };
  }
  const { content, stopReason } = answerContent(settled.shape, outcome);
  return {
    custom_id: customId,
    result: {
      type: "succeeded",
      message: {
        id: anthropicIds.message(),
        type: "message",
        role: "assistant",
        model: settled.model,
        content,
        stop_reason: stopReason,
        stop_sequence: null,
        usage: { input_tokens: outcome.inputTokens, output_tokens: outcome.outputTokens },
      },
    },
  };
}
