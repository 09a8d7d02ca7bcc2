import { type InputIssue, InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { GenerationParams } from "../providers/types.js";
import { pushUnknownKeyIssues } from "../util/unknown-keys.js";

type NumericRule = { key: keyof GenerationParams; min: number; max: number; integer?: boolean };

const RULES: NumericRule[] = [
  { key: "maxTokens", min: 1, max: Number.MAX_SAFE_INTEGER, integer: true },
  { key: "temperature", min: 0, max: 2 },
  { key: "topP", min: 0, max: 1 },
  { key: "seed", min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, integer: true },
  { key: "presencePenalty", min: -2, max: 2 },
  { key: "frequencyPenalty", min: -2, max: 2 },
];

// The options of createBatchFromMessages besides the parameters (taken out before this check).
const OTHER_OPTIONS = ["filePath", "customIds", "stream"];
const KNOWN = new Set<string>([
  ...RULES.map((r) => r.key),
  "stop",
  "reasoning",
  "providerOptions",
  ...OTHER_OPTIONS,
]);

/**
 * An option nobody reads would be dropped without a word: `max_tokens` (the wire name, as in
 * Instructor) for `maxTokens` would send no limit at all. So it is refused, with the real name.
 */
function checkUnknownOptions(params: GenerationParams, issues: InputIssue[]): void {
  pushUnknownKeyIssues(
    params as Record<string, unknown>,
    KNOWN,
    [],
    "unknown_option",
    (_, near) =>
      `is not an option of createBatchFromMessages${near ? `; did you mean "${near}"?` : ""} (provider fields go in providerOptions)`,
    issues,
  );
}

/** One string or a list of strings, none empty (a provider refuses an empty stop sequence). */
function checkStop(stop: unknown, issues: InputIssue[]): void {
  if (stop === undefined) return;
  if (
    typeof stop !== "string" &&
    !(Array.isArray(stop) && stop.every((s) => typeof s === "string"))
  ) {
    issues.push({
      code: "invalid_parameter",
      path: ["stop"],
      message: "must be a string or an array of strings",
    });
    return;
  }
  const list: string[] = typeof stop === "string" ? [stop] : stop;
  list.forEach((sequence, i) => {
    if (sequence === "") {
      issues.push({
        code: "invalid_parameter",
        path: typeof stop === "string" ? ["stop"] : ["stop", i],
        message: "a stop sequence must not be empty",
      });
    }
  });
}

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
  checkStop(params.stop, issues);
  checkUnknownOptions(params, issues);
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
        if (!["openai", "anthropic", "google", "mistral", "vertex"].includes(key)) {
          issues.push({
            code: "invalid_parameter",
            path: ["providerOptions", key],
            message:
              'unknown provider (expected "openai", "anthropic", "google", "mistral" or "vertex")',
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
