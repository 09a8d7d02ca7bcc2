// Memory stays flat: 1,000,000 requests built as a stream of provider-sized parts, and a 1 GB
// results file parsed as a stream. Peak memory growth is what is reported.
import { BatchProcessor } from "../src/index.js";
import { mb, measure } from "./measure.js";
import { outputLines, User } from "./workload.js";

function* conversationStream(n: number) {
  for (let i = 0; i < n; i++) {
    yield [
      {
        role: "system" as const,
        content: "You are a helpful assistant that extracts user information.",
      },
      {
        role: "user" as const,
        content: `Extract: User${i} Doe is ${20 + (i % 50)} years old, user${i}@example.com`,
      },
    ];
  }
}

export async function streamBuildBench(n = 1_000_000) {
  const processor = new BatchProcessor("openai/gpt-4o-mini", User, { apiKey: "bench" });
  let parts = 0;
  let bytes = 0;
  let largestPart = 0;
  const sample = await measure(async () => {
    const stream = await processor.createBatchFromMessages(conversationStream(n), {
      stream: true,
      maxTokens: 150,
    });
    // A consumer that sends each part and lets it go (here: counts it).
    for await (const part of stream) {
      parts++;
      bytes += part.size;
      largestPart = Math.max(largestPart, part.size);
    }
  });
  return { requests: n, parts, bytes, largestPart, ms: sample.ms, peakGrowth: sample.peakGrowth };
}

/** A results file of `targetBytes`, produced chunk by chunk so it never exists whole. */
function resultsStream(targetBytes: number): ReadableStream<Uint8Array> {
  const template = outputLines(1000);
  const encoder = new TextEncoder();
  let sent = 0;
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= targetBytes) {
        controller.close();
        return;
      }
      let text = "";
      for (let k = 0; k < 500; k++, i++) {
        text += `${template[i % 1000]!.replace(/request-\d+/, `request-${i}`)}\n`;
      }
      const chunk = encoder.encode(text);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

export async function streamParseBench(targetBytes = 1024 ** 3) {
  const processor = new BatchProcessor("openai/gpt-4o-mini", User, {
    apiKey: "bench",
    includeRaw: false,
  });
  let results = 0;
  let errors = 0;
  const sample = await measure(async () => {
    for await (const r of processor.parseResultsStream(resultsStream(targetBytes))) {
      results++;
      if (!r.success) errors++;
    }
  });
  return { bytes: targetBytes, results, errors, ms: sample.ms, peakGrowth: sample.peakGrowth };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const build = await streamBuildBench();
  console.log(
    `stream build 1M: ${build.parts} parts, ${mb(build.bytes)} in all, largest part ${mb(build.largestPart)}, ${build.ms.toFixed(0)} ms, peak growth ${mb(build.peakGrowth)}`,
  );
  const parse = await streamParseBench();
  console.log(
    `stream parse ${mb(parse.bytes)}: ${parse.results} results (${parse.errors} errors), ${parse.ms.toFixed(0)} ms, peak growth ${mb(parse.peakGrowth)}`,
  );
}
