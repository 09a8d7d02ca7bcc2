import Table from "cli-table3";
import type { BatchStatus } from "../../results/types.js";

/** Writes one line to stdout. */
export function printLine(line = ""): void {
  process.stdout.write(`${line}\n`);
}

/** Writes one line to stderr (progress, summaries, notes: never the data). */
export function printNote(line = ""): void {
  process.stderr.write(`${line}\n`);
}

/** The `--json` output: one JSON document. */
export function printJson(value: unknown, stream: NodeJS.WritableStream = process.stdout): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A status as JSON: dates as ISO strings, without the provider's raw object. */
export function statusJson(
  status: BatchStatus & { parts?: BatchStatus[] },
): Record<string, unknown> {
  const {
    raw: _raw,
    parts,
    ...rest
  } = status as BatchStatus & { parts?: BatchStatus[]; raw?: unknown };
  return {
    ...rest,
    ...(parts !== undefined && { parts: parts.map((p) => statusJson(p)) }),
  };
}

/** `01:02:03` */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

function formatDate(date: Date | undefined | null): string {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : "-";
}

/** `2/3 done, 0 failed` */
export function formatCounts(status: Pick<BatchStatus, "requestCounts">): string {
  const c = status.requestCounts;
  return `${c.succeeded + c.failed}/${c.total} done, ${c.failed} failed`;
}

/** The human form of `status`. */
export function describeStatus(status: BatchStatus & { parts?: BatchStatus[] }): string[] {
  const c = status.requestCounts;
  const lines = [
    `batch:     ${status.id}`,
    `provider:  ${status.provider}`,
    `status:    ${status.status} (provider: ${status.rawStatus})`,
    `requests:  ${c.total} total, ${c.succeeded} succeeded, ${c.failed} failed, ${c.pending} pending`,
    `created:   ${formatDate(status.createdAt)}`,
  ];
  if (status.completedAt) lines.push(`completed: ${formatDate(status.completedAt)}`);
  if (status.expiresAt) lines.push(`expires:   ${formatDate(status.expiresAt)}`);
  for (const error of status.errors ?? []) {
    lines.push(
      `error:     ${error.line === undefined ? "" : `line ${error.line}: `}${error.message}`,
    );
  }
  if (status.parts && status.parts.length > 1) {
    lines.push(`parts:     ${status.parts.length}`);
    for (const part of status.parts) {
      lines.push(`  ${part.id}: ${part.status} (${part.rawStatus}), ${formatCounts(part)}`);
    }
  }
  return lines;
}

/** A plain table (no colours, so it reads the same in a file as on a terminal). */
export function renderTable(head: string[], rows: (string | number)[][]): string {
  const table = new Table({ head, style: { head: [], border: [] } });
  for (const row of rows) table.push(row.map(String));
  return table.toString();
}

/** The batches of `list`, one row each. */
export function batchTable(statuses: BatchStatus[]): string {
  return renderTable(
    ["id", "provider", "status", "provider status", "done", "failed", "created"],
    statuses.map((s) => [
      s.id,
      s.provider,
      s.status,
      s.rawStatus,
      `${s.requestCounts.succeeded + s.requestCounts.failed}/${s.requestCounts.total}`,
      s.requestCounts.failed,
      formatDate(s.createdAt),
    ]),
  );
}
