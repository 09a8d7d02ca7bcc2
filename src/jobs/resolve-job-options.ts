import { type InputIssue, InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { validateGenerationParams } from "../processor/validate-generation-params.js";
import type { GenerationParams } from "../providers/types.js";
import { type BatchErrorType, BATCH_ERROR_TYPES as ERROR_TYPES } from "../results/types.js";
import type { JobGenerationParams, JobOptions } from "./job-options.js";
import { DEFAULT_RETRY_ON } from "./retry-policy.js";

export interface ResolvedJobOptions {
  params: JobGenerationParams;
  maxRetries: number;
  retryOn: readonly BatchErrorType[];
  retryOnIsDefault: boolean;
  batchSize: number;
  maxActiveBatches: number;
  pollIntervalMs: number;
  leaseMs: number;
}

/** Checks `openJob`'s options and fills in the defaults; every problem is reported at once. */
export function resolveJobOptions(options: JobOptions<unknown, never>): ResolvedJobOptions {
  const issues: InputIssue[] = [];
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError([
      { code: "invalid_options", path: [], message: "openJob takes an options object" },
    ]);
  }
  if (typeof options.name !== "string" || options.name.trim() === "" || options.name.length > 200) {
    issues.push({
      code: "invalid_job_name",
      path: ["name"],
      message: "must be a non-empty string of at most 200 characters",
    });
  }
  if (
    options.promptVersion !== undefined &&
    (typeof options.promptVersion !== "string" || options.promptVersion.length > 200)
  ) {
    issues.push({
      code: "invalid_option",
      path: ["promptVersion"],
      message: "must be a string of at most 200 characters",
    });
  }
  if (typeof options.prompt !== "function") {
    issues.push({
      code: "invalid_prompt",
      path: ["prompt"],
      message: "must be a function from a row to a conversation",
    });
  }
  const int = (
    key: keyof JobOptions<unknown, never>,
    min: number,
    max: number,
    fallback: number,
  ) => {
    const value = options[key];
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      issues.push({
        code: "invalid_option",
        path: [key],
        message: `must be an integer from ${min} to ${max}`,
      });
      return fallback;
    }
    return value;
  };
  const resolved: ResolvedJobOptions = {
    params: options.params ?? {},
    maxRetries: int("maxRetries", 0, 100, 2),
    batchSize: int("batchSize", 1, 1_000_000, 10_000),
    maxActiveBatches: int("maxActiveBatches", 1, 10_000, 20),
    pollIntervalMs: int("pollIntervalMs", 0, 86_400_000, 30_000),
    leaseMs: int("leaseMs", 200, 86_400_000, 120_000),
    retryOn: DEFAULT_RETRY_ON,
    retryOnIsDefault: options.retryOn === undefined,
  };
  if (options.retryOn !== undefined) {
    if (!Array.isArray(options.retryOn) || options.retryOn.some((t) => !ERROR_TYPES.includes(t))) {
      issues.push({
        code: "invalid_option",
        path: ["retryOn"],
        message: `must be a list of error types: ${ERROR_TYPES.join(", ")}`,
      });
    } else resolved.retryOn = [...new Set(options.retryOn)];
  }
  if (options.price !== undefined) {
    const p = options.price as { inputPerMillion?: unknown; outputPerMillion?: unknown };
    for (const k of ["inputPerMillion", "outputPerMillion"] as const) {
      if (typeof p?.[k] !== "number" || !Number.isFinite(p[k] as number) || (p[k] as number) < 0) {
        issues.push({
          code: "invalid_option",
          path: ["price", k],
          message: "must be a non-negative number",
        });
      }
    }
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
  const params = resolved.params as Record<string, unknown>;
  for (const key of ["filePath", "customIds", "stream"]) {
    if (params[key] !== undefined) {
      throw new InvalidArgumentError([
        {
          code: "invalid_option",
          path: ["params", key],
          message: "is set by the job, not in params",
        },
      ]);
    }
  }
  validateGenerationParams(resolved.params as GenerationParams);
  return resolved;
}
