import { RPC_CODES } from "../google/errors.js";
import { type Json, rfc3339 } from "../google/wire.js";
import { endingOf, startedAt, vertexStateAt } from "./vertex-job-state.js";
import type { VertexJobRecord } from "./vertex-job-store.js";

/**
 * `completionStats` as Vertex reports it (int64 counts as strings): finished successes and
 * failures, and `incompleteCount` for what has not finished (or never will, once ended).
 * Absent until the requests start.
 */
function completionStats(record: VertexJobRecord, now: number): Json | undefined {
  if (startedAt(record, now) === undefined && now < endingOf(record).at) return undefined;
  let successful = 0;
  let failed = 0;
  for (const s of record.settled) {
    if (!s || s.doneAtMs > now) continue;
    if (s.outcome.kind === "answer") successful++;
    else failed++;
  }
  return {
    successfulCount: String(successful),
    failedCount: String(failed),
    incompleteCount: String(record.requestCount - successful - failed),
  };
}

/**
 * A BatchPredictionJob resource
 * (cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.batchPredictionJobs).
 */
export function toJobResource(record: VertexJobRecord, now: number): Json {
  const state = vertexStateAt(record, now);
  const end = endingOf(record);
  const ended = now >= end.at;
  const start = startedAt(record, now);
  const stats = completionStats(record, now);
  let updated = Math.max(record.createdAtMs, start ?? 0, record.cancelAtMs ?? 0);
  for (const s of record.settled)
    if (s && s.doneAtMs <= now) updated = Math.max(updated, s.doneAtMs);
  if (ended) updated = end.at;
  const body: Json = {
    name: record.name,
    displayName: record.displayName,
    model: record.model,
    inputConfig: { instancesFormat: "jsonl", gcsSource: { uris: [record.inputUri] } },
    outputConfig: {
      predictionsFormat: "jsonl",
      gcsDestination: { outputUriPrefix: record.outputUriPrefix },
    },
    state,
    createTime: rfc3339(record.createdAtMs),
    updateTime: rfc3339(updated),
  };
  if (start !== undefined) body.startTime = rfc3339(start);
  if (ended) body.endTime = rfc3339(end.at);
  if (stats) body.completionStats = stats;
  if (ended && record.outputDirectory)
    body.outputInfo = { gcsOutputDirectory: record.outputDirectory };
  if (ended && end.kind === "failed") {
    body.error = { code: RPC_CODES.INVALID_ARGUMENT, message: record.failure ?? "The job failed." };
  }
  return body;
}
