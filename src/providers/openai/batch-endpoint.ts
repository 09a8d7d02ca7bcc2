import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { chunksOf } from "../../batch/batch-buffer.js";
import { OPENAI_ENDPOINTS, type OpenAIEndpoint } from "./openai-limits.js";

/**
 * The endpoint the batch's first line is written for (`url`), when it is one the adapter
 * knows. A batch file built for the Responses API (by another processor, or `create
 * --openai-endpoint responses`) is then submitted to it without saying so again. Reads the
 * first line only; a line that cannot be read leaves the choice to the processor.
 */
export function batchEndpoint(batch: BatchBuffer): OpenAIEndpoint | undefined {
  const decoder = new TextDecoder();
  let first = "";
  for (const chunk of chunksOf(batch)) {
    const newline = chunk.indexOf(10);
    first += decoder.decode(newline === -1 ? chunk : chunk.subarray(0, newline), {
      stream: newline === -1,
    });
    if (newline !== -1) break;
  }
  try {
    const url = (JSON.parse(first) as { url?: unknown }).url;
    return OPENAI_ENDPOINTS.find((endpoint) => endpoint === url);
  } catch {
    return undefined;
  }
}
