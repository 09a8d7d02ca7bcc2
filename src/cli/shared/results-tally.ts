import type { BatchErrorType, BatchResult } from "../../results/types.js";
import { printNote, renderTable } from "./output.js";

/** What `results` counted while streaming (results are not kept). */
export interface Tally {
  total: number;
  succeeded: number;
  failed: number;
  byErrorType: Partial<Record<BatchErrorType, number>>;
  usage: { inputTokens: number; outputTokens: number; totalTokens: number };
}

export function emptyTally(): Tally {
  return {
    total: 0,
    succeeded: 0,
    failed: 0,
    byErrorType: {},
    usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
  };
}

export function tallyResult(tally: Tally, result: BatchResult<unknown>): void {
  tally.total++;
  if (result.success) tally.succeeded++;
  else {
    tally.failed++;
    tally.byErrorType[result.errorType] = (tally.byErrorType[result.errorType] ?? 0) + 1;
  }
  if (result.usage) {
    tally.usage.inputTokens += result.usage.inputTokens;
    tally.usage.outputTokens += result.usage.outputTokens;
    tally.usage.totalTokens += result.usage.totalTokens;
  }
}

/** The summary table, on stderr. */
export function printTally(tally: Tally): void {
  const rows: (string | number)[][] = [["succeeded", tally.succeeded]];
  const types = Object.entries(tally.byErrorType).sort(([a], [b]) => a.localeCompare(b));
  for (const [type, count] of types) rows.push([type, count ?? 0]);
  rows.push(["total", tally.total]);
  printNote(renderTable(["outcome", "requests"], rows));
  const u = tally.usage;
  if (u.totalTokens > 0) {
    printNote(`tokens: ${u.inputTokens} in, ${u.outputTokens} out, ${u.totalTokens} total`);
  }
}
