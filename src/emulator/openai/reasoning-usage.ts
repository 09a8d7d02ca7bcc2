import { findModel } from "../../models/find-model.js";
import { isObject } from "../message-text.js";

// Thinking tokens the emulator bills a reasoning model per request, by effort. Real figures vary
// with the question; these are fixed so that tests can assert them, and grow with the effort
// as the real ones do. "medium" is the API's default.
const BY_EFFORT: Record<string, number> = {
  none: 0,
  minimal: 0,
  low: 32,
  medium: 128,
  high: 512,
  xhigh: 1024,
};

/**
 * The reasoning tokens of one emulated request: 0 for a model the catalog does not know as a
 * reasoning model, else a fixed figure for the request's effort (`reasoning_effort` on chat,
 * `reasoning.effort` on the Responses API). They are part of the output tokens, as on the API.
 */
export function emulatedReasoningTokens(model: string, body: Record<string, unknown>): number {
  const caps = findModel("openai", model);
  if (caps === undefined || !caps.rejects.includes("temperature")) return 0;
  const effort = isObject(body.reasoning) ? body.reasoning.effort : body.reasoning_effort;
  return BY_EFFORT[typeof effort === "string" ? effort : "medium"] ?? BY_EFFORT.medium!;
}
