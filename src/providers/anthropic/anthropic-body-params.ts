import { type InputIssue, InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import type { GenerationParams, PreparedOutputSchema } from "../types.js";
import { ANTHROPIC_DEFAULT_MAX_TOKENS } from "./anthropic-limits.js";

// Fields the library owns: letting providerOptions override them would break result parsing.
const RESERVED = new Set(["model", "messages", "system", "tools", "tool_choice", "stream"]);

// The installed SDK (>= 1.0) speaks API version 2026-10-21, whose request type has no sampling
// parameters (reported: the API rejects them). A request that fails hours later costs more than
// one left out now, so they are dropped with a warning; older API versions can still take them.
const REJECTED_BY_API_VERSION: [keyof GenerationParams, string][] = [
  ["temperature", "temperature"],
  ["topP", "top_p"],
];
// Anthropic's ranges for the sampling fields a caller may send through providerOptions.
const SAMPLING_RANGES: [key: string, max: number, integer: boolean][] = [
  ["temperature", 1, false],
  ["top_p", 1, false],
  ["top_k", Number.MAX_SAFE_INTEGER, true],
];
// Anthropic's Messages API has never had these.
const NOT_IN_API: (keyof GenerationParams)[] = ["seed", "presencePenalty", "frequencyPenalty"];

const DEFAULT_TOOL_DESCRIPTION =
  "Give the answer by calling this tool: its input is the result, exactly as the schema describes it.";

/** The params of one request other than system and messages, split around them. */
export interface AnthropicBodyParams {
  /** `model` and `max_tokens`, written before the messages. */
  head: { model: string; max_tokens: number };
  /** `tools`, `tool_choice`, `stop_sequences` and providerOptions, written after them. */
  tail: Record<string, unknown>;
}

function checkProviderOptions(extra: Record<string, unknown>): void {
  for (const key of Object.keys(extra)) {
    if (RESERVED.has(key)) {
      throw new InvalidArgumentError([
        {
          code: "reserved_parameter",
          path: ["providerOptions", "anthropic", key],
          message: `"${key}" is set by structured-batch and cannot be overridden`,
        },
      ]);
    }
  }
  const thinking = extra.thinking as { type?: unknown } | undefined;
  if (thinking != null && thinking.type !== "disabled") {
    throw new InvalidArgumentError([
      {
        code: "incompatible_parameter",
        path: ["providerOptions", "anthropic", "thinking"],
        message:
          "extended thinking cannot be combined with the forced tool use that structured-batch relies on for structured output (Anthropic rejects such requests)",
      },
    ]);
  }
}

/**
 * What Anthropic refuses that the neutral checks let through: a stop sequence of only
 * whitespace ("each stop sequence must contain non-whitespace"), and, given through
 * providerOptions, a `max_tokens` that is not a positive integer or a sampling field out of range.
 */
function checkAnthropicParams(
  params: GenerationParams,
  extra: Record<string, unknown>,
  extraMaxTokens: unknown,
): void {
  const issues: InputIssue[] = [];
  const stop = typeof params.stop === "string" ? [params.stop] : (params.stop ?? []);
  stop.forEach((sequence, i) => {
    if (sequence.trim() === "") {
      issues.push({
        code: "invalid_parameter",
        path: typeof params.stop === "string" ? ["stop"] : ["stop", i],
        message: `Anthropic refuses a stop sequence of only whitespace, got ${JSON.stringify(sequence)}`,
      });
    }
  });
  // Sent as given through providerOptions, so checked against Anthropic's own ranges
  // (temperature is 0 to 1 there, not 0 to 2 as on OpenAI and Gemini).
  for (const [key, max, integer] of SAMPLING_RANGES) {
    const value = extra[key];
    if (value === undefined) continue;
    const ok =
      typeof value === "number" &&
      Number.isFinite(value) &&
      value >= 0 &&
      value <= max &&
      (!integer || Number.isInteger(value));
    if (!ok) {
      issues.push({
        code: "invalid_parameter",
        path: ["providerOptions", "anthropic", key],
        message: `Anthropic takes ${integer ? "an integer >= 0" : `a number from 0 to ${max}`}, got ${JSON.stringify(value) ?? String(value)}`,
      });
    }
  }
  if (
    extraMaxTokens !== undefined &&
    !(Number.isSafeInteger(extraMaxTokens) && (extraMaxTokens as number) >= 1)
  ) {
    issues.push({
      code: "invalid_parameter",
      path: ["providerOptions", "anthropic", "max_tokens"],
      message: `must be an integer >= 1, got ${JSON.stringify(extraMaxTokens) ?? String(extraMaxTokens)}`,
    });
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
}

function warnOmitted(
  params: GenerationParams,
  extra: Record<string, unknown>,
  warn: (message: string) => void,
): void {
  for (const [key, wire] of REJECTED_BY_API_VERSION) {
    const value = params[key];
    // Sent through providerOptions as well: the caller chose explicitly, nothing to report.
    if (value === undefined || extra[wire] !== undefined) continue;
    warn(
      `${key} is not sent to Anthropic: the Messages API version 2026-10-21 (used by @anthropic-ai/sdk >= 1.0) rejects it. If your client uses an older API version, send it anyway with providerOptions: { anthropic: { ${wire}: ${JSON.stringify(value)} } }.`,
    );
  }
  for (const key of NOT_IN_API) {
    if (params[key] === undefined) continue;
    warn(
      `${key} is not sent to Anthropic: its Messages API has no such parameter. Fields it does take can be sent with providerOptions: { anthropic: { ... } }.`,
    );
  }
}

/**
 * Maps the provider-neutral parameters and the prepared schema to Messages API fields. Structured
 * output uses forced tool use: one tool whose `input_schema` is the schema, and
 * `tool_choice: { type: "tool" }`. It works on every Claude model and API version, and the answer
 * arrives as already-parsed JSON in the `tool_use` block's `input`. The alternative,
 * `output_config.format` with a JSON schema (JSON in a text block), is newer: not every model,
 * API version and SDK in the supported peer range has it.
 */
export function anthropicBodyParams(
  model: string,
  output: PreparedOutputSchema<unknown>,
  params: GenerationParams,
  warn: (message: string) => void,
): AnthropicBodyParams {
  const { max_tokens: extraMaxTokens, ...extra } = params.providerOptions?.anthropic ?? {};
  checkProviderOptions(extra);
  warnOmitted(params, extra, warn);
  checkAnthropicParams(params, extra, extraMaxTokens);
  let maxTokens = (extraMaxTokens as number | undefined) ?? params.maxTokens;
  if (maxTokens === undefined) {
    maxTokens = ANTHROPIC_DEFAULT_MAX_TOKENS;
    warn(
      `maxTokens is not set: Anthropic requires max_tokens on every request, so ${ANTHROPIC_DEFAULT_MAX_TOKENS} is sent. Set maxTokens to choose the limit.`,
    );
  }
  const name = output.schema.name;
  const stop = params.stop;
  const tail: Record<string, unknown> = {
    tools: [
      {
        name,
        description: output.schema.description ?? DEFAULT_TOOL_DESCRIPTION,
        input_schema: output.wireSchema,
      },
    ],
    tool_choice: { type: "tool", name },
    stop_sequences: typeof stop === "string" ? [stop] : stop,
    ...extra,
  };
  // undefined is left out, never written as null.
  for (const key of Object.keys(tail)) if (tail[key] === undefined) delete tail[key];
  return { head: { model, max_tokens: maxTokens }, tail };
}
