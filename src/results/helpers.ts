import type { BatchError, BatchResult, BatchSuccess } from "./types.js";

/** The successful results. */
export function filterSuccessful<T>(results: readonly BatchResult<T>[]): BatchSuccess<T>[] {
  return results.filter((r): r is BatchSuccess<T> => r.success);
}

/** The failed results. */
export function filterErrors<T>(results: readonly BatchResult<T>[]): BatchError[] {
  return results.filter((r): r is BatchError => !r.success);
}

/** Results keyed by custom id (a `Map`, so ids like `__proto__` are safe). */
export function resultsByCustomId<T>(
  results: readonly BatchResult<T>[],
): Map<string, BatchResult<T>> {
  const map = new Map<string, BatchResult<T>>();
  for (const r of results) map.set(r.customId, r);
  return map;
}
