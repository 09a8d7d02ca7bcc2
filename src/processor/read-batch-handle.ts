import { type BatchHandleData, decodeBatchHandleFor } from "../batch/batch-handle.js";
import { checkBatchIds } from "../providers/check-batch-id.js";
import type { ProviderId } from "../providers/types.js";

/**
 * Reads what a method was given: an `sbh1_` handle or a plain provider batch id. Every batch id
 * in it is checked against the provider's shape before any request, so a tampered handle or a
 * crafted id (`../files`, `x?alt=media`) is refused rather than sent into a URL path.
 * @returns the handle's data, or `undefined` for a plain id.
 * @throws InvalidArgumentError (`invalid_handle`, `invalid_batch_id`).
 */
export function readBatchHandle(
  batchId: unknown,
  provider: ProviderId,
): BatchHandleData | undefined {
  const data = decodeBatchHandleFor(batchId as string, provider);
  if (data) {
    checkBatchIds(
      data.layers.flat().map((part) => part.id),
      provider,
      true,
    );
  } else checkBatchIds([batchId], provider);
  return data;
}

/** Every provider batch id behind a handle (or the plain id itself), checked as above. */
export function batchIdsOf(batchId: unknown, provider: ProviderId): string[] {
  const data = readBatchHandle(batchId, provider);
  return data ? data.layers.flat().map((part) => part.id) : [batchId as string];
}
