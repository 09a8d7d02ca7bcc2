// A 1,000,000-row job with the stepping process's memory flat (issue 13, item 5): in a fresh
// process (bench/jobs-million-case.ts, bundled with esbuild and run with plain
// `node --expose-gc`), the rows are added from a generator, then `step()` runs until every row
// is answered, in batches of 50,000 (OpenAI's limit), RSS and heap sampled every 100 ms. The
// emulator runs in a process of its own (over real HTTP), so its memory is not counted; the
// PostgreSQL server (started here, stopped at the end) is another process too; PGlite, in a
// directory, lives inside the stepping process, so its memory is counted.
//
//   node --import tsx bench/jobs-million.bench.ts [--rows 1000000] [--batch-size 50000]
//     [--stores postgres,pglite-dir]
//
// Flat: the peak RSS once every row is collected is within FLAT_FACTOR of the peak at 25%
// (both measured from the start of the stepping). The figure is printed either way.
// Writes bench/results/jobs-million.json.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { bundleCase, startEmulatorProcess } from "./case-process.js";
import { startPostgres } from "./jobs-harness.js";
import type { MillionFigures } from "./jobs-million-case.js";

const MB = 1024 * 1024;
export const FLAT_FACTOR = 1.3;

export type MillionStore = "postgres" | "pglite-dir";
export type MillionResult = MillionFigures & {
  kind: MillionStore;
  flat: boolean;
  growth: number;
  load: string[];
};

async function runCase(script: string, rows: number, batchSize: number, store: string) {
  const emulator = await startEmulatorProcess("jobs-million-emulator");
  try {
    // stderr passes through: the child reports each step as it ends.
    const child = spawn(
      process.execPath,
      ["--expose-gc", script, String(rows), String(batchSize), emulator.url],
      { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, SB_BENCH_JOB_STORE: store } },
    );
    let stdout = "";
    child.stdout!.on("data", (data: Buffer) => {
      stdout += data.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    if (code !== 0) throw new Error(`the case exited with ${code}`);
    return JSON.parse(stdout.trim().split("\n").pop()!) as MillionFigures;
  } finally {
    emulator.child.kill();
  }
}

export async function millionBench(options: {
  rows: number;
  batchSize: number;
  stores: readonly MillionStore[];
}): Promise<{ results: MillionResult[]; skipped: Record<string, string> }> {
  const script = await bundleCase("jobs-million-case", ["pg", "@electric-sql/pglite"]);
  const results: MillionResult[] = [];
  const skipped: Record<string, string> = {};
  for (const kind of options.stores) {
    const load = loadavg().map((l) => l.toFixed(2));
    let figures: MillionFigures;
    if (kind === "postgres") {
      const server = await startPostgres();
      if ("unavailable" in server) {
        skipped.postgres = server.unavailable;
        console.log(`postgres skipped: ${server.unavailable}`);
        continue;
      }
      try {
        figures = await runCase(script, options.rows, options.batchSize, server.url);
      } finally {
        await server.stop();
      }
    } else {
      const dir = mkdtempSync(join(tmpdir(), "sb-jobs-million-"));
      try {
        figures = await runCase(script, options.rows, options.batchSize, dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const quarter = figures.marks[0]?.peakRss ?? Number.NaN;
    const growth = figures.peakRss / quarter;
    results.push({ ...figures, kind, growth, flat: growth <= FLAT_FACTOR, load });
    console.log(formatMillion([results[results.length - 1]!]));
  }
  return { results, skipped };
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

/** The highest RSS sampled between the previous mark (or the start) and mark `i`. */
export function quarterPeak(r: MillionFigures, i: number): number {
  const from = i === 0 ? -1 : r.marks[i - 1]!.ms;
  const to = r.marks[i]!.ms;
  let peak = 0;
  for (const [ms, rss] of r.samples) if (ms > from && ms <= to) peak = Math.max(peak, rss);
  return peak;
}

export function formatMillion(results: readonly MillionResult[]): string {
  return results
    .map((r) =>
      [
        `${r.kind}: ${r.rows} rows in batches of ${r.batchSize} (load at start ${r.load.join(" ")})`,
        `  add ${(r.addMs / 1000).toFixed(1)} s (${((r.rows * 1000) / r.addMs).toFixed(0)} rows/s), peak RSS ${mb(r.addPeakRss)}, RSS after ${mb(r.afterAddRss)} (heap ${mb(r.afterAddHeap)}); RSS with modules loaded ${mb(r.loadedRss)}`,
        `  step to done ${(r.stepMs / 1000).toFixed(1)} s (${((r.rows * 1000) / r.stepMs).toFixed(0)} rows/s), ${r.steps} steps, ${r.batches} batches, ${r.succeeded} succeeded, ${r.failed} failed`,
        ...r.marks.map(
          (m, i) =>
            `  ${[25, 50, 75, 100][i]}% done at ${(m.ms / 1000).toFixed(1)} s: RSS ${mb(m.rss)}, heap ${mb(m.heapUsed)}; peak so far RSS ${mb(m.peakRss)}, heap ${mb(m.peakHeap)}; peak in this quarter RSS ${mb(quarterPeak(r, i))}`,
        ),
        `  peak RSS while stepping ${mb(r.peakRss)} (heap ${mb(r.peakHeap)}), process maxRSS ${mb(r.maxRss)}`,
        `  store methods: ${Object.entries(r.methods)
          .sort((a, b) => b[1].ms - a[1].ms)
          .slice(0, 6)
          .map(
            ([k, m]) =>
              `${k} ${m.calls}x ${(m.ms / 1000).toFixed(1)} s (longest ${(m.maxMs / 1000).toFixed(1)} s)`,
          )
          .join(", ")}`,
        `  peak at 100% / peak at 25%: ${r.growth.toFixed(2)}x -> ${r.flat ? "flat" : "GROWS"} (flat: <= ${FLAT_FACTOR}x)`,
      ].join("\n"),
    )
    .join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const rows = Number(arg("--rows") ?? 1_000_000);
  const batchSize = Number(arg("--batch-size") ?? 50_000);
  const stores = (arg("--stores") ?? "postgres").split(",") as MillionStore[];
  const started = performance.now();
  const { results, skipped } = await millionBench({ rows, batchSize, stores });
  console.log(`\nwhole bench ${((performance.now() - started) / 1000).toFixed(0)} s`);
  writeFileSync(
    new URL("./results/jobs-million.json", import.meta.url),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows, batchSize, skipped, results }, null, 2)}\n`,
  );
  console.log("written: bench/results/jobs-million.json");
}
