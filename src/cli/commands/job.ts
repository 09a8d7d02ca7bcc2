import type { Command } from "commander";
import { JobNotFoundError } from "../../errors/index.js";
import { toProgress } from "../../jobs/step-report.js";
import type { JobRecord, JobStore } from "../../jobs/stores/job-store.js";
import { openJobStore } from "../../jobs/stores/open-job-store.js";
import { addExamples, addOutputOptions, type OutputFlags } from "../shared/common-options.js";
import { cursorFlag, describeProgress, writeRows } from "../shared/job-output.js";
import {
  addStoreOption,
  ensureStoreExists,
  type StoreFlags,
  storeLabel,
  storeTarget,
} from "../shared/job-store-flag.js";
import { printJson, printLine, printNote, renderTable } from "../shared/output.js";
import { lockStoreDirectory } from "../shared/store-lock.js";

interface InspectFlags extends OutputFlags, StoreFlags {}

interface ReadFlags extends InspectFlags {
  out?: string;
  after?: string;
}

/** Opens the store, runs `use`, closes the store. */
async function withStore<T>(flags: StoreFlags, use: (store: JobStore) => Promise<T>): Promise<T> {
  const target = storeTarget(flags);
  await ensureStoreExists(target);
  const unlock = await lockStoreDirectory(target);
  try {
    const store = await openJobStore(target);
    try {
      return await use(store);
    } finally {
      await store.close();
    }
  } finally {
    unlock();
  }
}

async function jobRecord(store: JobStore, name: string): Promise<JobRecord> {
  const record = await store.getJob(name);
  if (record !== undefined) return record;
  const known = (await store.listJobs()).map((j) => j.name);
  throw new JobNotFoundError(name, known);
}

async function progressOf(store: JobStore, record: JobRecord) {
  return toProgress(record.name, record.state, await store.progress(record.name), undefined);
}

async function runStatus(name: string, flags: InspectFlags): Promise<void> {
  await withStore(flags, async (store) => {
    const record = await jobRecord(store, name);
    const progress = await progressOf(store, record);
    if (flags.json) {
      printJson({
        ...progress,
        model: `${record.provider}/${record.model}`,
        maxRetries: record.maxRetries,
        createdAt: record.createdAt.toISOString(),
      });
      return;
    }
    for (const line of describeProgress(progress, `${record.provider}/${record.model}`))
      printLine(line);
    printLine(`created:  ${record.createdAt.toISOString()}`);
    printLine(`store:    ${storeLabel(storeTarget(flags))}`);
  });
}

async function runRead(kind: "results" | "errors", name: string, flags: ReadFlags): Promise<void> {
  await withStore(flags, async (store) => {
    await jobRecord(store, name);
    const written = await writeRows(store, name, kind, flags.out, "--out", flags.after ?? "0");
    const summary = {
      job: name,
      kind,
      out: written.target,
      lines: written.lines,
      cursor: written.cursor,
    };
    // The lines go to stdout unless --out names a file: the summary then goes to stderr.
    const stream = flags.out === undefined ? process.stderr : process.stdout;
    if (flags.json) {
      printJson(summary, stream);
      return;
    }
    stream.write(
      `${name}: ${written.lines} ${kind === "results" ? "results" : "failed rows"} written to ${written.target}; later ones: --after ${written.cursor}\n`,
    );
  });
}

async function runList(flags: InspectFlags): Promise<void> {
  await withStore(flags, async (store) => {
    const jobs = await store.listJobs();
    const rows = [];
    for (const record of jobs) rows.push({ record, progress: await progressOf(store, record) });
    if (flags.json) {
      printJson(
        rows.map(({ record, progress }) => ({
          name: record.name,
          model: `${record.provider}/${record.model}`,
          state: record.state,
          done: progress.done,
          rows: progress.rows,
          createdAt: record.createdAt.toISOString(),
        })),
      );
      return;
    }
    if (rows.length === 0) {
      printNote(`no jobs in ${storeLabel(storeTarget(flags))}`);
      return;
    }
    printLine(
      renderTable(
        ["job", "model", "state", "rows", "succeeded", "failed", "to go", "created"],
        rows.map(({ record, progress: p }) => [
          record.name,
          `${record.provider}/${record.model}`,
          p.done ? `${p.state}, done` : p.state,
          p.rows.total,
          p.rows.succeeded,
          p.rows.failed + p.rows.cancelled,
          p.rows.pending + p.rows.submitted,
          record.createdAt.toISOString(),
        ]),
      ),
    );
  });
}

export function registerJobCommand(program: Command): void {
  const job = program
    .command("job")
    .description("Inspect the durable jobs of a store: status, results, errors, list.");

  const status = job
    .command("status")
    .description("Show a job's rows per state, its batches and its token usage.")
    .argument("<name>", "the job's name (see job list)");
  addStoreOption(status);
  addOutputOptions(status);
  addExamples(status, [
    "structured-batch job status rows",
    "structured-batch job status nightly --store postgres://jobs:secret@db:5432/jobs --json",
  ]).action(async (name: string, flags: InspectFlags) => runStatus(name, flags));

  for (const kind of ["results", "errors"] as const) {
    const command = job
      .command(kind)
      .description(
        kind === "results"
          ? 'Write a job\'s results as JSONL, one {"id", "result", "usage"} per row, in input order.'
          : 'Write a job\'s failed rows as JSONL, one {"id", "state", "errorType", "errorMessage", "attempts", ...} per row.',
      )
      .argument("<name>", "the job's name (see job list)")
      .option("-o, --out <file>", "write them here (default: stdout)")
      .option(
        "--after <cursor>",
        "only rows after this cursor (printed by the previous read), to read what came since",
        cursorFlag,
      );
    addStoreOption(command);
    addOutputOptions(command);
    addExamples(
      command,
      [
        `structured-batch job ${kind} rows > rows.${kind}.jsonl`,
        `structured-batch job ${kind} nightly --store "$DATABASE_URL" --out ${kind}.jsonl --after 5000`,
      ],
      [
        "Rows are read from the store as they are now, also while the job runs. The summary (on",
        "stderr when the rows go to stdout) ends with the cursor to pass as --after next time.",
      ],
    ).action(async (name: string, flags: ReadFlags) => runRead(kind, name, flags));
  }

  const list = job.command("list").description("List the jobs in a store, with their row counts.");
  addStoreOption(list);
  addOutputOptions(list);
  addExamples(list, [
    "structured-batch job list",
    "structured-batch job list --store postgres://jobs:secret@db:5432/jobs --json",
  ]).action(async (flags: InspectFlags) => runList(flags));
}
