import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { REQUEST_LEVEL_OPTIONS } from "./build-gemini-line-encoder.js";

/** One request of an inline batch, as the REST API takes it. */
export interface GeminiInlineRequest {
  request: Record<string, unknown>;
  metadata: { key: string };
}

/**
 * The buffer's JSONL lines (`{key, request}`) in the inline form (`{request, metadata: {key}}`),
 * so an inline batch sends exactly what a file upload would.
 */
export function inlineRequestsFromBuffer(batch: BatchBuffer): GeminiInlineRequest[] {
  const requests: GeminiInlineRequest[] = [];
  let lineNumber = 0;
  for (const line of batch.lines()) {
    lineNumber++;
    let parsed: { key?: unknown; request?: unknown };
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = {};
    }
    const { key, request } = parsed;
    if (typeof key !== "string" || typeof request !== "object" || request === null) {
      throw new InvalidArgumentError([
        {
          code: "invalid_batch_line",
          path: ["batch", lineNumber],
          message:
            'is not a Gemini batch line {"key", "request"}: build it with a google/... processor',
        },
      ]);
    }
    requests.push({ request: request as Record<string, unknown>, metadata: { key } });
  }
  return requests;
}

/**
 * The SDK's own inline form (`{contents, metadata, config}`), used only when the adapter has no
 * REST access (a client that does not expose its key). The SDK rebuilds the request from the
 * fields it knows, so a `providerOptions.google` field newer than the installed SDK is lost on
 * this path; the REST path sends the lines as they are.
 */
export function toSdkInlinedRequest(item: GeminiInlineRequest): Record<string, unknown> {
  const { contents, systemInstruction, generationConfig, ...rest } = item.request;
  const config: Record<string, unknown> = { ...(generationConfig as object) };
  if (systemInstruction !== undefined) config.systemInstruction = systemInstruction;
  for (const [key, value] of Object.entries(rest)) {
    if (REQUEST_LEVEL_OPTIONS.has(key))
      config[key.replace(/_([a-z])/g, (_, c) => c.toUpperCase())] = value;
  }
  return { contents, metadata: item.metadata, config };
}
