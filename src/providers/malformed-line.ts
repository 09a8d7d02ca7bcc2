import type { ProviderOutcome } from "./types.js";

/**
 * A results line no provider mapping can read (not JSON, or no id): one `malformed_line` error
 * named after its 1-based line, so nothing is silently dropped.
 */
export function malformedLine(lineNumber: number, message: string, raw: unknown): ProviderOutcome {
  return {
    kind: "error",
    customId: `line-${lineNumber}`,
    errorType: "malformed_line",
    errorMessage: `Results line ${lineNumber}: ${message}`,
    raw,
  };
}

/** A results line that is not JSON, with the parser's reason and the line's start. */
export function notJsonLine(lineNumber: number, line: string, cause: unknown): ProviderOutcome {
  const preview = line.length > 80 ? `${line.slice(0, 80)}...` : line;
  return malformedLine(
    lineNumber,
    `not valid JSON (${(cause as Error).message}): ${preview}`,
    line,
  );
}

/**
 * Reads a results line that must be a JSON object with a non-empty string id under `idKey`
 * (`custom_id`, Gemini's `key`): the object and its id, or the `malformed_line` outcome that
 * says what is wrong with the line.
 */
export function readKeyedLine<T extends object>(
  line: string,
  lineNumber: number,
  idKey: "custom_id" | "key",
): { row: T; id: string } | { outcome: ProviderOutcome } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (cause) {
    return { outcome: notJsonLine(lineNumber, line, cause) };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { outcome: malformedLine(lineNumber, "not a JSON object", parsed) };
  }
  const id = (parsed as Record<string, unknown>)[idKey];
  if (typeof id !== "string" || id === "") {
    return { outcome: malformedLine(lineNumber, `no "${idKey}"`, parsed) };
  }
  return { row: parsed as T, id };
}
