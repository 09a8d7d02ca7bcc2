// Durable jobs (issue 13): rows/s through `add`, through `step` to completion and through
// `results()`, on PGlite in memory and on PostgreSQL (a throwaway server started here), OpenAI
// on the emulator in this process (every batch ends at once). Each phase's time is split into the
// database's (SQL through a metered client), the emulator's (inside its fetch) and the rest,
// the library's own, per 1,000 rows. Beside it, the same rows through the plain one-shot flow
// (createBatchFromMessages + submitBatch + waitForCompletion + streamResults, no store), so the
// job's overhead shows as a ratio; the two alternate, one round at a time.
//
//   node --expose-gc --import tsx bench/jobs.bench.ts [--quick] [--rows N] [--rounds R]
//     [--batch-size B] [--stores pglite,postgres]
//
// Writes bench/results/jobs-latest.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { createEmulator } from "../src/emulator/index.js";
import { BatchProcessor } from "../src/index.js";
import { openJob } from "../src/jobs/index.js";
import {
  type BenchRow,
  BusyMeter,
  benchPrompt,
  benchRows,
  INSTANT,
  openMeteredStore,
  type StoreKind,
  startPostgres,
} from "./jobs-harness.js";
import { mb } from "./measure.js";
import { User } from "./workload.js";

const gc = (globalThis as { gc?: () => void }).gc;
const MODEL = "openai/gpt-4o-mini";
const PARAMS = { maxTokens: 150 };

/** One phase's wall time and how it splits. */
export interface PhaseTime {
  ms: number;
  dbMs: number;
  emulatorMs: number;
  libraryMs: number;
  dbCalls: number;
  emulatorCalls: number;
}

function emulatorFetch() {
  const emulator = createEmulator({ phases: INSTANT });
  const meter = new BusyMeter();
  const fetch = ((input: Request | string | URL, init?: RequestInit) =>
    meter.time(() => emulator.fetch(input, init))) as typeof globalThis.fetch;
  return { fetch, meter };
}

async function phase(db: BusyMeter, emu: BusyMeter, fn: () => Promise<unknown>) {
  gc?.();
  db.reset();
  emu.reset();
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  return {
    ms,
    dbMs: db.ms,
    emulatorMs: emu.ms,
    libraryMs: ms - db.ms - emu.ms,
    dbCalls: db.calls,
    emulatorCalls: emu.calls,
  } satisfies PhaseTime;
}

/** One job from empty to every row answered, then every result read back. */
async function jobRun(kind: StoreKind, rows: number, batchSize: number, where?: string) {
  const db = new BusyMeter();
  const store = await openMeteredStore(kind, db, where);
  const { fetch, meter: emu } = emulatorFetch();
  try {
    const job = await openJob<User, BenchRow>({
      name: "bench",
      store,
      model: MODEL,
      schema: User,
      prompt: benchPrompt,
      params: PARAMS,
      batchSize,
      pollIntervalMs: 10,
      // No heartbeat falls inside a measured phase: every beat is a query of its own.
      leaseMs: 3_600_000,
      processor: { apiKey: "bench", baseURL: "http://emulator.local/v1", fetch },
    });
    const add = await phase(db, emu, () => job.add(benchRows(rows)));
    let steps = 0;
    let done = 0;
    const step = await phase(db, emu, async () => {
      // step() in a loop, as run() does, without its sleeps (batches end at once here).
      for (;;) {
        steps++;
        const report = await job.step();
        if (report.progress.done) {
          done = report.progress.rows.succeeded + report.progress.rows.failed;
          return;
        }
      }
    });
    const progress = await job.progress();
    let read = 0;
    const results = await phase(db, emu, async () => {
      for await (const r of job.results()) if (r.value !== undefined) read++;
    });
    if (done !== rows) throw new Error(`${kind}: ${done} rows done of ${rows}`);
    return {
      add,
      step,
      results,
      steps,
      succeeded: progress.rows.succeeded,
      failed: progress.rows.failed,
      read,
      batches: progress.batches.collected,
    };
  } finally {
    await store.close();
  }
}

