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

export async function parseBench(n = 50_000, rounds = 5) {
  const text = `${outputLines(n).join("\n")}\n`;
  const processor = new BatchProcessor("openai/gpt-4o-mini", User, {
    apiKey: "bench",
    includeRaw: false,
  });
  // By hand: split, parse the line and the content, validate with zod.
  const naive = () => {
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
  };
  const library = () => processor.parseResults(text);
  const { a: lib, b: base, ratio, spread } = await compare(rounds, library, naive);
  // Counted outside the timed runs: the baseline does no such pass.
  const errorTypes: Record<string, number> = {};
  for (const r of await library()) {
    if (!r.success) errorTypes[r.errorType] = (errorTypes[r.errorType] ?? 0) + 1;
  }
  const errors = Object.values(errorTypes).reduce((a, b) => a + b, 0);
  return {
    lines: n,
    errors,
    errorTypes,
    libraryMs: lib.ms,
    baselineMs: base.ms,
    timeRatio: ratio,
    ratioSpread: spread,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const build = await buildBench();
  console.log(
    `build 50k: library ${build.libraryMs.toFixed(0)} ms vs hand-written ${build.baselineMs.toFixed(0)} ms = ${build.timeRatio.toFixed(2)}x; peak growth ${mb(build.libraryPeakGrowth)} (${build.memoryToBytes.toFixed(2)}x the ${mb(build.bytes)} batch) vs ${mb(build.baselinePeakGrowth)}`,
  );
  const parse = await parseBench();
  console.log(
    `parse 50k: library ${parse.libraryMs.toFixed(0)} ms vs hand-written ${parse.baselineMs.toFixed(0)} ms = ${parse.timeRatio.toFixed(2)}x (${parse.errors} errors classified)`,
  );
}
