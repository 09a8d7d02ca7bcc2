import { mapAnthropicResultRow } from "../anthropic/map-anthropic-result-line.js";
import { malformedLine, notJsonLine } from "../malformed-line.js";
import type { ProviderOutcome } from "../types.js";

interface BedrockOutputRow {
  recordId?: unknown;
  modelInput?: unknown;
  modelOutput?: unknown;
  error?: { errorCode?: unknown; errorMessage?: unknown } | null;
}

/**
 * Error codes of records that never ran. Bedrock's docs show only `{ errorCode, errorMessage }`
 * with an HTTP-style code (batch-inference-results.html: `"errorCode" : 400`); a record left
 * unprocessed when a job is stopped or times out is written, by this library's emulator, with
 * 499 (the request was given up) or 408 (time ran out), and read as `cancelled` / `expired`
 * like the other providers' unprocessed requests. Records missing from the output of a real
 * stopped or expired job are filled in the same way from the input file (see the adapter).
 */
const NOT_RUN: Record<number, "cancelled" | "expired"> = { 499: "cancelled", 408: "expired" };

function errored(recordId: string, row: BedrockOutputRow): ProviderOutcome {
  const code = row.error?.errorCode;
  const numeric = typeof code === "number" ? code : Number(code);
  const message =
    typeof row.error?.errorMessage === "string" && row.error.errorMessage !== ""
      ? row.error.errorMessage
      : "The record failed without an error message.";
  const notRun = NOT_RUN[numeric];
  if (notRun) {
    return {
      kind: "error",
      customId: recordId,
      errorType: notRun,
      errorMessage: message,
      raw: row,
    };
  }
  return {
    kind: "error",
    customId: recordId,
    errorType: "provider_error",
    errorMessage: message,
    ...(code !== undefined && code !== null && { errorCode: String(code) }),
    ...(Number.isInteger(numeric) && numeric >= 100 && numeric < 600 && { statusCode: numeric }),
    raw: row,
  };
}

/**
 * Maps one parsed line of a Bedrock output file (`{recordId, modelInput, modelOutput}` or
 * `{recordId, modelInput, error}`, batch-inference-results.html) to exactly one outcome. A
 * Claude `modelOutput` is a Messages API response, read by the Anthropic provider's mapping
 * (tool input, refusal, truncation, usage). Never throws.
 */
export function mapBedrockResultRow(
  row: unknown,
  lineNumber: number,
  line?: string,
): ProviderOutcome {
  if (typeof row !== "object" || row === null || Array.isArray(row)) {
    return malformedLine(lineNumber, "not a JSON object", row);
  }
  const parsed = row as BedrockOutputRow;
  const recordId = parsed.recordId;
  if (typeof recordId !== "string" || recordId === "") {
    return malformedLine(lineNumber, 'no "recordId"', row);
  }
  if (parsed.error !== undefined && parsed.error !== null) return errored(recordId, parsed);
  const outcome = mapAnthropicResultRow(
    { custom_id: recordId, result: { type: "succeeded", message: parsed.modelOutput } },
    lineNumber,
    line,
  );
  return { ...outcome, raw: row };
}

/** Maps one line of a Bedrock output file; a line that cannot be read is a `malformed_line`. */
export function mapBedrockResultLine(line: string, lineNumber: number): ProviderOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (cause) {
    return notJsonLine(lineNumber, line, cause);
  }
  return mapBedrockResultRow(parsed, lineNumber, line);
}
