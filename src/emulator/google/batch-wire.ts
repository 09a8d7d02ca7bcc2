import { deliveredLines } from "../responder/resolve-outcome.js";
import { endingOf, stateAt } from "./batch-state.js";
import type { GoogleBatchRecord } from "./batch-store.js";
import { RPC_CODES } from "./errors.js";
import { isSuccess } from "./result-shapes.js";
import { type Json, rfc3339 } from "./wire.js";

const BATCH_TYPE = "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch";
const OUTPUT_TYPE =
  "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput";

/**
 * proto3 JSON: int64 counts are strings and zero counts are left out (the real pending batch
 * shows only `requestCount` and `pendingRequestCount`).
 */
function batchStats(record: GoogleBatchRecord, done: boolean): Json {
  const total = record.requestCount;
  let successful = 0;
  let failed = 0;
  if (done && record.failure !== undefined && record.results === undefined) {
    // The input could not be read, so nothing ran: every request counts as failed.
    failed = total;
  } else if (done && record.results) {
    successful = record.results.filter(isSuccess).length;
    failed = total - successful;
  } else {
    for (const s of record.settled) {
      if (!s) continue;
      if (s.outcome.kind === "answer") successful++;
      else failed++;
    }
  }
  const counts: [string, number][] = [
    ["requestCount", total],
    ["successfulRequestCount", successful],
    ["failedRequestCount", failed],
    ["pendingRequestCount", total - successful - failed],
  ];
  return Object.fromEntries(counts.filter(([, n]) => n > 0).map(([name, n]) => [name, String(n)]));
}

function output(record: GoogleBatchRecord): Json | undefined {
  if (record.responsesFile !== undefined) return { responsesFile: record.responsesFile };
  if (record.results === undefined || record.inputFileName !== undefined) return undefined;
  const results = record.results;
  // Input order, with the `dropped`/`duplicated` faults applied.
  const inlinedResponses = deliveredLines(
    results.map((_, i) => i),
    (i) => record.settled[i]?.outcome,
    (i) => {
      const metadata = record.echoes[i];
      return metadata === undefined ? results[i]! : { ...results[i]!, metadata };
    },
  );
  return { inlinedResponses: { inlinedResponses } };
}

/** The batch as the long-running Operation the real API returns, at `now`. */
export function toOperation(record: GoogleBatchRecord, now: number, updateTime: number): Json {
  const end = endingOf(record);
  const done = now >= end.at;
  const name = `batches/${record.id}`;
  const metadata: Json = { "@type": BATCH_TYPE, model: `models/${record.model}` };
  if (record.displayName) metadata.displayName = record.displayName;
  // Inline requests are not echoed back (the real inline batches show no inputConfig).
  if (record.inputFileName) metadata.inputConfig = { fileName: record.inputFileName };
  const out = done ? output(record) : undefined;
  if (out) metadata.output = out;
  metadata.createTime = rfc3339(record.createdAtMs);
  if (done) metadata.endTime = rfc3339(end.at);
  metadata.updateTime = rfc3339(updateTime);
  metadata.batchStats = batchStats(record, done);
  metadata.state = stateAt(record, now);
  metadata.name = name;
  const operation: Json = { name, metadata };
  if (!done) return operation;
  operation.done = true;
  if (end.kind === "failed") {
    operation.error = { code: RPC_CODES.INVALID_ARGUMENT, message: record.failure };
  } else if (out) {
    operation.response = { "@type": OUTPUT_TYPE, ...out };
  }
  return operation;
}
