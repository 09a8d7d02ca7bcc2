import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import type { ReasoningParams } from "../types.js";

/**
 * The neutral `reasoning` setting as Gemini's `generationConfig.thinkingConfig`:
 * `budgetTokens` -> `thinkingBudget` (Gemini 2.5; 0 turns thinking off where the model allows),
 * `effort` -> `thinkingLevel` in the API's enum spelling (`"low"` -> `"LOW"`, Gemini 3). Whether
 * the model takes it was checked before (`applyModelRules`); for a model the catalog does not
 * know, both are sent as given and the API decides.
 *
 * A `thinkingConfig` also given through `providerOptions.google` is refused rather than merged:
 * which of the two the caller meant cannot be told, and Gemini refuses a budget and a level
 * together ("You can only set only one of thinking budget and thinking level.").
 */
export function geminiThinkingConfig(
  reasoning: ReasoningParams | undefined,
  providerOptions: Record<string, unknown>,
): Record<string, unknown> | undefined {
  if (reasoning === undefined) return undefined;
  const { effort, budgetTokens } = reasoning;
  if (effort === undefined && budgetTokens === undefined) return undefined;
  const option = ["thinkingConfig", "thinking_config"].find((key) => key in providerOptions);
  if (option !== undefined) {
    throw new InvalidArgumentError([
      {
        code: "incompatible_parameter",
        path: ["providerOptions", "google", option],
        message: `set either reasoning or providerOptions.google.${option}, not both (reasoning is sent as thinkingConfig)`,
      },
    ]);
  }
  if (effort !== undefined && budgetTokens !== undefined) {
    throw new InvalidArgumentError([
      {
        code: "incompatible_parameter",
        path: ["reasoning"],
        message:
          "Gemini takes a thinking budget (2.5) or a thinking level (3), not both: set reasoning.budgetTokens or reasoning.effort",
      },
    ]);
  }
  if (budgetTokens !== undefined) return { thinkingBudget: budgetTokens };
  return { thinkingLevel: (effort as string).toUpperCase() };
}
