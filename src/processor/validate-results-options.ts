import { BatchBuffer } from "../batch/batch-buffer.js";
import { type InputIssue, InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { type BatchErrorType, BATCH_ERROR_TYPES as ERROR_TYPES } from "../results/types.js";

/**
 * `customIds` and `buffer` name the submitted requests, so every absent one comes back as
 * `missing`: a string (whose characters would be taken as ids) or another object is refused.
 */
export function checkResultsOptions(options: { customIds?: unknown; buffer?: unknown }): void {
  const issues: InputIssue[] = [];
  const ids = options.customIds;
  if (ids !== undefined && !(Array.isArray(ids) && ids.every((id) => typeof id === "string"))) {
    issues.push({
      code: "invalid_custom_ids",
      path: ["customIds"],
      message: "must be an array of strings (the ids that were submitted)",
    });
  }
  if (options.buffer !== undefined && !(options.buffer instanceof BatchBuffer)) {
    issues.push({
      code: "invalid_buffer",
      path: ["buffer"],
      message: "must be the BatchBuffer that was submitted",
    });
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
}

/**
 * The error types `resubmitFailed` retries. A misspelt one (`"expird"`) would retry nothing and
 * say nothing, so every entry must be a known `errorType`.
 */
export function retryErrorTypes(given: unknown): Set<BatchErrorType> {
  if (given === undefined) return new Set(["expired", "missing", "provider_error"]);
  const list = Array.isArray(given) ? given : [given];
  const issues: InputIssue[] = [];
  list.forEach((type, i) => {
    if (!ERROR_TYPES.includes(type)) {
      issues.push({
        code: "invalid_error_type",
        path: Array.isArray(given) ? ["errorTypes", i] : ["errorTypes"],
        message: `${JSON.stringify(type) ?? String(type)} is not an error type (${ERROR_TYPES.join(", ")})`,
      });
    }
  });
  if (!Array.isArray(given) && issues.length === 0) {
    issues.push({ code: "invalid_error_type", path: ["errorTypes"], message: "must be an array" });
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
  return new Set(list as BatchErrorType[]);
}
