import { findModel } from "../../models/find-model.js";
import type { ModelCapabilities } from "../../models/model-capabilities.js";
import { field } from "./wire.js";

/*
 * What a Gemini model refuses in `generationConfig`, per the model catalog (src/models), checked
 * per request while the batch runs. A model the catalog does not know is accepted as it is.
 * Wordings, as users have reported them from the Gemini API (GitHub issues):
 * - "Budget 0 is invalid. This model only works in thinking mode." (2.5 Pro, budget 0)
 * - "The thinking budget (52428) is invalid." (a budget out of range)
 * - "Thinking level is not supported for this model." (thinkingLevel on 2.5)
 * - "Thinking level MINIMAL is not supported for this model." (a level the model lacks)
 * - "You can only set only one of thinking budget and thinking level." (both)
 * - "thinking_config is not supported." (2.0 Flash with a thinking budget or level)
 * - "Thinking is not enabled for models/<model>" (includeThoughts alone on a model without it)
 * The maxOutputTokens one is Vertex AI's wording ("Unable to submit request because it has a
 * maxOutputTokens value of ..."); the Gemini API's own is not on record.
 */

/** The thinking settings of a request, read in either spelling. */
export interface ThinkingSettings {
  /** `thinkingConfig` was given at all. */
  given: boolean;
  budget: number | undefined;
  /** Upper-case level name (`"LOW"`), as the API's enum spells it; it also takes lower case. */
  level: string | undefined;
  includeThoughts: boolean;
}

export function thinkingSettings(config: unknown): ThinkingSettings {
  const thinking = field(config, "thinkingConfig");
  const budget = field(thinking, "thinkingBudget");
  const level = field(thinking, "thinkingLevel");
  return {
    given: thinking !== undefined && thinking !== null,
    budget: typeof budget === "number" ? budget : undefined,
    level:
      typeof level === "string" && level !== "THINKING_LEVEL_UNSPECIFIED"
        ? level.toUpperCase()
        : undefined,
    includeThoughts: field(thinking, "includeThoughts") === true,
  };
}

function thinkingProblem(
  caps: ModelCapabilities,
  model: string,
  thinking: ThinkingSettings,
): string | undefined {
  const { budget, level } = thinking;
  const control = caps.reasoning;
  if (control.kind === "none") {
    if (budget !== undefined || level !== undefined) return "thinking_config is not supported.";
    if (thinking.includeThoughts) return `Thinking is not enabled for models/${model}`;
    return undefined;
  }
  if (budget !== undefined && level !== undefined) {
    return "You can only set only one of thinking budget and thinking level.";
  }
  if (level !== undefined) {
    if (control.kind !== "effort") return "Thinking level is not supported for this model.";
    const known = control.efforts?.map((e) => e.toUpperCase());
    if (known && !known.includes(level)) {
      return `Thinking level ${level} is not supported for this model.`;
    }
    return undefined;
  }
  // Gemini 3 still takes a budget (kept for older clients); only 2.5's ranges are known.
  if (budget === undefined || budget === -1 || control.kind !== "budget") return undefined;
  if (budget === 0) {
    return control.canDisable
      ? undefined
      : "Budget 0 is invalid. This model only works in thinking mode.";
  }
  const max = control.max ?? Number.POSITIVE_INFINITY;
  if (!Number.isInteger(budget) || budget < control.min || budget > max) {
    return `The thinking budget (${budget}) is invalid.`;
  }
  return undefined;
}

/** Why the model would refuse this `generationConfig`, or `undefined`. */
export function generationConfigProblem(model: string, config: unknown): string | undefined {
  const caps = findModel("google", model);
  if (caps === undefined) return undefined;
  const raw = field(config, "maxOutputTokens");
  // int32 fields may come as JSON strings, as the API's JSON mapping allows.
  const max = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof max === "number" && caps.maxOutputTokens !== undefined && max > caps.maxOutputTokens) {
    return `Unable to submit request because it has a maxOutputTokens value of ${max} but the supported range is from 1 (inclusive) to ${caps.maxOutputTokens + 1} (exclusive). Update the value and try again.`;
  }
  return thinkingProblem(caps, model, thinkingSettings(config));
}

/**
 * How many thinking tokens the emulated model may report on this request: `undefined` when it
 * does not think (a family without thinking, a budget of 0, a model the catalog does not know),
 * else the budget when one was set (Infinity without one).
 */
export function thinkingCap(model: string, thinking: ThinkingSettings): number | undefined {
  const caps = findModel("google", model);
  if (caps === undefined || caps.reasoning.kind === "none" || thinking.budget === 0) {
    return undefined;
  }
  return thinking.budget !== undefined && thinking.budget > 0
    ? thinking.budget
    : Number.POSITIVE_INFINITY;
}
