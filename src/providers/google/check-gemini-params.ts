import { type InputIssue, InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import type { GenerationParams } from "../types.js";
import { GEMINI_INT32_MAX, GEMINI_INT32_MIN, GEMINI_MAX_STOP_SEQUENCES } from "./google-limits.js";

/**
 * What Gemini refuses in parameters the neutral checks let through: more than five stop
 * sequences, and `seed` / `maxOutputTokens` outside int32 (each request would fail with
 * INVALID_ARGUMENT when the batch runs).
 */
export function checkGeminiParams(params: GenerationParams, stop: string[] | undefined): void {
  const issues: InputIssue[] = [];
  if (stop !== undefined && stop.length > GEMINI_MAX_STOP_SEQUENCES) {
    issues.push({
      code: "invalid_parameter",
      path: ["stop"],
      message: `Gemini takes at most ${GEMINI_MAX_STOP_SEQUENCES} stop sequences, got ${stop.length}`,
    });
  }
  for (const key of ["seed", "maxTokens"] as const) {
    const value = params[key];
    if (value !== undefined && (value > GEMINI_INT32_MAX || value < GEMINI_INT32_MIN)) {
      issues.push({
        code: "invalid_parameter",
        path: [key],
        message: `Gemini takes a 32-bit integer (at most ${GEMINI_INT32_MAX}), got ${value}`,
      });
    }
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
}