/** The same rows, `batchSize` at a time, through the one-shot flow; results kept in memory. */
async function plainRun(rows: number, batchSize: number) {
  const { fetch, meter: emu } = emulatorFetch();
  const processor = new BatchProcessor(MODEL, User, {
    apiKey: "bench",
    baseURL: "http://emulator.local/v1",
    fetch,
  });
  const none = new BusyMeter();
  let succeeded = 0;
  const kept: unknown[] = [];
  const time = await phase(none, emu, async () => {
    let chunk: BenchRow[] = [];
    const send = async () => {
      const buffer = await processor.createBatchFromMessages(chunk.map(benchPrompt), PARAMS);
      const id = await processor.submitBatch(buffer);
      await processor.waitForCompletion(id, { pollIntervalMs: 10 });
      for await (const r of processor.streamResults(id, { buffer })) {
        if (r.success) {
          succeeded++;
          kept.push(r.result);
        }
      }
      chunk = [];
    };
    for (const row of benchRows(rows)) {
      chunk.push(row);
      if (chunk.length === batchSize) await send();
    }
    if (chunk.length > 0) await send();
  });
  return { ...time, succeeded, kept: kept.length };
}

type JobFigures = Awaited<ReturnType<typeof jobRun>>;

export interface JobsBenchResult {
  store: StoreKind;
  rows: number;
  batchSize: number;
  rounds: number;
  /** Medians over the rounds, per phase. */
  add: PhaseTime;
  step: PhaseTime;
  results: PhaseTime;
  plain: PhaseTime;
  /** Median of the per-round ratios (add + step) / plain, with the middle half. */
  ratio: number;
  ratioSpread: readonly [number, number];
  /** Same, with reading the results back from the store counted too. */
  ratioWithRead: number;
  steps: number;
  batches: number;
  succeeded: number;
  failed: number;
  runs: { job: JobFigures; plain: PhaseTime }[];
}

const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function medianPhase(ps: PhaseTime[]): PhaseTime {
  const keys = ["ms", "dbMs", "emulatorMs", "libraryMs", "dbCalls", "emulatorCalls"] as const;
  return Object.fromEntries(
    keys.map((k) => [k, medianOf(ps.map((p) => p[k]))]),
  ) as unknown as PhaseTime;
}

export async function jobsBench(options: {
  store: StoreKind;
  rows: number;
  rounds: number;
  batchSize: number;
  where?: string;
}): Promise<JobsBenchResult> {
  const runs: { job: JobFigures; plain: PhaseTime }[] = [];
  for (let r = 0; r < options.rounds; r++) {
    let job: JobFigures;
    let plain: PhaseTime;
    // Alternating which goes first: a neighbour's burst of load hits both sides alike.
    if (r % 2 === 0) {
      job = await jobRun(options.store, options.rows, options.batchSize, options.where);
      plain = await plainRun(options.rows, options.batchSize);
    } else {
      plain = await plainRun(options.rows, options.batchSize);
      job = await jobRun(options.store, options.rows, options.batchSize, options.where);
    }
    runs.push({ job, plain });
  }
  const ratios = runs.map((x) => (x.job.add.ms + x.job.step.ms) / x.plain.ms).sort((a, b) => a - b);
  const at = (q: number) => ratios[Math.min(ratios.length - 1, Math.floor(ratios.length * q))]!;
  const last = runs[runs.length - 1]!.job;
  return {
    ...options,
    where: undefined,
    add: medianPhase(runs.map((x) => x.job.add)),
    step: medianPhase(runs.map((x) => x.job.step)),
    results: medianPhase(runs.map((x) => x.job.results)),
    plain: medianPhase(runs.map((x) => x.plain)),
    ratio: at(0.5),
    ratioSpread: [at(0.25), at(0.75)] as const,
    ratioWithRead: medianOf(
      runs.map((x) => (x.job.add.ms + x.job.step.ms + x.job.results.ms) / x.plain.ms),
    ),
    steps: last.steps,
    batches: last.batches,
    succeeded: last.succeeded,
    failed: last.failed,
    runs,
  } as JobsBenchResult;
}

