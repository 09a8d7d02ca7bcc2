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
