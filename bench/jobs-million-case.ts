// One run of bench/jobs-million.bench.ts, in a fresh process (bundled by esbuild, run with
// plain `node --expose-gc`): argv = rows, batch size, emulator URL; the store (a postgres://
// URL or a PGlite directory) comes in SB_BENCH_JOB_STORE, so no password shows in a process
// list. Adds the rows from a generator, then steps until done, sampling RSS and heap every
// 100 ms. Prints one JSON line with the figures.
import type { JobStore } from "../src/jobs/index.js";

/** RSS and heap at one moment, and the running peaks up to it. */
export interface MemoryMark {
  /** Rows collected (results written) when the mark was taken. */
  rowsDone: number;
  ms: number;
  rss: number;
  heapUsed: number;
  /** Highest sampled RSS since the stepping began (the add's peak is reported on its own). */
  peakRss: number;
  peakHeap: number;
}

export interface MillionFigures {
  store: string;
  rows: number;
  batchSize: number;
  /** RSS after loading the library, the SDK and the driver, before any row. */
  loadedRss: number;
  /** Peak RSS while adding, and RSS once added (after a collection). */
  addPeakRss: number;
  afterAddRss: number;
  afterAddHeap: number;
  addMs: number;
  stepMs: number;
  steps: number;
  batches: number;
  succeeded: number;
  failed: number;
  /** At 25, 50, 75 and 100% of the rows collected. */
  marks: MemoryMark[];
  /** Highest sampled RSS / heap of the whole run, and the process's maxRSS. */
  peakRss: number;
  peakHeap: number;
  maxRss: number;
  /** Time in each store method (calls, total and longest ms). */
  methods: Record<string, { calls: number; ms: number; maxMs: number }>;
  /** Every sample: [ms since the stepping began, rss, heapUsed, rows done]. */
  samples: [number, number, number, number][];
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with node --expose-gc");

async function run(): Promise<MillionFigures> {
  const [rowsArg, batchArg, emulatorUrl] = process.argv.slice(2) as [string, string, string];
  const rows = Number(rowsArg);
  const batchSize = Number(batchArg);
  const where = process.env.SB_BENCH_JOB_STORE!;
  const { openJob, openJobStore } = await import("../src/jobs/index.js");
  const { benchPrompt, benchRows } = await import("./jobs-harness.js");
  const { User } = await import("./workload.js");
  await import("openai");

  // Rows done, as the collector writes them: counted on the store's answers, so the marks
  // fall inside a step, not only between steps.
  let rowsDone = 0;
  const opened = await openJobStore(where);
  // Time in each store method (claimRows includes building the batch, which runs inside its
  // transaction), for the breakdown; a call over 5 s is logged to stderr as it ends.
  const methods: Record<string, { calls: number; ms: number; maxMs: number }> = {};
  const store = new Proxy(opened, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== "function" || typeof key !== "string") return value;
      return async (...args: unknown[]) => {
        const start = performance.now();
        const out = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        const ms = performance.now() - start;
        methods[key] ??= { calls: 0, ms: 0, maxMs: 0 };
        const m = methods[key]!;
        m.calls++;
        m.ms += ms;
        m.maxMs = Math.max(m.maxMs, ms);
        if (ms > 5_000) console.error(`store.${key} took ${(ms / 1000).toFixed(1)} s`);
        if (key === "applyResults" || key === "finishCollect") rowsDone += out as number;
        return out;
      };
    },
  }) as JobStore;
  const job = await openJob({
    name: "million",
    store,
    model: "openai/gpt-4o-mini",
    schema: User,
    prompt: benchPrompt,
    params: { maxTokens: 150 },
    batchSize,
    pollIntervalMs: 100,
    processor: { apiKey: "bench", baseURL: `${emulatorUrl}/v1` },
  });
  gc!();
  const loadedRss = process.memoryUsage().rss;

  let peakRss = 0;
  let peakHeap = 0;
  let phaseStart = performance.now();
  const samples: [number, number, number, number][] = [];
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    samples.push([Math.round(performance.now() - phaseStart), m.rss, m.heapUsed, rowsDone]);
    return m;
  };
  const timer = setInterval(sample, 100);

  const addStart = performance.now();
  await job.add(benchRows(rows));
  const addMs = performance.now() - addStart;
  sample();
  const addPeakRss = peakRss;
  gc!();
  const afterAdd = process.memoryUsage();

  peakRss = 0;
  peakHeap = 0;
  phaseStart = performance.now();
  samples.length = 0;
  const marks: MemoryMark[] = [];
  const quarters = [0.25, 0.5, 0.75, 1];
  const markIfDue = () => {
    while (marks.length < quarters.length && rowsDone >= quarters[marks.length]! * rows) {
      const m = sample();
      marks.push({
        rowsDone,
        ms: performance.now() - phaseStart,
        rss: m.rss,
        heapUsed: m.heapUsed,
        peakRss,
        peakHeap,
      });
    }
  };
  const marker = setInterval(markIfDue, 20);
  let steps = 0;
  let report: Awaited<ReturnType<typeof job.step>>;
  for (;;) {
    steps++;
    report = await job.step();
    markIfDue();
    console.error(
      `step ${steps} at ${((performance.now() - phaseStart) / 1000).toFixed(1)} s: submitted ${report.submitted.batches}, collected ${report.collected.batches} batches, ${rowsDone} rows done`,
    );
    if (report.progress.done) break;
    const busy = report.submitted.batches + report.collected.batches > 0;
    if (!busy) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stepMs = performance.now() - phaseStart;
  clearInterval(marker);
  clearInterval(timer);
  sample();
  await job.close();
  await opened.close();
  return {
    store: opened.kind,
    rows,
    batchSize,
    loadedRss,
    addPeakRss,
    afterAddRss: afterAdd.rss,
    afterAddHeap: afterAdd.heapUsed,
    addMs,
    stepMs,
    steps,
    batches: report.progress.batches.collected,
    succeeded: report.progress.rows.succeeded,
    failed: report.progress.rows.failed,
    marks,
    peakRss,
    peakHeap,
    maxRss: process.resourceUsage().maxRSS * 1024,
    samples,
    methods,
  };
}

// Only when run as the child: the orchestrator imports this file for its types alone.
if (process.argv[1]?.includes("jobs-million-case")) {
  console.log(JSON.stringify(await run()));
}
