import { type InputIssue, InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { GenerationParams, ProviderId } from "../providers/types.js";
import { findModel } from "./find-model.js";
import type { ModelCapabilities } from "./model-capabilities.js";
import { MODEL_CATALOG_AS_OF } from "./model-catalog.js";

/** What `applyModelRules` leaves to the provider: the params to send and the model's family. */
export interface ModelRulesOutcome {
  params: GenerationParams;
  capabilities: ModelCapabilities | undefined;
}

function checkReasoning(
  caps: ModelCapabilities,
  model: string,
  params: GenerationParams,
  issues: InputIssue[],
): void {
  const reasoning = params.reasoning;
  if (reasoning === undefined) return;
  const control = caps.reasoning;
  const refuse = (path: (string | number)[], message: string) =>
    issues.push({ code: "unsupported_parameter", path: ["reasoning", ...path], message });
  if (control.kind === "none") {
    refuse([], `${model} (${caps.family}) is not a reasoning model: it takes no reasoning setting`);
    return;
  }
  const { effort, budgetTokens } = reasoning;
  if (control.kind === "effort") {
    if (budgetTokens !== undefined) {
      refuse(
        ["budgetTokens"],
        `${model} (${caps.family}) takes a reasoning effort, not a token budget${control.efforts ? ` (${control.efforts.join(", ")})` : ""}`,
      );
    }
    if (effort !== undefined && control.efforts && !control.efforts.includes(effort)) {
      refuse(
        ["effort"],
        `${model} (${caps.family}) takes the efforts ${control.efforts.map((e) => `"${e}"`).join(", ")}, got ${JSON.stringify(effort)}`,
      );
    }
    return;
  }
  if (effort !== undefined) {
    refuse(
      ["effort"],
      `${model} (${caps.family}) takes a thinking budget in tokens (reasoning: { budgetTokens }), not an effort`,
    );
  }
  if (budgetTokens === undefined) return;
  if (budgetTokens === 0) {
    if (!control.canDisable) refuse(["budgetTokens"], `${model} cannot turn thinking off (0)`);
    return;
  }
  const max = control.max;
  if (budgetTokens < control.min || (max !== undefined && budgetTokens > max)) {
    refuse(
      ["budgetTokens"],
      `${model} takes a thinking budget from ${control.min}${max !== undefined ? ` to ${max}` : ""} tokens${control.canDisable ? " (or 0 for none)" : ""}, got ${budgetTokens}`,
    );
  }
}

function checkReasoningShape(params: GenerationParams, issues: InputIssue[]): void {
  const reasoning = params.reasoning as unknown;
  if (reasoning === undefined) return;
  if (typeof reasoning !== "object" || reasoning === null || Array.isArray(reasoning)) {
    issues.push({
      code: "invalid_parameter",
      path: ["reasoning"],
      message: "must be an object { effort?, budgetTokens? }",
    });
    return;
  }
  const { effort, budgetTokens, ...rest } = reasoning as Record<string, unknown>;
  if (effort !== undefined && (typeof effort !== "string" || effort === "")) {
    issues.push({
      code: "invalid_parameter",
      path: ["reasoning", "effort"],
      message: `must be a non-empty string such as "low", got ${JSON.stringify(effort) ?? String(effort)}`,
    });
  }
  if (
    budgetTokens !== undefined &&
    !(Number.isSafeInteger(budgetTokens) && (budgetTokens as number) >= 0)
  ) {
    issues.push({
      code: "invalid_parameter",
      path: ["reasoning", "budgetTokens"],
      message: `must be an integer >= 0, got ${JSON.stringify(budgetTokens) ?? String(budgetTokens)}`,
    });
  }
  for (const key of Object.keys(rest)) {
    issues.push({
      code: "unknown_option",
      path: ["reasoning", key],
      message: `is not a reasoning setting (expected effort or budgetTokens)`,
    });
  }
}

/**
 * The catalog's rules, applied the same way on every provider before a line is written:
 * - a sampling parameter the model refuses is left out with a warning (sending it would fail
 *   every request; leaving it out keeps the meaning of an extraction);
 * - `maxTokens` above the model's ceiling, and a `reasoning` setting the model cannot take, are
 *   refused (leaving them out would change what the caller asked for);
 * - a model the catalog does not know passes through with one warning.
 * `keep` names parameters the caller also set through providerOptions (sent as given).
 */
export function applyModelRules(
  provider: ProviderId,
  model: string,
  params: GenerationParams,
  warn: (message: string) => void,
  keep: (param: string) => boolean = () => false,
): ModelRulesOutcome {
  const issues: InputIssue[] = [];
  checkReasoningShape(params, issues);
  if (issues.length > 0) throw new InvalidArgumentError(issues);
  const caps = findModel(provider, model);
  if (caps === undefined) {
    warn(
      `${model} is not in structured-batch's model catalog (as of ${MODEL_CATALOG_AS_OF}): its parameters are sent unchecked, so one the model refuses fails each request when the batch runs.`,
    );
    return { params, capabilities: undefined };
  }
  const kept: GenerationParams = { ...params };
  for (const key of caps.rejects) {
    const value = params[key];
    if (value === undefined || keep(key)) continue;
    delete kept[key];
    warn(
      `${key} is not sent to ${model}: ${caps.family} models refuse it, so every request would fail.`,
    );
  }
  if (
    params.maxTokens !== undefined &&
    caps.maxOutputTokens !== undefined &&
    params.maxTokens > caps.maxOutputTokens
  ) {
    issues.push({
      code: "max_tokens_above_model_limit",
      path: ["maxTokens"],
      message: `${model} (${caps.family}) writes at most ${caps.maxOutputTokens} output tokens per request, got maxTokens ${params.maxTokens}`,
    });
  }
  checkReasoning(caps, model, params, issues);
  if (issues.length > 0) throw new InvalidArgumentError(issues);
  return { params: kept, capabilities: caps };
}
