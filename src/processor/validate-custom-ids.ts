import { type InputIssue, InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { ProviderId, ProviderLimits } from "../providers/types.js";

const MAX_ISSUES = 50;

// Quoted as JSON, so a newline or a control character in an id shows as what it is.
function shown(id: string): string {
  return JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}...` : id);
}

/** `request-0`, `request-1`, ... in input order. */
export function defaultCustomIds(count: number): string[] {
  const ids = new Array<string>(count);
  for (let i = 0; i < count; i++) ids[i] = `request-${i}`;
  return ids;
}

/**
 * Checks user-given custom ids against the request count, each other and the provider's rules,
 * so a bad id fails here rather than in the provider's validation hours later.
 */
export function validateCustomIds(
  customIds: unknown,
  requestCount: number,
  provider: ProviderId,
  limits: ProviderLimits,
): string[] {
  if (!Array.isArray(customIds)) {
    throw new InvalidArgumentError([
      { code: "invalid_custom_ids", path: ["customIds"], message: "must be an array of strings" },
    ]);
  }
  if (customIds.length !== requestCount) {
    throw new InvalidArgumentError([
      {
        code: "custom_ids_count_mismatch",
        path: ["customIds"],
        message: `has ${customIds.length} ids for ${requestCount} conversations; give exactly one id per conversation`,
      },
    ]);
  }
  const issues: InputIssue[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < customIds.length && issues.length < MAX_ISSUES; i++) {
    const id = customIds[i];
    if (typeof id !== "string" || id === "") {
      issues.push({
        code: "invalid_custom_id",
        path: ["customIds", i],
        message: `must be a non-empty string, got ${JSON.stringify(id) ?? String(id)}`,
      });
      continue;
    }
    if (id.length > limits.customIdMaxLength) {
      issues.push({
        code: "custom_id_too_long",
        path: ["customIds", i],
        message: `is ${id.length} characters long; ${provider} accepts at most ${limits.customIdMaxLength}`,
      });
    } else if (limits.customIdPattern && !limits.customIdPattern.test(id)) {
      issues.push({
        code: "invalid_custom_id",
        path: ["customIds", i],
        message: `${shown(id)} does not match ${provider}'s rule: ${limits.customIdRule ?? String(limits.customIdPattern)}`,
      });
    }
    const first = seen.get(id);
    if (first !== undefined) {
      issues.push({
        code: "duplicate_custom_id",
        path: ["customIds", i],
        message: `${shown(id)} is already used by customIds[${first}]`,
      });
    } else {
      seen.set(id, i);
    }
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
  return customIds as string[];
}
