import { InvalidArgumentError as CommanderArgumentError } from "commander";
import type { JobProgress, StepReport } from "../../jobs/step-report.js";
import type { JobStore, RowState, StoredRowOutcome } from "../../jobs/stores/job-store.js";
import { type LineSink, openLineSink } from "./line-sink.js";

/** Rows read from the store per query. */
const PAGE = 1_000;

/** `--after`: a cursor printed by an earlier read (the store's row number). */
export function cursorFlag(value: string): string {
  if (!/^[0-9]{1,19}$/.test(value.trim())) {
    throw new CommanderArgumentError("must be a cursor printed by an earlier read (digits)");
  }
  return value.trim();
}

/** The rows of a job in some states, in the order they were added, a page at a time. */
export async function* storedRows(
  store: JobStore,
  job: string,
  states: RowState[],
  after = "0",
): AsyncGenerator<StoredRowOutcome> {
  let cursor = after;
  for (;;) {
    const page = await store.readRows(job, states, cursor, PAGE);
    yield* page;
    if (page.length < PAGE) return;
    cursor = page[page.length - 1]!.seq;
  }
}

/** A results line: `{"id", "result", "usage"?}`. */
export function resultLine(row: StoredRowOutcome): string {
  return JSON.stringify({
    id: row.rowId,
    result: row.result,
    ...(row.usage && { usage: row.usage }),
  });
}

/**
 * An errors line: `{"id", "state", "errorType", "errorMessage", "attempts", ...}` plus what the
 * store kept about the failure (status code, schema issues, the rejected text, the batch).
 */
export function errorLine(row: StoredRowOutcome): string {
  const { type, message, ...rest } = row.error ?? { type: "missing", message: "no error recorded" };
  return JSON.stringify({
    id: row.rowId,
    state: row.state,
    errorType: type,
    errorMessage: message,
    attempts: row.attempts,
    ...rest,
  });
}

/** What one write of results or errors did: lines, and the cursor to continue after them. */
export interface WriteCount {
  target: string;
  lines: number;
  /** The last row's cursor (`--after` continues after it); the given one when nothing came. */
  cursor: string;
}

/**
 * Streams a job's successes (or failures) to a file, written under a temporary name and renamed
 * when complete, or to stdout.
 */
export async function writeRows(
  store: JobStore,
  job: string,
  kind: "results" | "errors",
  path: string | undefined,
  flag: string,
  after = "0",
): Promise<WriteCount> {
  const sink: LineSink = await openLineSink(path, flag);
  let cursor = after;
  try {
    const states: RowState[] = kind === "results" ? ["succeeded"] : ["failed", "cancelled"];
    const line = kind === "results" ? resultLine : errorLine;
    for await (const row of storedRows(store, job, states, after)) {
      await sink.write(line(row));
      cursor = row.seq;
    }
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  return { target: sink.target, lines: sink.lines, cursor };
}

/** `results.jsonl` -> `results.errors.jsonl`: where failures go when `--errors` is not given. */
export function defaultErrorsPath(out: string): string {
  const stem = out.replace(/\.(jsonl|ndjson|json)$/i, "");
  return `${stem}.errors.jsonl`;
}

const running = (p: JobProgress) => p.batches.intent + p.batches.submitted + p.batches.collecting;

/** The human form of `job status`. */
export function describeProgress(p: JobProgress, model: string | undefined): string[] {
  const r = p.rows;
  const b = p.batches;
  const lines = [
    `job:      ${p.job}${model === undefined ? "" : ` (${model})`}, ${p.state}${p.done ? ", done" : ""}`,
    `rows:     ${r.total} total: ${r.succeeded} succeeded, ${r.failed} failed, ${r.cancelled} cancelled, ${r.submitted} in batches, ${r.pending} pending`,
    `batches:  ${running(p)} running (${b.intent} being created, ${b.submitted} submitted, ${b.collecting} being collected), ${b.collected} collected, ${b.abandoned} abandoned`,
    `tokens:   ${p.usage.inputTokens} in, ${p.usage.outputTokens} out`,
  ];
  if (p.cost !== undefined) lines.push(`cost:     ${p.cost.toFixed(4)}`);
  return lines;
}

/** One line for a `--step`: what this step did and where the job stands. */
export function describeStep(report: StepReport): string {
  const p = report.progress;
  const did: string[] = [];
  if (report.recovered.adopted + report.recovered.abandoned > 0) {
    did.push(
      `recovered ${report.recovered.adopted + report.recovered.abandoned} batches of stopped runs`,
    );
  }
  did.push(`submitted ${report.submitted.batches} batches (${report.submitted.rows} rows)`);
  did.push(`collected ${report.collected.batches} batches (${report.collected.rows} rows)`);
  const settled = p.rows.succeeded + p.rows.failed + p.rows.cancelled;
  return `${p.job}: ${did.join(", ")}; ${settled}/${p.rows.total} rows final (${p.rows.failed + p.rows.cancelled} failed), ${running(p)} batches running${p.done ? "; done" : ""}`;
}

/** A job's progress in the shape the wait progress bar shows. */
export function progressForView(p: JobProgress, elapsedMs: number) {
  const failed = p.rows.failed + p.rows.cancelled;
  return {
    status: p.done ? ("completed" as const) : ("processing" as const),
    rawStatus: `${running(p)} batches running`,
    requestCounts: {
      total: p.rows.total,
      succeeded: p.rows.succeeded,
      failed,
      pending: p.rows.pending + p.rows.submitted,
    },
    elapsedMs,
  };
}
