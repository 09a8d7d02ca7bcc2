// Build and parse, library vs the code a user would write by hand, alternating in one process.
// Run: npm run bench (node --expose-gc through tsx). Ratios matter; absolute times are context.
import { BatchProcessor } from "../src/index.js";
import { compare, mb } from "./measure.js";
import { conversations, outputLines, User } from "./workload.js";

export async function buildBench(n = 50_000, rounds = 5) {
  const convs = conversations(n);
  const processor = new BatchProcessor("openai/gpt-4o-mini", User, { apiKey: "bench" });
  const schema = processor.wireSchema;
  let size = 0;
  // What a user writes without the library: one object per line, stringify, join, encode.
  const naive = () => {
    const lines = convs.map((messages, i) =>
      JSON.stringify({
        custom_id: `request-${i}`,
        method: "POST",
        url: "/v1/chat/completions",
        body: {
          model: "gpt-4o-mini",
          messages,
          max_completion_tokens: 150,
          temperature: 0.1,
          response_format: {
            type: "json_schema",
            json_schema: { name: "response", schema, strict: true },
          },
        },
      }),
    );
    return new TextEncoder().encode(lines.join("\n"));
  };
  const library = async () => {
    const buffer = await processor.createBatchFromMessages(convs, {
      maxTokens: 150,
      temperature: 0.1,
    });
    size = buffer.size;
    return buffer;
  };
  const { a: lib, b: base, ratio, spread } = await compare(rounds, library, naive);
  return {
    requests: n,
    bytes: size,
    libraryMs: lib.ms,
    baselineMs: base.ms,
    timeRatio: ratio,
    ratioSpread: spread,
    libraryPeakGrowth: lib.peakGrowth,
    baselinePeakGrowth: base.peakGrowth,
    memoryToBytes: lib.peakGrowth / size,
  };
}

/**
 * The plainest loop a user would write: split, parse the line, parse the answer, zod
 * `safeParse`, push. Only empty lines are skipped; an expired line (no response) is validated
 * as `null` and fails, so every line still gives one result.
 */
export function plainParse(text: string) {
  const out = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const row = JSON.parse(line);
    const content = row.response?.body?.choices?.[0]?.message?.content;
    const parsed = User.safeParse(content == null ? null : JSON.parse(content));
    out.push({ success: parsed.success, customId: row.custom_id, result: parsed.data });
  }
  return out;
}

/** The earlier baseline: the same loop with a check for a missing answer and a result per case. */
export function checkedParse(text: string) {
  const out = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    const row = JSON.parse(line);
    const content = row.response?.body?.choices?.[0]?.message?.content;
    if (content == null) {
      out.push({ ok: false, id: row.custom_id });
      continue;
    }
    const parsed = User.safeParse(JSON.parse(content));
    out.push(
      parsed.success
        ? { ok: true, id: row.custom_id, value: parsed.data }
        : { ok: false, id: row.custom_id },
    );
  }
  return out;
}

type Pair = Awaited<ReturnType<typeof compare>>;
const pair = ({ a, b, ratio, spread }: Pair) => ({
  libraryMs: a.ms,
  baselineMs: b.ms,
  timeRatio: ratio,
  ratioSpread: spread,
  libraryPeakGrowth: a.peakGrowth,
  baselinePeakGrowth: b.peakGrowth,
});

/**
 * `parseResults` against the plain loop, twice: with `includeRaw: false` (the result alone, as
 * the plain loop keeps) and with the default `includeRaw: true` (every result also keeps its
 * parsed line). With `checked`, also against the earlier, checked baseline.
 */
