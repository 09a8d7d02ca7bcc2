import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { chunksOf } from "../../batch/batch-buffer.js";

/**
 * The `url` the batch's first line is written for, when it is one of `known`. A batch file
 * built for the Responses API (by another processor, or `create --openai-endpoint responses`)
 * is then submitted to it without saying so again. Reads the first line only; a line that
 * cannot be read leaves the choice to the processor.
 */
export function batchEndpoint<U extends string>(
  batch: BatchBuffer,
  known: readonly U[],
): U | undefined {
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
    return known.find((endpoint) => endpoint === url);
  } catch {
    return undefined;
  }
}
