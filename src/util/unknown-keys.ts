import type { InputIssue } from "../errors/invalid-argument-error.js";

/**
 * The known name a misspelt key most likely meant: the same letters whatever the case and the
 * underscores (`baseUrl` → `baseURL`, `max_tokens` → `maxTokens`), or undefined.
 */
export function nearestKey(key: string, known: ReadonlySet<string>): string | undefined {
  const plain = key.replace(/_/g, "").toLowerCase();
  for (const candidate of known) {
    if (candidate.replace(/_/g, "").toLowerCase() === plain) return candidate;
  }
  return undefined;
}

/**
 * One issue per key of `object` that is not in `known`: a key nobody reads would otherwise be
 * dropped without a word. `describe` words the message, given the key and its likely meaning.
 */
export function pushUnknownKeyIssues(
  object: Record<string, unknown>,
  known: ReadonlySet<string>,
  path: (string | number)[],
  code: string,
  describe: (key: string, near: string | undefined) => string,
  issues: InputIssue[],
): void {
  for (const key of Object.keys(object)) {
    if (known.has(key)) continue;
    issues.push({ code, path: [...path, key], message: describe(key, nearestKey(key, known)) });
  }
}