export async function parseBench(n = 50_000, rounds = 5, options: { checked?: boolean } = {}) {
  const text = `${outputLines(n).join("\n")}\n`;
  const lean = new BatchProcessor("openai/gpt-4o-mini", User, {
    apiKey: "bench",
    includeRaw: false,
  });
  const withRaw = new BatchProcessor("openai/gpt-4o-mini", User, { apiKey: "bench" });
  const library = () => lean.parseResults(text);
  const main = pair(await compare(rounds, library, () => plainParse(text)));
  const raw = pair(
    await compare(
      rounds,
      () => withRaw.parseResults(text),
      () => plainParse(text),
    ),
  );
  const checked = options.checked
    ? pair(await compare(rounds, library, () => checkedParse(text)))
    : undefined;
  // Counted outside the timed runs: the baseline does no such pass.
  const errorTypes: Record<string, number> = {};
  for (const r of await library()) {
    if (!r.success) errorTypes[r.errorType] = (errorTypes[r.errorType] ?? 0) + 1;
  }
  const errors = Object.values(errorTypes).reduce((a, b) => a + b, 0);
  return { lines: n, errors, errorTypes, ...main, withRaw: raw, checked };
}

// Run alone: `node --expose-gc --import tsx bench/build-and-parse.bench.ts` prints one build and
// one parse comparison; with `--parse-runs K`, K full runs of the parse rows of `npm run bench`
// (50k: 15 rounds, 500k: 9) and the lowest / median / highest ratio over the runs.
if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf("--parse-runs");
  if (at === -1) {
    const build = await buildBench();
    console.log(
      `build 50k: library ${build.libraryMs.toFixed(0)} ms vs hand-written ${build.baselineMs.toFixed(0)} ms = ${build.timeRatio.toFixed(2)}x; peak growth ${mb(build.libraryPeakGrowth)} (${build.memoryToBytes.toFixed(2)}x the ${mb(build.bytes)} batch) vs ${mb(build.baselinePeakGrowth)}`,
    );
    const parse = await parseBench();
    console.log(
      `parse 50k: library ${parse.libraryMs.toFixed(0)} ms vs plain loop ${parse.baselineMs.toFixed(0)} ms = ${parse.timeRatio.toFixed(2)}x; with raw kept ${parse.withRaw.timeRatio.toFixed(2)}x (${parse.errors} errors classified)`,
    );
  } else {
    const runs = Number(process.argv[at + 1] ?? 5);
    const series: Record<string, number[]> = {};
    const add = (name: string, ratio: number) => {
      series[name] = [...(series[name] ?? []), ratio];
    };
    for (let run = 1; run <= runs; run++) {
      const p50 = await parseBench(50_000, 15, { checked: true });
      const p500 = await parseBench(500_000, 9);
      add("parse 50k", p50.timeRatio);
      add("parse 50k, raw kept", p50.withRaw.timeRatio);
      add("parse 50k vs checked loop", p50.checked!.timeRatio);
      add("parse 500k", p500.timeRatio);
      add("parse 500k, raw kept", p500.withRaw.timeRatio);
      const detail = (name: string, r: ReturnType<typeof pair>) =>
        `${name} ${r.timeRatio.toFixed(2)}x (middle half ${r.ratioSpread[0].toFixed(2)}-${r.ratioSpread[1].toFixed(2)}; ${r.libraryMs.toFixed(0)} vs ${r.baselineMs.toFixed(0)} ms; peak growth ${mb(r.libraryPeakGrowth)} vs ${mb(r.baselinePeakGrowth)})`;
      console.log(
        [
          detail("50k", p50),
          detail("50k raw kept", p50.withRaw),
          detail("50k vs checked loop", p50.checked!),
          detail("500k", p500),
          detail("500k raw kept", p500.withRaw),
        ].join("\n  "),
      );
      console.log(
        `run ${run}: ${Object.entries(series)
          .map(([k, v]) => `${k} ${v.at(-1)!.toFixed(2)}x`)
          .join(", ")}`,
      );
    }
    for (const [name, values] of Object.entries(series)) {
      const sorted = [...values].sort((a, b) => a - b);
      // An even count: the mean of the middle two.
      const half = sorted.length / 2;
      const mid =
        sorted.length % 2 === 1
          ? sorted[Math.floor(half)]!
          : (sorted[half - 1]! + sorted[half]!) / 2;
      console.log(
        `${name}: lowest ${sorted[0]!.toFixed(2)}x, median ${mid.toFixed(2)}x, highest ${sorted.at(-1)!.toFixed(2)}x`,
      );
    }
  }
}
