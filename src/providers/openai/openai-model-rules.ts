import { type InputIssue, InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { applyModelRules } from "../../models/apply-model-rules.js";
import type { ModelCapabilities } from "../../models/model-capabilities.js";
import type { GenerationParams } from "../types.js";
import { OPENAI_CHAT_ENDPOINT, type OpenAIEndpoint } from "./openai-limits.js";

// Neutral names of the sampling parameters and their wire names (the same on both endpoints).
const WIRE: Record<string, string> = {
  temperature: "temperature",
  topP: "top_p",
  presencePenalty: "presence_penalty",
  frequencyPenalty: "frequency_penalty",
  seed: "seed",
};

/** A reasoning family: one that refuses the sampling parameters and takes max_completion_tokens. */
export function isReasoningFamily(caps: ModelCapabilities | undefined): boolean {
  return caps?.rejects.includes("temperature") === true;
}

function refusals(
  model: string,
  caps: ModelCapabilities | undefined,
  given: GenerationParams,
  endpoint: OpenAIEndpoint,
): InputIssue[] {
  const extra = given.providerOptions?.openai ?? {};
  const issues: InputIssue[] = [];
  // The catalog checks this for the models it knows; OpenAI has no token budget on any model.
  if (caps === undefined && given.reasoning?.budgetTokens !== undefined) {
    issues.push({
      code: "unsupported_parameter",
      path: ["reasoning", "budgetTokens"],
      message: `OpenAI models take a reasoning effort (reasoning: { effort }), not a token budget`,
    });
  }
  if (endpoint === OPENAI_CHAT_ENDPOINT) {
    if (caps?.endpoints !== undefined && !caps.endpoints.includes("chat")) {
      issues.push({
        code: "unsupported_endpoint",
        path: ["model"],
        message: `${model} (${caps.family}) is served on the Responses API only, not on chat completions: create the processor with { openai: { endpoint: "/v1/responses" } } (CLI: --openai-endpoint responses)`,
      });
    }
    if (extra.max_tokens !== undefined && isReasoningFamily(caps)) {
      issues.push({
        code: "unsupported_parameter",
        path: ["providerOptions", "openai", "max_tokens"],
        message: `${model} (${caps!.family}) refuses max_tokens: use maxTokens, which is sent as max_completion_tokens`,
      });
    }
    return issues;
  }
  if (caps?.endpoints !== undefined && !caps.endpoints.includes("responses")) {
    issues.push({
      code: "unsupported_endpoint",
      path: ["model"],
      message: `${model} (${caps.family}) is not served on the Responses API: use chat completions (the default endpoint)`,
    });
  }
  // The Responses API has one output limit, max_output_tokens, on every model.
  for (const key of ["max_tokens", "max_completion_tokens"]) {
    if (extra[key] === undefined) continue;
    issues.push({
      code: "unsupported_parameter",
      path: ["providerOptions", "openai", key],
      message: `the Responses API refuses ${key}: use maxTokens, which is sent as max_output_tokens`,
    });
  }
  return issues;
}

/**
 * The catalog's rules for one OpenAI model (see applyModelRules), before any line is written:
 * sampling parameters a reasoning model refuses are left out with a warning, except 1 for
 * temperature/top_p (the only value they take) and a value also given through
 * providerOptions.openai (sent as given); an output limit above the model's ceiling, a
 * reasoning setting the model cannot take, `max_tokens` to a reasoning model and a
 * Responses-only model on chat completions are refused.
 */
export function openAIModelParams(
  model: string,
  given: GenerationParams,
  extra: Record<string, unknown>,
  endpoint: OpenAIEndpoint,
  warn: (message: string) => void,
): GenerationParams {
  const keep = (key: string) =>
    extra[WIRE[key] ?? key] !== undefined ||
    ((key === "temperature" || key === "topP") && given[key] === 1);
  const warnings: string[] = [];
  const { params, capabilities } = applyModelRules(
    "openai",
    model,
    given,
    (m) => warnings.push(m),
    keep,
  );
  const issues = refusals(model, capabilities, given, endpoint);
  if (issues.length > 0) throw new InvalidArgumentError(issues);
  for (const message of warnings) {
    // A left-out parameter's warning starts with its name: say how to send it anyway.
    const key = Object.keys(WIRE).find((k) => message.startsWith(`${k} is not sent to `));
    const value = key === undefined ? undefined : given[key as keyof GenerationParams];
    warn(
      key === undefined
        ? message
        : `${message} To send it anyway, use providerOptions: { openai: { ${WIRE[key]}: ${JSON.stringify(value)} } }.`,
    );
  }
  return params;
}
