import { toUnixSeconds } from "../clock.js";
import { openaiIds } from "../ids.js";
import type { ResolvedOutcome } from "../responder/types.js";
import { emulatedReasoningTokens } from "./reasoning-usage.js";

/** A request that ran (or was settled as never running) with what the responder decided. */
export interface SettledRequest {
  customId: string;
  model: string;
  body: Record<string, unknown>;
  outcome: ResolvedOutcome;
  doneAtMs: number;
}

export const NOT_RUN_ERRORS = {
  // Wording of the real error file line (fixture error_file.expired.jsonl).
  expired: {
    code: "batch_expired",
    message: "This request could not be executed before the completion window expired.",
  },
  // Unverified: modelled on the expired line.
  cancelled: {
    code: "batch_cancelled",
    message: "This request could not be executed before the batch was cancelled.",
  },
} as const;

const SYSTEM_FINGERPRINT = "fp_emulated";

/** HTTP 200 answers (refusals and truncations included) go to the output file. */
export function isSuccess(outcome: ResolvedOutcome): boolean {
  return outcome.kind === "answer";
}

export function resultLine(endpoint: string, settled: SettledRequest): Record<string, unknown> {
  const { outcome, customId } = settled;
  const id = openaiIds.batchRequest();
  if (outcome.kind === "not_run") {
    return {
      id,
      custom_id: customId,
      response: null,
      error: { ...NOT_RUN_ERRORS[outcome.reason] },
    };
  }
  if (outcome.kind === "http_error") {
    return {
      id,
      custom_id: customId,
      response: {
        status_code: outcome.status,
        request_id: openaiIds.requestId(),
        body: {
          error: {
            message: outcome.message,
            type: outcome.errorType,
            param: outcome.param ?? null,
            code: outcome.code,
          },
        },
      },
      error: null,
    };
  }
  const body =
    endpoint === "/v1/responses"
      ? responseBody(settled, outcome)
      : chatCompletionBody(settled, outcome);
  return {
    id,
    custom_id: customId,
    response: { status_code: 200, request_id: openaiIds.requestId(), body },
    error: null,
  };
}

type Answer = Extract<ResolvedOutcome, { kind: "answer" }>;

function chatCompletionBody(settled: SettledRequest, outcome: Answer): Record<string, unknown> {
  const reasoning = emulatedReasoningTokens(settled.model, settled.body);
  const output = outcome.outputTokens + reasoning;
  return {
    id: openaiIds.chatCompletion(),
    object: "chat.completion",
    created: toUnixSeconds(settled.doneAtMs),
    model: settled.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: outcome.content, refusal: outcome.refusal },
        logprobs: null,
        finish_reason: outcome.finishReason,
      },
    ],
    usage: {
      prompt_tokens: outcome.inputTokens,
      completion_tokens: output,
      total_tokens: outcome.inputTokens + output,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: reasoning,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

/**
 * A Responses API object as the real API writes it: `resp_` id, `status` "completed" or
 * "incomplete" with `incomplete_details.reason: "max_output_tokens"` when cut off, a reasoning
 * item before the message for a reasoning model, the answer as an `output_text` part (or a
 * `refusal` part), usage with its details.
 */
function responseBody(settled: SettledRequest, outcome: Answer): Record<string, unknown> {
  const { body } = settled;
  const truncated = outcome.finishReason === "length";
  const part =
    outcome.refusal !== null
      ? { type: "refusal", refusal: outcome.refusal }
      : { type: "output_text", text: outcome.content ?? "", annotations: [], logprobs: [] };
  const reasoning = emulatedReasoningTokens(settled.model, body);
  const reasons = reasoning > 0 || findsReasoning(body);
  const output = outcome.outputTokens + reasoning;
  const requested = isRecord(body.reasoning) ? body.reasoning : {};
  return {
    id: openaiIds.response(),
    object: "response",
    created_at: toUnixSeconds(settled.doneAtMs),
    status: truncated ? "incomplete" : "completed",
    error: null,
    incomplete_details: truncated ? { reason: "max_output_tokens" } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: settled.model,
    output: [
      ...(reasons ? [{ id: openaiIds.reasoning(), type: "reasoning", summary: [] }] : []),
      {
        id: openaiIds.message(),
        type: "message",
        status: truncated ? "incomplete" : "completed",
        role: "assistant",
        content: [part],
      },
    ],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: requested.effort ?? null, summary: requested.summary ?? null },
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: "text" } },
    tool_choice: "auto",
    tools: [],
    top_p: body.top_p ?? 1,
    truncation: "disabled",
    usage: {
      input_tokens: outcome.inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: output,
      output_tokens_details: { reasoning_tokens: reasoning },
      total_tokens: outcome.inputTokens + output,
    },
    user: null,
    metadata: {},
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A reasoning effort was asked for (a model the catalog does not know may still reason). */
function findsReasoning(body: Record<string, unknown>): boolean {
  return isRecord(body.reasoning) && typeof body.reasoning.effort === "string";
}
