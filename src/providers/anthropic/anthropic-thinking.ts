import type { InputIssue } from "../../errors/invalid-argument-error.js";
import type { GenerationParams } from "../types.js";

/** How structured output travels: forced tool use, or `output_config.format` (native). */
export type AnthropicStructuredOutput = "tool" | "native";

/** Anthropic's floor for `thinking.budget_tokens` (ThinkingConfigEnabled, SDK 1.x). */
export const MIN_THINKING_BUDGET = 1024;

/** The exact message the Messages API answers thinking + forced tool use with. */
export const THINKING_WITH_FORCED_TOOL =
  "Thinking may not be enabled when tool_choice forces tool use.";

const CHOOSE_NATIVE =
  'create the processor with { anthropic: { structuredOutput: "native" } } to combine thinking with structured output';

interface ThinkingInput {
  params: GenerationParams;
  /** `thinking` given through providerOptions.anthropic, sent as it is when allowed. */
  extraThinking: unknown;
  maxTokens: number;
  /** Which path `maxTokens` came from, to name it in messages. */
  maxTokensPath: (string | number)[];
  mode: AnthropicStructuredOutput;
}

function budgetOf(thinking: unknown): number | undefined {
  if (typeof thinking !== "object" || thinking === null) return undefined;
  const { type, budget_tokens: budget } = thinking as Record<string, unknown>;
  return type === "enabled" && typeof budget === "number" ? budget : undefined;
}

function isThinkingOn(thinking: unknown): boolean {
  if (typeof thinking !== "object" || thinking === null) return thinking != null;
  return (thinking as { type?: unknown }).type !== "disabled";
}

/**
 * The `thinking` field for one processor's requests, from `reasoning.budgetTokens` (0: thinking
 * off, sent as `{type: "disabled"}`) or as given in providerOptions. Pushes an issue for what
 * the API would refuse: thinking with forced tool use, a budget under 1024 or not below
 * max_tokens (the range itself is the model rules' check; these need max_tokens and the mode).
 */
export function anthropicThinking(input: ThinkingInput, issues: InputIssue[]): unknown {
  const { params, extraThinking, maxTokens, maxTokensPath, mode } = input;
  const budget = params.reasoning?.budgetTokens;
  if (extraThinking != null && budget !== undefined) {
    issues.push({
      code: "incompatible_parameter",
      path: ["providerOptions", "anthropic", "thinking"],
      message: "set thinking once: reasoning.budgetTokens or providerOptions.anthropic.thinking",
    });
    return undefined;
  }
  const fromOptions = extraThinking != null;
  const thinking =
    extraThinking ??
    (budget === undefined
      ? undefined
      : budget === 0
        ? { type: "disabled" }
        : { type: "enabled", budget_tokens: budget });
  const path = fromOptions ? ["providerOptions", "anthropic", "thinking"] : ["reasoning"];
  if (thinking === undefined || !isThinkingOn(thinking)) return thinking;
  if (mode === "tool") {
    issues.push({
      code: "incompatible_parameter",
      path,
      message: `extended thinking cannot be combined with the forced tool use of structuredOutput "tool" (Anthropic answers "${THINKING_WITH_FORCED_TOOL}"): ${CHOOSE_NATIVE}`,
    });
    return undefined;
  }
  const wireBudget = budgetOf(thinking);
  if (wireBudget === undefined) return thinking;
  const budgetPath = fromOptions ? [...path, "budget_tokens"] : ["reasoning", "budgetTokens"];
  if (fromOptions && !(Number.isSafeInteger(wireBudget) && wireBudget >= MIN_THINKING_BUDGET)) {
    issues.push({
      code: "invalid_parameter",
      path: budgetPath,
      message: `Anthropic takes a thinking budget of at least ${MIN_THINKING_BUDGET} tokens, got ${wireBudget}`,
    });
  } else if (wireBudget >= maxTokens) {
    issues.push({
      code: "incompatible_parameter",
      path: budgetPath,
      message: `the thinking budget (${wireBudget} tokens) must be less than max_tokens (${maxTokens}, from ${maxTokensPath.join(".")}): thinking counts toward max_tokens, so raise max_tokens above the budget plus room for the answer`,
    });
  }
  return thinking;
}
