import type { BatchStatus, BatchStatusValue, RequestCounts } from "../results/types.js";
import { isTerminalStatus } from "../results/types.js";

// When parts end differently, the most telling outcome names the whole.
const FINAL_PRIORITY: BatchStatusValue[] = ["failed", "expired", "cancelled", "completed"];

function earliest(dates: (Date | undefined)[]): Date | undefined {
  const times = dates.filter((d): d is Date => d !== undefined).map((d) => d.getTime());
  return times.length ? new Date(Math.min(...times)) : undefined;
}

function latest(dates: (Date | undefined)[]): Date | undefined {
  const times = dates.filter((d): d is Date => d !== undefined).map((d) => d.getTime());
  return times.length ? new Date(Math.max(...times)) : undefined;
}

/**
 * Request counts of a handle whose failed requests were sent again (`total` = the original
 * number of requests): each retried request was counted as failed in an earlier round and
 * counts again in its own, so the rounds' counts are not added up. A request succeeded or is
 * pending if it did or is in some round; every other request is failed.
 */
function countsAcrossRounds(parts: BatchStatus[], total: number): RequestCounts {
  let succeeded = 0;
  let pending = 0;
  for (const p of parts) {
    succeeded += p.requestCounts.succeeded;
    pending += p.requestCounts.pending;
  }
  return { total, succeeded, pending, failed: Math.max(0, total - succeeded - pending) };
}

/**
 * One status for the provider batches behind a handle: still running while any part runs;
 * once all have ended, `completed` if any part completed, else the shared or worst outcome.
 * Counts are summed over the parts of one submission; with `rounds` (a handle whose failed
 * requests were resubmitted) they are counted per request across rounds. `parts` keeps each
 * part's own status.
 */
export function aggregateStatus(
  handle: string,
  parts: BatchStatus[],
  rounds?: { total: number },
): BatchStatus & { parts: BatchStatus[] } {
  const values = parts.map((p) => p.status);
  let status: BatchStatusValue;
  if (values.some((v) => !isTerminalStatus(v))) {
    status = values.every((v) => v === "pending") ? "pending" : "processing";
  } else if (values.includes("completed")) {
    status = "completed";
  } else {
    status = FINAL_PRIORITY.find((v) => values.includes(v)) ?? "completed";
  }
  const sum = (key: keyof BatchStatus["requestCounts"]) =>
    parts.reduce((n, p) => n + p.requestCounts[key], 0);
  const allEnded = values.every(isTerminalStatus);
  return {
    id: handle,
    provider: parts[0]?.provider ?? "unknown",
    status,
    rawStatus: parts.map((p) => p.rawStatus).join(","),
    requestCounts: rounds
      ? countsAcrossRounds(parts, rounds.total)
      : {
          total: sum("total"),
          succeeded: sum("succeeded"),
          failed: sum("failed"),
          pending: sum("pending"),
        },
    createdAt: earliest(parts.map((p) => p.createdAt)),
    startedAt: earliest(parts.map((p) => p.startedAt)),
    completedAt: allEnded ? latest(parts.map((p) => p.completedAt)) : undefined,
    expiresAt: latest(parts.map((p) => p.expiresAt)),
    errors: parts.flatMap((p) => p.errors),
    metadata: parts[0]?.metadata,
    raw: parts.map((p) => p.raw),
    parts,
  };
}
