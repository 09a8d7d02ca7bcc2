import type { InputIssue } from "../errors/invalid-argument-error.js";

/**
 * Characters as the providers count them (code points): an emoji is one, not two UTF-16 units.
 * Stops counting past `max`, so a huge value costs no more than the limit.
 */
export function charCount(text: string, max: number): number {
  let n = 0;
  for (const _ of text) if (++n > max) break;
  return n;
}

/**
 * `metadata` must be a plain object of string values on every provider, whatever each then
 * keeps of it: an array, a number or a nested object is a mistake to report, not to drop.
 */
export function metadataShapeIssues(metadata: unknown): InputIssue[] {
  if (metadata === undefined) return [];
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    return [
      {
        code: "invalid_metadata",
        path: ["metadata"],
        message: `must be an object of string values, got ${Array.isArray(metadata) ? "an array" : metadata === null ? "null" : typeof metadata}`,
      },
    ];
  }
  const issues: InputIssue[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== "string") {
      issues.push({
        code: "invalid_metadata_value",
        path: ["metadata", key],
        message: `metadata values must be strings, got ${value === null ? "null" : typeof value}`,
      });
    }
  }
  return issues;
}
