import { findModel } from "../../models/find-model.js";
import { isObject } from "../message-text.js";
import type { BlockRejection } from "./image-block-check.js";
import { outputFormatRejection } from "./output-format-check.js";

/*
 * Params the Messages API refuses for the model asked for, checked when the request runs (in a
 * batch: an `errored` result), against the library's model catalog (src/models); a model the
 * catalog does not know is taken as it comes. Wording:
 * - "Thinking may not be enabled when tool_choice forces tool use." is the API's, observed;
 * - "max_tokens: N > M, which is the maximum allowed number of output tokens for <model>" and
 *   "`max_tokens` must be greater than `thinking.budget_tokens`..." are the API's as remembered
 *   and widely quoted (unverified here);
 * - the budget floor is pydantic's phrase for ThinkingConfigEnabled's ">= 1024";
 * - the "does not support" ones are chosen (Opus 5.5's refusal of forced tool use is documented,
 *   its wording is not).
 */

const THINKING_DOCS =
  "https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size";

/** The thinking settings of a request: whether the model thinks, and its budget if given. */
export interface ThinkingSettings {
  on: boolean;
  budget: number | undefined;
}

export function thinkingOf(params: Record<string, unknown>): ThinkingSettings {
  const { thinking } = params;
  if (!isObject(thinking)) return { on: false, budget: undefined };
  const on = thinking.type === "enabled" || thinking.type === "adaptive";
  const budget = typeof thinking.budget_tokens === "number" ? thinking.budget_tokens : undefined;
  return { on, budget: thinking.type === "enabled" ? budget : undefined };
}

function forcesTool(params: Record<string, unknown>): boolean {
  const choice = params.tool_choice;
  return isObject(choice) && (choice.type === "tool" || choice.type === "any");
}

function thinkingRejection(
  params: Record<string, unknown>,
  maxTokens: number,
): BlockRejection | undefined {
  const { thinking } = params;
  if (!isObject(thinking) || thinking.type !== "enabled") {
    return thinkingOf(params).on && forcesTool(params)
      ? {
          param: "thinking",
          message: "Thinking may not be enabled when tool_choice forces tool use.",
        }
      : undefined;
  }
  const budget = thinking.budget_tokens;
  const at = "thinking.enabled.budget_tokens";
  if (budget === undefined) return { param: at, message: `${at}: Field required` };
  if (typeof budget !== "number" || !Number.isInteger(budget)) {
    return { param: at, message: `${at}: Input should be a valid integer` };
  }
  if (budget < 1024) {
    return { param: at, message: `${at}: Input should be greater than or equal to 1024` };
  }
  if (budget >= maxTokens) {
    return {
      param: "max_tokens",
      message: `\`max_tokens\` must be greater than \`thinking.budget_tokens\`. Please consult our documentation at ${THINKING_DOCS}`,
    };
  }
  if (forcesTool(params)) {
    return {
      param: "thinking",
      message: "Thinking may not be enabled when tool_choice forces tool use.",
    };
  }
  return undefined;
}

/** The first param of a request the real API would refuse for its model, if any. */
export function requestParamRejection(params: Record<string, unknown>): BlockRejection | undefined {
  const model = String(params.model);
  const maxTokens = params.max_tokens as number;
  const caps = findModel("anthropic", model);
  if (caps?.maxOutputTokens !== undefined && maxTokens > caps.maxOutputTokens) {
    return {
      param: "max_tokens",
      message: `max_tokens: ${maxTokens} > ${caps.maxOutputTokens}, which is the maximum allowed number of output tokens for ${model}`,
    };
  }
  if (caps?.reasoning.kind === "none" && thinkingOf(params).on) {
    return { param: "thinking", message: `thinking: ${model} does not support extended thinking` };
  }
  if (caps?.forcedToolUse === false && forcesTool(params)) {
    return {
      param: "tool_choice",
      message: `tool_choice: ${model} does not support forced tool use; use tool_choice auto, or output_config.format for structured output`,
    };
  }
  const thinking = thinkingRejection(params, maxTokens);
  if (thinking) return thinking;
  const config = params.output_config;
  if (caps && !caps.structuredOutput && isObject(config) && config.format != null) {
    return {
      param: "output_config.format",
      message: `output_config.format: ${model} does not support structured outputs`,
    };
  }
  return outputFormatRejection(params);
}
