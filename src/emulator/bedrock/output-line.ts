import type { SettledRequest } from "../anthropic/result-lines.js";
import { resultLine } from "../anthropic/result-lines.js";
import type { BedrockRecord } from "./job-input.js";

/**
 * One output line (batch-inference-results.html): `{recordId, modelInput, modelOutput}` for a
 * record that ran, `{recordId, modelInput, error: {errorCode, errorMessage}}` for one that
 * failed. A record the responder marks as never run is written with errorCode 499 (cancelled)
 * or 408 (expired): Bedrock has no per-record cancel or expiry, and these codes are this
 * emulator's (the adapter reads them as `cancelled` / `expired`).
 */
export function outputLine(
  record: BedrockRecord,
  settled: SettledRequest,
): Record<string, unknown> {
  const base = { recordId: record.recordId, modelInput: record.modelInput };
  const { outcome } = settled;
  if (outcome.kind === "not_run") {
    const cancelled = outcome.reason === "cancelled";
    return {
      ...base,
      error: {
        errorCode: cancelled ? 499 : 408,
        errorMessage: cancelled
          ? "The record was not processed: the job was stopped first."
          : "The record was not processed before the job timed out.",
      },
    };
  }
  if (outcome.kind === "http_error") {
    return { ...base, error: { errorCode: outcome.status, errorMessage: outcome.message } };
  }
  const line = resultLine(settled) as { result: { message: Record<string, unknown> } };
  return { ...base, modelOutput: line.result.message };
}
