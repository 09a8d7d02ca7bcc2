import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { SchemaValidationResult } from "./types.js";

export type ValidationIssue = { message: string; path: (string | number)[] };

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

function flattenSegment(segment: unknown): string | number {
  // Standard Schema allows `{ key }` segments (Valibot uses them) as well as bare keys.
  const key =
    typeof segment === "object" && segment !== null && "key" in segment
      ? (segment as { key: unknown }).key
      : segment;
  if (typeof key === "number" || typeof key === "string") return key;
  if (typeof key === "symbol") return key.description ?? key.toString();
  return String(key);
}

export function flattenPath(path: unknown): (string | number)[] {
  if (!Array.isArray(path)) return [];
  // Array.from, not .map: libraries subclass Array (ArkType), and .map would keep the subclass.
  return Array.from(path, flattenSegment);
}

function toIssue(raw: unknown): ValidationIssue {
  if (typeof raw === "object" && raw !== null) {
    const { message, path } = raw as { message?: unknown; path?: unknown };
    return {
      message: typeof message === "string" ? message : String(message),
      path: flattenPath(path),
    };
  }
  return { message: String(raw), path: [] };
}

export function fromStandardResult<T>(
  result: StandardSchemaV1.Result<T>,
): SchemaValidationResult<T> {
  if (result.issues) {
    const issues = Array.from(result.issues, toIssue);
    // A failure with no issue would read as "failed for no reason" downstream.
    return {
      issues: issues.length > 0 ? issues : [{ message: "validation failed", path: [] }],
    };
  }
  return result as SchemaValidationResult<T>;
}

/** A custom validator threw (or rejected): keep its `issues` when it carries them. */
export function failureFromThrown(error: unknown): { issues: ValidationIssue[] } {
  const issues = (error as { issues?: unknown } | null | undefined)?.issues;
  if (Array.isArray(issues) && issues.length > 0) {
    return { issues: Array.from(issues, toIssue) };
  }
  const message =
    error instanceof Error ? error.message : typeof error === "string" ? error : String(error);
  return { issues: [{ message: message || "validation failed", path: [] }] };
}
