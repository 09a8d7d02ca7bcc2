import { toUnixSeconds } from "../clock.js";
import { randomHex } from "../ids.js";
import type { ResolvedOutcome } from "../responder/types.js";

/** A request that ran (or was settled as never running) with what the responder decided. */
export interface SettledRequest {
  customId: string;
  model: string;
  outcome: ResolvedOutcome;
  doneAtMs: number;
}

/**
 * Lines for requests a job never ran. Mistral documents none: the codes are the ones the
 * library's result mapper reads (`timeout_exceeded`, `cancelled`), the wording the emulator's.
 */
export const NOT_RUN_ERRORS = {
  expired: {
    code: "timeout_exceeded",
    message: "This request was not processed before the batch job's timeout was exceeded.",
  },
  cancelled: {
    code: "cancelled",
    message: "This request was not processed before the batch job was cancelled.",
  },
} as const;

/** HTTP 200 answers (truncations included) go to the output file, the rest to the error file. */
export function isSuccess(outcome: ResolvedOutcome): boolean {
  return outcome.kind === "answer";
}

/**
 * One line of a result file: `{"id", "custom_id", "response": {"status_code", "body"},
 * "error"}`, the body a Mistral chat completion (`object: "chat.completion"`, `choices[].message`
 * with `tool_calls: null`, `usage` with prompt/completion/total tokens; SDK 2.7.0
 * `ChatCompletionResponse`). Mistral has no refusal field: a refusal is the model's words as the
 * answer. An HTTP error carries Mistral's error envelope as the body.
 */
export function resultLine(jobId: string, settled: SettledRequest): Record<string, unknown> {
  const { outcome, customId } = settled;
  const id = `batch-${jobId}-${randomHex(8)}`;
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
        body: {
          object: "error",
          message: outcome.message,
          type: outcome.errorType,
          param: outcome.param ?? null,
          code: outcome.code,
        },
      },
      error: null,
    };
  }
  const content = outcome.refusal ?? outcome.content ?? "";
  return {
    id,
    custom_id: customId,
    response: {
      status_code: 200,
      body: {
        id: randomHex(32),
        object: "chat.completion",
        model: settled.model,
        created: toUnixSeconds(settled.doneAtMs),
        choices: [
          {
            index: 0,
            message: { role: "assistant", content, tool_calls: null, prefix: false },
            finish_reason: outcome.finishReason,
          },
        ],
        usage: {
          prompt_tokens: outcome.inputTokens,
          completion_tokens: outcome.outputTokens,
          total_tokens: outcome.inputTokens + outcome.outputTokens,
        },
      },
    },
    error: null,
  };
}
