import { StructuredBatchError } from "../errors/structured-batch-error.js";
import { sleep } from "../util/sleep.js";
import { type NumberedLine, readLineBatches } from "./read-lines.js";

export interface ResumableReadOptions {
  /** Downloads tried in all (default 4). */
  attempts?: number;
  /** First pause before a new download; doubled each time (default 250 ms). */
  baseDelayMs?: number;
  /** Told about each broken download before the next one starts. */
  onRetry?: (error: unknown, linesDelivered: number, attempt: number) => void;
}

/**
 * Reads a results file as batches of lines (see `readLineBatches`) and, when the connection
 * breaks mid-file, downloads it again and skips the lines already delivered. Results files do
 * not change once written, so the same lines come back in the same order: nothing is yielded
 * twice and nothing is lost. (A line cut by the break was never yielded: only whole lines are.)
 */
export async function* readLineBatchesResumable(
  open: () => Promise<ReadableStream<Uint8Array> | null | undefined>,
  options: ResumableReadOptions = {},
): AsyncGenerator<NumberedLine[]> {
  const attempts = options.attempts ?? 4;
  let delivered = 0;
  for (let attempt = 1; ; attempt++) {
    const body = await open();
    if (!body) return;
    let seen = 0;
    try {
      for await (const batch of readLineBatches(body)) {
        const before = seen;
        seen += batch.length;
        if (seen <= delivered) continue;
        const fresh = before < delivered ? batch.slice(delivered - before) : batch;
        delivered = seen;
        yield fresh;
      }
      return;
    } catch (error) {
      if (error instanceof StructuredBatchError || attempt >= attempts) throw error;
      options.onRetry?.(error, delivered, attempt);
      await sleep((options.baseDelayMs ?? 250) * 2 ** (attempt - 1));
    }
  }
}
