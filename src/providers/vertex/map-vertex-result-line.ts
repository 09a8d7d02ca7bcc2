import { type RpcStatus, rpcStatusName } from "../google/gemini-batch-view.js";
import { type GeminiResponse, mapGeminiResult } from "../google/map-gemini-result-line.js";
import { readKeyedLine } from "../malformed-line.js";
import type { ProviderOutcome } from "../types.js";

/**
 * One line of a Vertex batch prediction output file (`predictions.jsonl`): the input line's
 * own fields echoed back (`request`, and `key`, which this library writes on every input line:
 * "your input ... can have columns other than request ... ignored for content generation but
 * included in the output", cloud.google.com/vertex-ai/generative-ai/docs/multimodal/
 * batch-prediction-from-bigquery; the JSONL output does the same), then `response` (a
 * GenerateContentResponse) and `status`, empty on success and the error otherwise, e.g.
 * `"Bad Request: {\"error\": {\"code\": 400, \"message\": ..., \"status\": \"INVALID_ARGUMENT\"}}"`,
 * plus `processed_time`.
 */
interface VertexOutputLine {
  key?: unknown;
  response?: GeminiResponse | null;
  status?: unknown;
  error?: RpcStatus | null;
}

/** The google.rpc error inside a `status` text, when it carries one. */
function statusError(status: string): RpcStatus {
  const start = status.indexOf("{");
  if (start >= 0) {
    try {
      const parsed = JSON.parse(status.slice(start)) as { error?: RpcStatus } & RpcStatus;
      const inner = parsed.error ?? parsed;
      if (typeof inner.message === "string") {
        return {
          message: inner.message,
          ...(typeof inner.status === "string" && { status: inner.status }),
        };
      }
    } catch {
      // Not JSON after all: the text itself is the message.
    }
  }
  return { message: status };
}

/**
 * Maps one output line to exactly one outcome, through the Gemini adapter's mapping of a
 * response (JSON text, truncation, refusals, usage). Never throws: a line that cannot be read
 * becomes a `malformed_line` error.
 */
export function mapVertexResultLine(line: string, lineNumber: number): ProviderOutcome {
  const read = readKeyedLine<VertexOutputLine>(line, lineNumber, "key");
  if ("outcome" in read) return read.outcome;
  const { row: parsed, id: key } = read;
  const status = typeof parsed.status === "string" ? parsed.status : "";
  if (status !== "" || (parsed.response == null && parsed.error == null)) {
    const error = parsed.error ?? statusError(status || "The request failed without a status.");
    const outcome = mapGeminiResult(key, { error }, parsed);
    if (outcome.kind === "error" && outcome.errorCode === undefined) {
      const code = rpcStatusName(error);
      if (code !== undefined) outcome.errorCode = code;
    }
    return outcome;
  }
  return mapGeminiResult(key, parsed, parsed, line);
}
