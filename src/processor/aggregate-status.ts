import type { BatchStatus, BatchStatusValue } from "../results/types.js";
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
 * One status for the provider batches behind a handle: still running while any part runs;
 * once all have ended, `completed` if any part completed, else the shared or worst outcome.
 * Counts are summed; `parts` keeps each part's own status.
 */
export function aggregateStatus(
  handle: string,
  parts: BatchStatus[],
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
    requestCounts: {
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
