// npm run bench: every comparison of issue 8, a table on stdout and bench/results/latest.json.
// Ratios compare runs made in this same process, alternating; absolute times are context only.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { buildBench, parseBench } from "./build-and-parse.bench.js";
import { mb } from "./measure.js";
import { peakRssBench, TARGET_RATIO } from "./peak-rss.bench.js";
import { streamBuildBench, streamParseBench } from "./stream-memory.bench.js";
import { endToEndBench, submitBench } from "./submit-and-e2e.bench.js";

const quick = process.argv.includes("--quick");
const rows: [string, string, string, string][] = [];
const kinds = (types: Record<string, number>) =>
  Object.entries(types)
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
// The median of the per-round ratios, with the middle half of them: the noise is part of the result.
const ratio = (r: { timeRatio: number; ratioSpread: readonly [number, number] }) =>
  `${r.timeRatio.toFixed(2)}x (middle half ${r.ratioSpread[0].toFixed(2)}-${r.ratioSpread[1].toFixed(2)})`;
const row = (name: string, measured: string, target: string, met: boolean | undefined) =>
  rows.push([name, measured, target, met === undefined ? "" : met ? "met" : "MISSED"]);

const build = await buildBench(50_000, quick ? 3 : 11);
row(
  "build 50k vs hand-written",
  `${ratio(build)}; ${build.libraryMs.toFixed(0)} vs ${build.baselineMs.toFixed(0)} ms`,
  "<= 0.8x",
  build.timeRatio <= 0.8,
);
row(
  "build 50k peak memory growth",
  `${build.memoryToBytes.toFixed(2)}x the batch (${mb(build.libraryPeakGrowth)} for ${mb(build.bytes)}; hand-written ${mb(build.baselinePeakGrowth)})`,
  "<= 1.5x",
  build.memoryToBytes <= 1.5,
);
const parse50 = await parseBench(50_000, quick ? 3 : 15, { checked: true });
row(
  "parse 50k vs plain loop (includeRaw: false)",
  `${ratio(parse50)}; ${parse50.libraryMs.toFixed(0)} vs ${parse50.baselineMs.toFixed(0)} ms; ${kinds(parse50.errorTypes)}`,
  "<= 1.1x",
  parse50.timeRatio <= 1.1,
);
row(
  "parse 50k vs plain loop (default, raw kept)",
  `${ratio(parse50.withRaw)}; ${parse50.withRaw.libraryMs.toFixed(0)} vs ${parse50.withRaw.baselineMs.toFixed(0)} ms`,
  "<= 1.1x",
  parse50.withRaw.timeRatio <= 1.1,
);
row(
  "parse 50k vs checked loop (includeRaw: false)",
  `${ratio(parse50.checked!)}; ${parse50.checked!.libraryMs.toFixed(0)} vs ${parse50.checked!.baselineMs.toFixed(0)} ms`,
  "context",
  undefined,
);
// Rounds of 500k are long, so a neighbour's burst of load can take a whole round: more of them.
const parse500 = await parseBench(500_000, quick ? 1 : 9);
row(
  "parse 500k vs plain loop (includeRaw: false)",
  `${ratio(parse500)}; ${parse500.libraryMs.toFixed(0)} vs ${parse500.baselineMs.toFixed(0)} ms; ${kinds(parse500.errorTypes)}`,
  "<= 1.1x",
  parse500.timeRatio <= 1.1,
);
row(
  "parse 500k vs plain loop (default, raw kept)",
  `${ratio(parse500.withRaw)}; ${parse500.withRaw.libraryMs.toFixed(0)} vs ${parse500.withRaw.baselineMs.toFixed(0)} ms`,
  "<= 1.1x",
  parse500.withRaw.timeRatio <= 1.1,
);
const submit = await submitBench(50_000, quick ? 3 : 9);
row(
  "submit 50k vs plain fetch (upload + create)",
  `${ratio(submit)}; ${submit.libraryMs.toFixed(0)} vs ${submit.plainFetchMs.toFixed(0)} ms`,
  "<= 1.2x",
  submit.timeRatio <= 1.2,
);
const e2e = await endToEndBench(50_000);
row(
  "end to end 50k on the emulator",
  Object.entries(e2e.times)
    .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
    .join(", "),
  "split reported",
  undefined,
);
row(
  "  library's own share",
  `${(e2e.libraryShare * 100).toFixed(0)}% (build + parse; upload and wait include the emulator validating and answering 50k requests in this process)`,
  "reported",
  undefined,
);
row(
  "  download vs plain fetch of the files",
  `${(e2e.times.download! / e2e.plainDownloadMs).toFixed(2)}x (${e2e.times.download!.toFixed(0)} vs ${e2e.plainDownloadMs.toFixed(0)} ms); download + parse in one pass (streamResults): ${e2e.streamResultsMs.toFixed(0)} ms`,
  "context",
  undefined,
);
// Flat means the peak does not grow with the number of requests; a build at a quarter of the
// size (several parts already) is printed beside it.
const streamSmall = await streamBuildBench(250_000);
const stream = await streamBuildBench(quick ? 500_000 : 1_000_000);
row(
  `stream build ${stream.requests / 1000}k into parts`,
  `${stream.parts} parts, largest ${mb(stream.largestPart)}, ${mb(stream.bytes)} in all, peak growth ${mb(stream.peakGrowth)} (${streamSmall.requests / 1000}k: ${mb(streamSmall.peakGrowth)})`,
  "flat (bounded by a few parts)",
  // Bounded by a few parts whatever the number of requests; when V8 collects the parts already
  // handed over varies from run to run, so the bound is in parts, not the smaller run's peak.
  stream.peakGrowth < 5 * stream.largestPart && stream.peakGrowth < stream.bytes / 4,
);
const streamParse = await streamParseBench(quick ? 256 * 1024 ** 2 : 1024 ** 3);
row(
  `stream parse ${mb(streamParse.bytes)} results`,
  `${streamParse.results} results in ${(streamParse.ms / 1000).toFixed(1)} s, peak growth ${mb(streamParse.peakGrowth)}`,
  "< 200 MB",
  streamParse.peakGrowth < 200 * 1024 ** 2,
);
// Peak RSS growth in a fresh process per case (bench/peak-rss.bench.ts prints the whole table).
const peakRss = await peakRssBench({ sizes: quick ? [50_000] : undefined, runs: quick ? 1 : 3 });
for (const r of peakRss.filter((r) => r.case === "build+submit")) {
  row(
    `build+submit ${r.requests / 1000}k peak RSS growth, ${r.provider}`,
    `${(r.peakRssGrowth / r.bytes).toFixed(2)}x the batch (${mb(r.peakRssGrowth)} for ${mb(r.bytes)}; sampled heap + buffers ${mb(r.sampledGrowth)}; module load ${mb(r.moduleLoad)})`,
    `<= ${TARGET_RATIO}x`,
    r.peakRssGrowth <= TARGET_RATIO * r.bytes,
  );
}

const machine = `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, ${mb(totalmem())}, Node ${process.version}`;
const widths = [0, 1, 2, 3].map((c) =>
  Math.max(...[["measure", "result", "target", ""], ...rows].map((r) => r[c]!.length)),
);
const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join("  ");
console.log(`\nstructured-batch benchmarks on ${machine}\n`);
console.log(line(["measure", "result", "target", ""]));
for (const r of rows) console.log(line(r));
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
const summary = {
  date: new Date().toISOString(),
  machine,
  quick,
  build,
  parse50,
  parse500,
  submit,
  e2e,
  stream,
  streamSmall,
  streamParse,
  peakRss,
};
writeFileSync(
  new URL("./results/latest.json", import.meta.url),
  `${JSON.stringify(summary, null, 2)}\n`,
);
console.log("\nwritten: bench/results/latest.json");
