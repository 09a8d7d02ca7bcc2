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
