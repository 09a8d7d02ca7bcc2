import type { LineCursor } from "../batch/read-lines.js";
import type { BatchProviderAdapter, PreparedOutputSchema } from "../providers/types.js";
import { toBatchResult } from "../results/to-batch-result.js";
import type { BatchResult } from "../results/types.js";

/**
 * Parses lines from `cursor` into `results` until the end, or until a result is a Promise (an
 * async schema), which it returns for the caller to await before calling again.
 */
export function parseLinesSync<T>(
  cursor: LineCursor,
  adapter: BatchProviderAdapter,
  output: PreparedOutputSchema<T>,
  keepRaw: boolean,
  results: BatchResult<T>[],
): Promise<BatchResult<T>> | undefined {
  while (cursor.next()) {
    const r = toBatchResult(
      adapter.parseResultLine(cursor.line, cursor.lineNumber),
      output,
      keepRaw,
    );
    if (r instanceof Promise) return r;
    results.push(r);
  }
  return undefined;
}
