import type { NumberedLine } from "../../batch/read-lines.js";
import { readLineBatchesResumable } from "../../batch/read-lines-resumable.js";
import { ProviderApiError } from "../../errors/provider-api-error.js";
import { StructuredBatchError } from "../../errors/structured-batch-error.js";
import { toProviderApiError } from "../to-provider-api-error.js";
import type { ProviderOutcome } from "../types.js";
import { type GeminiBatchView, inlineKeyOf } from "./gemini-batch-view.js";
import { type GeminiRest, geminiFetch } from "./gemini-rest.js";
import {
  type GeminiResult,
  mapGeminiResult,
  mapGeminiResultLine,
} from "./map-gemini-result-line.js";

/**
 * The outcomes of an inline batch, joined to their requests by `metadata.key`. The API returns
 * them in input order, but order alone is never trusted: only a response without a key is
 * matched by its position, to the input keys (echoed by the API, or remembered from
 * `submit`), and `onPositionMatch` says so. Without either it becomes a `malformed_line`.
 */
export function inlineOutcomes(
  view: GeminiBatchView,
  submittedKeys: readonly string[] | undefined,
  onPositionMatch: (count: number) => void,
): ProviderOutcome[] {
  const items = view.inlinedResponses ?? [];
  const out: ProviderOutcome[] = [];
  let byPosition = 0;
  for (let i = 0; i < items.length; i++) {
    const item = (items[i] ?? {}) as GeminiResult & { metadata?: unknown };
    const key = inlineKeyOf(item.metadata);
    if (key !== undefined) {
      out.push(mapGeminiResult(key, item, item));
      continue;
    }
    const fallback = view.inputKeys?.[i] ?? submittedKeys?.[i];
    if (fallback !== undefined) {
      byPosition++;
      out.push(mapGeminiResult(fallback, item, item));
      continue;
    }
    out.push({
      kind: "error",
      customId: `line-${i + 1}`,
      errorType: "malformed_line",
      errorMessage: `Inline response ${i + 1} has no "metadata.key" and the batch's input keys are not known here, so it cannot be matched to its request.`,
      raw: item,
    });
  }
  if (byPosition > 0) onPositionMatch(byPosition);
  return out;
}

/**
 * Downloads a results file in memory as a stream and maps it line by line, so memory stays
 * flat in the file's size (the SDK's `files.download` can only write to disk). The documented
 * media path is `/download/{version}/files/{id}:download?alt=media`; the SDK's
 * `/{version}/files/{id}:download?alt=media` is tried when that one is not found.
 */
export async function* fileOutcomes(
  rest: GeminiRest,
  fileName: string,
): AsyncGenerator<ProviderOutcome[]> {
  for await (const batch of fileLines(rest, fileName)) {
    yield batch.map(({ line, lineNumber }) => mapGeminiResultLine(line, lineNumber));
  }
}

/** The results file's lines in batches, as `fileOutcomes` reads them. */
export async function* fileLines(
  rest: GeminiRest,
  fileName: string,
): AsyncGenerator<NumberedLine[]> {
  const operation = `download results file ${fileName}`;
  const path = `files/${fileName.replace(/^files\//, "")}:download`;
  const query = { alt: "media" };
  // The documented media path first; the SDK's path when that one is not found.
  let prefix: string | undefined = "download";
  const open = async () => {
    try {
      return (await geminiFetch(rest, operation, path, { ...(prefix && { prefix }), query })).body;
    } catch (error) {
      if (!(error instanceof ProviderApiError) || error.status !== 404 || !prefix) throw error;
      prefix = undefined;
      return (await geminiFetch(rest, operation, path, { query })).body;
    }
  };
  try {
    yield* readLineBatchesResumable(open);
  } catch (error) {
    if (error instanceof StructuredBatchError) throw error;
    throw toProviderApiError("google", operation, error, rest.secrets);
  }
}
