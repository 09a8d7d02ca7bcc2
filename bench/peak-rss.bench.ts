// Peak memory as a Worker or a Lambda sees it: the high-water RSS of a fresh process per case
// (build, submit, build+submit; OpenAI, Anthropic, Gemini; 10k / 50k / 100k seed-sized
// requests), beside the heap + arrayBuffers sampled every 2 ms that the other benches report.
// The emulator runs in another process, so its memory is not counted.
//
//   node --import tsx bench/peak-rss.bench.ts [--quick] [--runs 3] [--sizes 10000,50000]
//     [--providers openai,google] [--cases build+submit]
//
// Each case runs in `--runs` fresh processes (3; 1 with --quick) and the median is printed with
// every run's figure: V8 grows its young generation (up to 2 x 16 MB) in whichever stage first
// allocates enough, so a small batch's figure can differ by that much from one run to the next.
//
// The case script is bundled with esbuild (the SDKs left as packages) and run with plain
// `node --expose-gc`, as a function's bundle would be: no TypeScript loader in the process.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { bundleCase, startEmulatorProcess } from "./case-process.js";
import type { PeakRssCase, PeakRssFigures, PeakRssProvider } from "./peak-rss-case.js";

const run = promisify(execFile);
const MB = 1024 * 1024;
export const TARGET_RATIO = 2;

export interface PeakRssOptions {
  sizes?: readonly number[];
  providers?: readonly PeakRssProvider[];
  cases?: readonly PeakRssCase[];
  /** Fresh processes per case; the median (by peak RSS growth) is kept. */
  runs?: number;
}

/** A case's figures (the run with the median growth) and every run's growth. */
export type PeakRssResult = PeakRssFigures & { growthRuns: number[] };

/** Runs every case in a fresh process; one result per provider, size and case. */
export async function peakRssBench(options: PeakRssOptions = {}): Promise<PeakRssResult[]> {
  const sizes = options.sizes ?? [10_000, 50_000, 100_000];
  const providers = options.providers ?? (["openai", "anthropic", "google"] as const);
  const cases = options.cases ?? (["build", "submit", "build+submit"] as const);
  const script = await bundleCase("peak-rss-case");
  const results: PeakRssResult[] = [];
  for (const size of sizes) {
    // A fresh emulator per size keeps its own memory (every batch it stores) bounded.
    const emulator = await startEmulatorProcess("peak-rss-emulator");
    try {
      for (const provider of providers) {
        for (const kind of cases) {
          const runs: PeakRssFigures[] = [];
          for (let r = 0; r < (options.runs ?? 1); r++) {
            const { stdout } = await run(
              process.execPath,
              ["--expose-gc", script, provider, String(size), kind, emulator.url],
              { maxBuffer: 1 << 20 },
            );
            runs.push(JSON.parse(stdout.trim().split("\n").pop()!) as PeakRssFigures);
          }
          runs.sort((a, b) => a.peakRssGrowth - b.peakRssGrowth);
          const median = runs[Math.floor(runs.length / 2)]!;
          results.push({ ...median, growthRuns: runs.map((r) => r.peakRssGrowth) });
        }
      }
    } finally {
      emulator.child.kill();
    }
  }
  return results;
}

const mb = (bytes: number) => (bytes / MB).toFixed(1);
const x = (bytes: number, of: number) => `${(bytes / of).toFixed(2)}x`;

/** The table printed by this bench and quoted in the README. */
export function formatPeakRss(results: readonly PeakRssResult[]): string {
  const head = [
    "provider",
    "requests",
    "case",
    "JSONL MB",
    "peak RSS growth",
    "x JSONL",
    "runs (MB)",
    "maxRSS delta",
    "sampled (heap+buffers)",
    "x JSONL",
    "module load",
    "input",
    "whole process",
    "ms",
  ];
  const rows = results.map((r) => [
    r.provider,
    String(r.requests),
    r.case,
    mb(r.bytes),
    `${mb(r.peakRssGrowth)} MB`,
    x(r.peakRssGrowth, r.bytes),
    r.growthRuns.map(mb).join(" / "),
    `${mb(r.maxRssDelta)} MB`,
    `${mb(r.sampledGrowth)} MB`,
    x(r.sampledGrowth, r.bytes),
    `${mb(r.moduleLoad)} MB`,
    `${mb(r.input)} MB`,
    `${mb(r.maxRss)} MB`,
    r.ms.toFixed(0),
  ]);
  const widths = head.map((_, c) => Math.max(...[head, ...rows].map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c]!)).join("  ");
  return [line(head), ...rows.map(line)].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? undefined : process.argv[i + 1]?.split(",");
  };
  const quick = process.argv.includes("--quick");
  const results = await peakRssBench({
    sizes: arg("--sizes")?.map(Number) ?? (quick ? [10_000, 50_000] : undefined),
    providers: arg("--providers") as PeakRssProvider[] | undefined,
    cases: arg("--cases") as PeakRssCase[] | undefined,
    runs: Number(arg("--runs")?.[0] ?? (quick ? 1 : 3)),
  });
  console.log(formatPeakRss(results));
  const misses = results.filter(
    (r) => r.case === "build+submit" && r.peakRssGrowth > TARGET_RATIO * r.bytes,
  );
  console.log(
    misses.length === 0
      ? `\nbuild+submit within ${TARGET_RATIO}x the JSONL bytes everywhere`
      : `\nbuild+submit over ${TARGET_RATIO}x: ${misses.map((r) => `${r.provider} ${r.requests}`).join(", ")}`,
  );
  writeFileSync(
    new URL("./results/peak-rss.json", import.meta.url),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`,
  );
}
