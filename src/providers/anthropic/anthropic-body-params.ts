import { type InputIssue, InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { applyModelRules } from "../../models/apply-model-rules.js";
import type { ModelCapabilities } from "../../models/model-capabilities.js";
import type { GenerationParams, PreparedOutputSchema } from "../types.js";
import { ANTHROPIC_DEFAULT_MAX_TOKENS } from "./anthropic-limits.js";
import {
  checkAnthropicParams,
  checkProviderOptions,
  warnOmitted,
} from "./anthropic-param-checks.js";
import { type AnthropicStructuredOutput, anthropicThinking } from "./anthropic-thinking.js";

const DEFAULT_TOOL_DESCRIPTION =
  "Give the answer by calling this tool: its input is the result, exactly as the schema describes it.";

/** The params of one request other than system and messages, split around them. */
export interface AnthropicBodyParams {
  /** `model` and `max_tokens`, written before the messages. */
  head: { model: string; max_tokens: number };
  /**
   * `tools` and `tool_choice` (tool mode) or `output_config` (native mode), `thinking`,
   * `stop_sequences` and providerOptions, written after them.
   */
  tail: Record<string, unknown>;
}

// OutputConfig.effort in @anthropic-ai/sdk 1.14 (API 2026-10-21).
const EFFORTS = ["low", "medium", "high", "xhigh", "max"];

/**
 * `output_config` from providerOptions plus `reasoning.effort` (the API's `output_config.effort`;
 * the catalog's budget families refuse an effort before this), or undefined when empty.
 */
function outputConfig(
  extraConfig: unknown,
  effort: string | undefined,
  issues: InputIssue[],
): Record<string, unknown> | undefined {
  const config = { ...(extraConfig as Record<string, unknown> | undefined) };
  if (effort === undefined) return extraConfig === undefined ? undefined : config;
  if (config.effort !== undefined) {
    issues.push({
      code: "incompatible_parameter",
      path: ["providerOptions", "anthropic", "output_config", "effort"],
      message:
        "set the effort once: reasoning.effort or providerOptions.anthropic.output_config.effort",
    });
  } else if (!EFFORTS.includes(effort)) {
    issues.push({
      code: "unsupported_parameter",
      path: ["reasoning", "effort"],
      message: `Anthropic takes the efforts ${EFFORTS.map((e) => `"${e}"`).join(", ")} (output_config.effort), got ${JSON.stringify(effort)}`,
    });
  }
  return { ...config, effort };
}

/** The fields that ask for structured output, in one mode or the other. */
function structuredOutputFields(
  output: PreparedOutputSchema<unknown>,
  mode: AnthropicStructuredOutput,
  config: Record<string, unknown> | undefined,
): Record<string, unknown> {
  if (mode === "native") {
    const format = { type: "json_schema", schema: output.wireSchema };
    return { output_config: { ...config, format } };
  }
  const name = output.schema.name;
  return {
    tools: [
      {
        name,
        description: output.schema.description ?? DEFAULT_TOOL_DESCRIPTION,
        input_schema: output.wireSchema,
      },
    ],
    tool_choice: { type: "tool", name },
    ...(config !== undefined && { output_config: config }),
  };
}

function ceilingIssue(
  caps: ModelCapabilities | undefined,
  model: string,
  maxTokens: unknown,
): InputIssue | undefined {
  const ceiling = caps?.maxOutputTokens;
  if (ceiling === undefined || typeof maxTokens !== "number" || maxTokens <= ceiling) {
    return undefined;
  }
  return {
    code: "max_tokens_above_model_limit",
    path: ["providerOptions", "anthropic", "max_tokens"],
    message: `${model} (${caps!.family}) writes at most ${ceiling} output tokens per request, got max_tokens ${maxTokens}`,
  };
}

/**
 * Maps the provider-neutral parameters and the prepared schema to Messages API fields, after
 * the model catalog's rules (`applyModelRules`: maxTokens above the model's ceiling and
 * reasoning settings the family cannot take are refused, an unknown model warned about once).
 *
 * Structured output, per processor (`anthropic.structuredOutput`):
 * - `"tool"` (default): one tool whose `input_schema` is the schema, and
 *   `tool_choice: { type: "tool" }`. It works on every Claude model, and the answer arrives
 *   as already-parsed JSON in the `tool_use` block's `input`; the API refuses thinking with it.
 * - `"native"`: `output_config.format` with the JSON schema; the JSON arrives as a `text`
 *   block, and extended thinking (`reasoning.budgetTokens`) may be combined with it.
 */
export function anthropicBodyParams(
  model: string,
  output: PreparedOutputSchema<unknown>,
  params: GenerationParams,
  warn: (message: string) => void,
  mode: AnthropicStructuredOutput = "tool",
): AnthropicBodyParams {
  const {
    max_tokens: extraMaxTokens,
    thinking: extraThinking,
    output_config: extraConfig,
    ...extra
  } = params.providerOptions?.anthropic ?? {};
  checkProviderOptions({
    ...extra,
    ...(extraConfig !== undefined && { output_config: extraConfig }),
  });
  checkAnthropicParams(params, extra, extraMaxTokens);
  // The catalog's checks come first: a maxTokens above the ceiling is refused before the
  // omitted sampling parameters are reported.
  const { capabilities } = applyModelRules("anthropic", model, params, warn);
  warnOmitted(params, extra, warn);
  const issues: InputIssue[] = [];
  const ceiling = ceilingIssue(capabilities, model, extraMaxTokens);
  if (ceiling) issues.push(ceiling);
  let maxTokens = (extraMaxTokens as number | undefined) ?? params.maxTokens;
  const maxTokensPath =
    extraMaxTokens !== undefined ? ["providerOptions", "anthropic", "max_tokens"] : ["maxTokens"];
  const defaulted = maxTokens === undefined;
  maxTokens ??= ANTHROPIC_DEFAULT_MAX_TOKENS;
  const thinking = anthropicThinking(
    {
      params,
      extraThinking,
      maxTokens,
      maxTokensPath: defaulted ? ["the default max_tokens"] : maxTokensPath,
      mode,
    },
    issues,
  );
  const config = outputConfig(extraConfig, params.reasoning?.effort, issues);
  if (issues.length > 0) throw new InvalidArgumentError(issues);
  if (defaulted) {
    warn(
      `maxTokens is not set: Anthropic requires max_tokens on every request, so ${ANTHROPIC_DEFAULT_MAX_TOKENS} is sent. Set maxTokens to choose the limit.`,
    );
  }
  const stop = params.stop;
  const tail: Record<string, unknown> = {
    ...structuredOutputFields(output, mode, config),
    thinking,
    stop_sequences: typeof stop === "string" ? [stop] : stop,
    ...extra,
  };
  // undefined is left out, never written as null.
  for (const key of Object.keys(tail)) if (tail[key] === undefined) delete tail[key];
  return { head: { model, max_tokens: maxTokens }, tail };
}
