import { type InputIssue, InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { charCount, metadataShapeIssues } from "../check-metadata.js";
import { OPENAI_METADATA_LIMITS } from "./openai-limits.js";

/** OpenAI's metadata rules: at most 16 pairs, keys up to 64 characters, values up to 512. */
export function checkOpenAIMetadata(metadata: unknown): void {
  if (metadata === undefined) return;
  const issues: InputIssue[] = metadataShapeIssues(metadata);
  // Not an object at all: nothing more to say about its pairs.
  if (issues[0]?.code === "invalid_metadata") throw new InvalidArgumentError(issues);
  const entries = Object.entries(metadata as Record<string, unknown>);
  const { maxPairs, maxKeyLength, maxValueLength } = OPENAI_METADATA_LIMITS;
  if (entries.length > maxPairs) {
    issues.push({
      code: "too_many_metadata_pairs",
      path: ["metadata"],
      message: `OpenAI accepts at most ${maxPairs} metadata pairs, got ${entries.length}`,
    });
  }
  for (const [key, value] of entries) {
    const keyLength = charCount(key, maxKeyLength);
    if (keyLength > maxKeyLength) {
      issues.push({
        code: "metadata_key_too_long",
        path: ["metadata", key.slice(0, 80)],
        message: `metadata keys are at most ${maxKeyLength} characters, this one has ${[...key].length}`,
      });
    }
    if (typeof value === "string" && charCount(value, maxValueLength) > maxValueLength) {
      issues.push({
        code: "metadata_value_too_long",
        path: ["metadata", key],
        message: `metadata values are at most ${maxValueLength} characters, this one has ${[...value].length}`,
      });
    }
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
}