/** The table: rows/s and the split per 1,000 rows, per store and phase, then the ratios. */
export function formatJobsBench(results: readonly JobsBenchResult[]): string {
  const head = ["store", "phase", "rows/s", "ms", "per 1k rows: library", "database", "emulator"];
  const lines: string[][] = [];
  const per1k = (ms: number, rows: number) => `${((ms * 1000) / rows).toFixed(1)} ms`;
  for (const r of results) {
    const phases: [string, PhaseTime][] = [
      ["add", r.add],
      [`step to done (${r.steps} steps, ${r.batches} batches)`, r.step],
      ["results()", r.results],
      ["plain one-shot flow", r.plain],
    ];
    for (const [name, p] of phases) {
      lines.push([
        r.store,
        name,
        ((r.rows * 1000) / p.ms).toFixed(0),
        p.ms.toFixed(0),
        per1k(p.libraryMs, r.rows),
        per1k(p.dbMs, r.rows),
        per1k(p.emulatorMs, r.rows),
      ]);
    }
    lines.push([
      r.store,
      "job (add + step) / plain",
      `${r.ratio.toFixed(2)}x`,
      `middle half ${r.ratioSpread[0].toFixed(2)}-${r.ratioSpread[1].toFixed(2)}`,
      `with results(): ${r.ratioWithRead.toFixed(2)}x`,
      "",
      "",
    ]);
  }
  const widths = head.map((_, c) => Math.max(...[head, ...lines].map((l) => l[c]!.length)));
  const line = (l: string[]) => l.map((cell, c) => cell.padEnd(widths[c]!)).join("  ");
  return [line(head), ...lines.map(line)].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const quick = process.argv.includes("--quick");
  const rows = Number(arg("--rows") ?? (quick ? 20_000 : 100_000));
  const rounds = Number(arg("--rounds") ?? (quick ? 1 : 3));
  const batchSize = Number(arg("--batch-size") ?? 10_000);
  const stores = (arg("--stores") ?? "pglite,postgres").split(",") as StoreKind[];
  const load = loadavg().map((l) => l.toFixed(2));
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, ${mb(totalmem())}, Node ${process.version}`;
  console.log(
    `jobs bench: ${rows} rows, batches of ${batchSize}, ${rounds} round(s); load ${load.join(" ")}`,
  );
  const results: JobsBenchResult[] = [];
  const skipped: Record<string, string> = {};
  for (const store of stores) {
    if (store === "postgres") {
      const server = await startPostgres();
      if ("unavailable" in server) {
        skipped.postgres = server.unavailable;
        console.log(`postgres skipped: ${server.unavailable}`);
        continue;
      }
      try {
        results.push(await jobsBench({ store, rows, rounds, batchSize, where: server.url }));
      } finally {
        await server.stop();
      }
    } else {
      results.push(await jobsBench({ store, rows, rounds, batchSize }));
    }
  }
  const loadAfter = loadavg().map((l) => l.toFixed(2));
  console.log(`\nstructured-batch jobs on ${machine}; load before ${load} after ${loadAfter}\n`);
  console.log(formatJobsBench(results));
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  writeFileSync(
    new URL("./results/jobs-latest.json", import.meta.url),
    `${JSON.stringify({ date: new Date().toISOString(), machine, load: { before: load, after: loadAfter }, quick, rows, rounds, batchSize, skipped, results }, null, 2)}\n`,
  );
  console.log("\nwritten: bench/results/jobs-latest.json");
}
