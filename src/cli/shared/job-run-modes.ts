import type { Job } from "../../jobs/job.js";
import type { JobProgress, StepReport } from "../../jobs/step-report.js";
import { InterruptedError, OperationFailedError } from "./exit-codes.js";
import { describeStep, progressForView, type WriteCount, writeRows } from "./job-output.js";
import { formatElapsed, printJson, printLine, printNote } from "./output.js";
import { createProgressView } from "./wait-progress.js";

/** How `run` goes on once the input is added: where the files go, what is printed. */
export interface ModeOptions {
  out: string;
  errorsPath: string;
  /** What adding the input did (shown in --json), when there was an input. */
  added: { added: number; skipped: number } | undefined;
  timeBudgetMs?: number;
  json?: boolean;
  quiet?: boolean;
  failOnErrors?: boolean;
}

/** The command as typed, for "run it again" hints (a store password is scrubbed on output). */
export function sameCommand(): string {
  const quote = (arg: string) =>
    /^[A-Za-z0-9_/.:=@%+,-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
  return `structured-batch ${process.argv.slice(2).map(quote).join(" ")}`;
}

async function writeOutputs(
  job: Job<unknown>,
  mode: ModeOptions,
): Promise<{ results: WriteCount; errors: WriteCount }> {
  const results = await writeRows(job.store, job.name, "results", mode.out, "--out");
  const errors = await writeRows(job.store, job.name, "errors", mode.errorsPath, "--errors");
  return { results, errors };
}

function finalLine(p: JobProgress, written: { results: WriteCount; errors: WriteCount }): string {
  const failed = p.rows.failed + p.rows.cancelled;
  return `${p.job}: done, ${p.rows.total} rows: ${p.rows.succeeded} succeeded, ${failed} failed; wrote ${written.results.lines} results to ${written.results.target} and ${written.errors.lines} errors to ${written.errors.target}`;
}

function checkFailures(p: JobProgress, mode: ModeOptions): void {
  const failed = p.rows.failed + p.rows.cancelled;
  if (mode.failOnErrors && failed > 0) {
    throw new OperationFailedError(
      `${failed} of ${p.rows.total} rows failed (--fail-on-errors)`,
      `Their errors are in ${mode.errorsPath}`,
    );
  }
}

/** `run --step`: one step; the step that finds the job done writes the files. */
export async function stepOnce(job: Job<unknown>, mode: ModeOptions): Promise<void> {
  const { added, timeBudgetMs } = mode;
  const report: StepReport = await job.step(timeBudgetMs === undefined ? {} : { timeBudgetMs });
  const written = report.progress.done ? await writeOutputs(job, mode) : undefined;
  if (mode.json) {
    printJson({
      ...(added && { added }),
      ...report,
      ...(written && {
        out: { path: written.results.target, lines: written.results.lines },
        errors: { path: written.errors.target, lines: written.errors.lines },
      }),
    });
  } else {
    printLine(describeStep(report));
    for (const e of report.errors)
      printNote(`note: ${e.operation}: ${e.message} (tried again at the next step)`);
    if (written) printLine(finalLine(report.progress, written));
  }
  if (written) checkFailures(report.progress, mode);
}

/**
 * `run`: steps until the job is done, with the progress bar, then writes the files. Ctrl-C
 * stops between steps with the command to continue.
 */
export async function runToEnd(
  job: Job<unknown>,
  mode: ModeOptions,
  signal: AbortSignal,
): Promise<void> {
  const { added, timeBudgetMs } = mode;
  const view = createProgressView({ stream: process.stderr, quiet: mode.quiet ?? false });
  const started = Date.now();
  const plain = !process.stderr.isTTY && !mode.quiet;
  let progress: JobProgress;
  try {
    progress = await job.run({
      signal,
      ...(timeBudgetMs !== undefined && { timeBudgetMs }),
      onProgress: (report) => {
        view.update(progressForView(report.progress, Date.now() - started));
        if (plain) for (const e of report.errors) printNote(`note: ${e.operation}: ${e.message}`);
      },
    });
  } catch (error) {
    if (signal.aborted) {
      throw new InterruptedError(
        "stopped (Ctrl-C) between steps; the batches already sent keep running at the provider and no row of them will be sent again",
        `Continue with the same command: ${sameCommand()}`,
      );
    }
    throw error;
  } finally {
    view.stop();
  }
  const written = await writeOutputs(job, mode);
  if (mode.json) {
    printJson({
      ...(added && { added }),
      progress,
      out: { path: written.results.target, lines: written.results.lines },
      errors: { path: written.errors.target, lines: written.errors.lines },
      elapsedMs: Date.now() - started,
    });
  } else {
    printLine(`${finalLine(progress, written)} (${formatElapsed(Date.now() - started)})`);
  }
  checkFailures(progress, mode);
}
