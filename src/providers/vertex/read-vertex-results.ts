import type { NumberedLine } from "../../batch/read-lines.js";
import type { ProviderOutcome } from "../types.js";
import { type GcsAccess, listObjects, openObject } from "./gcs-json-api.js";
import { type GcsLocation, gcsUri } from "./gcs-uri.js";

import { kit } from "./vertex-kit.js";

/**
 * The results files of a job: the `predictions*.jsonl` objects directly inside its output
 * directory (`<prefix>/prediction-model-<time>/predictions.jsonl`; Vertex may split large
 * outputs into several), in name order. Objects in sub-folders (incremental exports written
 * while a long job runs) are left out, as the final files hold the same rows.
 */
export async function outputFiles(gcs: GcsAccess, directory: GcsLocation): Promise<GcsLocation[]> {
  const objects = await listObjects(gcs, directory, `list results of ${gcsUri(directory)}`);
  return objects
    .map((o) => o.name.slice(directory.name.length + 1))
    .filter((rest) => !rest.includes("/") && /^predictions.*\.jsonl$/.test(rest))
    .map((rest) => ({ bucket: directory.bucket, name: `${directory.name}/${rest}` }));
}

/** One object's lines, read as a stream in batches; a broken download resumes where it stopped. */
export async function* objectLines(
  gcs: GcsAccess,
  location: GcsLocation,
): AsyncGenerator<NumberedLine[]> {
  const operation = `download results file ${gcsUri(location)}`;
  try {
    yield* kit.readLineBatchesResumable(() => openObject(gcs, location, operation));
  } catch (error) {
    if (error instanceof kit.StructuredBatchError) throw error;
    throw kit.toProviderApiError("vertex", operation, error, gcs.secrets);
  }
}

/** Every results file's lines, mapped, line numbers running on across files. */
export async function* vertexOutcomes(
  gcs: GcsAccess,
  files: readonly GcsLocation[],
  seen: Set<string> | undefined,
): AsyncGenerator<ProviderOutcome[]> {
  let offset = 0;
  for (const file of files) {
    let last = 0;
    for await (const batch of objectLines(gcs, file)) {
      const outcomes = batch.map(({ line, lineNumber }) => {
        last = lineNumber;
        return kit.mapVertexResultLine(line, offset + lineNumber);
      });
      if (seen) for (const o of outcomes) seen.add(o.customId);
      yield outcomes;
    }
    offset += last;
  }
}

/**
 * Requests of a cancelled or expired job that have no output row: Vertex exports only the rows
 * it completed ("If the batch prediction job is terminated, all completed rows are exported",
 * batch-prediction-from-cloud-storage), so the rest are read from the job's own input file and
 * reported as never run.
 */
export async function* notRunOutcomes(
  gcs: GcsAccess,
  input: GcsLocation,
  seen: ReadonlySet<string>,
  reason: "cancelled" | "expired",
): AsyncGenerator<ProviderOutcome[]> {
  const message =
    reason === "cancelled"
      ? "The batch prediction job was cancelled before this request was processed."
      : "The batch prediction job expired before this request was processed.";
  for await (const batch of objectLines(gcs, input)) {
    const out: ProviderOutcome[] = [];
    for (const { line } of batch) {
      const key = keyOf(line);
      if (key === undefined || seen.has(key)) continue;
      out.push({
        kind: "error",
        customId: key,
        errorType: reason,
        errorMessage: message,
        raw: null,
      });
    }
    if (out.length > 0) yield out;
  }
}

function keyOf(line: string): string | undefined {
  try {
    const key = (JSON.parse(line) as { key?: unknown }).key;
    return typeof key === "string" && key !== "" ? key : undefined;
  } catch {
    return undefined;
  }
}
