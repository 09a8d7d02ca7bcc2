import { type InputIssue, InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { GenerationParams } from "../providers/types.js";

type NumericRule = { key: keyof GenerationParams; min: number; max: number; integer?: boolean };

const RULES: NumericRule[] = [
  { key: "maxTokens", min: 1, max: Number.MAX_SAFE_INTEGER, integer: true },
  { key: "temperature", min: 0, max: 2 },
  { key: "topP", min: 0, max: 1 },
  { key: "seed", min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, integer: true },
  { key: "presencePenalty", min: -2, max: 2 },
  { key: "frequencyPenalty", min: -2, max: 2 },
];

/** Checks the provider-neutral parameters; the error names the option and the allowed range. */
export function validateGenerationParams(params: GenerationParams): void {
  const issues: InputIssue[] = [];
  for (const rule of RULES) {
    const value = params[rule.key];
    if (value === undefined) continue;
    const ok =
      typeof value === "number" &&
      Number.isFinite(value) &&
      value >= rule.min &&
      value <= rule.max &&
      (!rule.integer || Number.isInteger(value));
    if (!ok) {
      const range =
        rule.max === Number.MAX_SAFE_INTEGER
          ? `>= ${rule.min}`
          : `between ${rule.min} and ${rule.max}`;
      issues.push({
        code: "invalid_parameter",
        path: [rule.key],
        message: `must be ${rule.integer ? "an integer" : "a number"} ${range}, got ${JSON.stringify(value) ?? String(value)}`,
      });
    }
  }
  const stop = params.stop;
  if (
    stop !== undefined &&
    typeof stop !== "string" &&
    !(Array.isArray(stop) && stop.every((s) => typeof s === "string"))
  ) {
    issues.push({
      code: "invalid_parameter",
      path: ["stop"],
      message: "must be a string or an array of strings",
    });
  }
  const po = params.providerOptions;
  if (po !== undefined) {
    if (typeof po !== "object" || po === null || Array.isArray(po)) {
      issues.push({
        code: "invalid_parameter",
        path: ["providerOptions"],
        message: "must be an object keyed by provider",
      });
    } else {
      for (const [key, value] of Object.entries(po)) {
        if (!["openai", "anthropic", "google"].includes(key)) {
          issues.push({
            code: "invalid_parameter",
            path: ["providerOptions", key],
            message: 'unknown provider (expected "openai", "anthropic" or "google")',
          });
        } else if (typeof value !== "object" || value === null || Array.isArray(value)) {
          issues.push({
            code: "invalid_parameter",
            path: ["providerOptions", key],
            message: "must be an object of request body fields",
          });
        }
      }
    }
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
}
