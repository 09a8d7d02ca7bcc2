import { isObject } from "../message-text.js";
import { estimateTokens } from "../responder/resolve-outcome.js";
import type { ResolvedOutcome } from "../responder/types.js";
import { anthropicIds } from "./ids.js";
import type { AnswerShape } from "./request-adapter.js";
import type { ThinkingSettings } from "./request-param-check.js";

/** A request that ran (or was settled as never running) with what the responder decided. */
export interface SettledRequest {
  customId: string;
  model: string;
  shape: AnswerShape;
  /** Absent: no thinking (results settled before thinking was emulated, or made by hand). */
  thinking?: ThinkingSettings;
  outcome: ResolvedOutcome;
}

// What the emulated model "thinks": fixed text, so usage is deterministic.
const THINKING_TEXT =
  "The request asks for the values written in the text. Reading it field by field and checking each against the schema before answering.";

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
  const usage = answerUsage(settled, outcome);
  const blocks = usage.thinking > 0 ? [thinkingBlock(), ...content] : content;
  return {
    custom_id: customId,
    result: {
      type: "succeeded",
      message: {
        id: anthropicIds.message(),
        type: "message",
        role: "assistant",
        model: settled.model,
        content: blocks,
        stop_reason: stopReason,
        stop_sequence: null,
        usage: {
          input_tokens: outcome.inputTokens,
          output_tokens: usage.output,
          // API 2026-10-21: the thinking part of output_tokens.
          ...(usage.thinking > 0 && { output_tokens_details: { thinking_tokens: usage.thinking } }),
        },
      },
    },
  };
}

function thinkingBlock() {
  return { type: "thinking", thinking: THINKING_TEXT, signature: anthropicIds.thinkingSignature() };
}

/**
 * Thinking counts in output_tokens (it is billed as output). A cut-off answer has used the whole
 * max_tokens already, thinking included, so its total stays at the limit.
 */
function answerUsage(
  settled: SettledRequest,
  outcome: Answer,
): { output: number; thinking: number } {
  const on = settled.thinking?.on === true && outcome.refusal === null;
  if (!on) return { output: outcome.outputTokens, thinking: 0 };
  const budget = settled.thinking?.budget;
  const thinking = Math.min(estimateTokens(THINKING_TEXT), budget ?? Number.POSITIVE_INFINITY);
  if (outcome.finishReason === "length") {
    return { output: outcome.outputTokens, thinking: Math.min(thinking, outcome.outputTokens - 1) };
  }
  return { output: outcome.outputTokens + thinking, thinking };
}
