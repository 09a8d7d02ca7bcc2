// How much memory a batch takes: `process.memoryUsage()` before and after building 10,000
// requests in memory, and, with `submit: true`, the peak while the batch is sent. Run it with
// `node --expose-gc` (e.g. `npx tsx --expose-gc`) for steadier numbers, and against the real API
// or an emulator in another process (`npx structured-batch emulator`), so that the numbers are
// this process's alone. It also prints the process's high-water RSS (`maxRSS`), what a Lambda's
// memory limit is checked against. The README's memory table comes from
// `bench/peak-rss.bench.ts`, which measures each step in a fresh process.
import { BatchProcessor } from "structured-batch";
import { z } from "zod";

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/** `external` includes `arrayBuffers`: where the batch's bytes live (outside the JS heap). */
interface Snapshot {
  rss: number;
  heapUsed: number;
  external: number;
}

function snapshot(): Snapshot {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, external };
}

function growth(from: Snapshot, to: Snapshot): Snapshot {
  return {
    rss: to.rss - from.rss,
    heapUsed: to.heapUsed - from.heapUsed,
    external: to.external - from.external,
  };
}

/** Samples memory every few milliseconds while `work` runs, and returns the highest values. */
async function peakDuring(work: () => Promise<unknown>): Promise<Snapshot> {
  const peak: Snapshot = { rss: 0, heapUsed: 0, external: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.external = Math.max(peak.external, m.external);
  };
  const timer = setInterval(sample, 2);
  try {
    await work();
  } finally {
    clearInterval(timer);
    sample();
  }
  return peak;
}

export async function main(count = 10_000, options: { model?: string; submit?: boolean } = {}) {
  const processor = new BatchProcessor(options.model ?? "openai/gpt-4o-mini", User);
  const before = snapshot();

  // A typical extraction request: a system prompt and ~100 characters of text.
  const messagesList = Array.from({ length: count }, (_, i) => [
    { role: "system" as const, content: "Extract the user's name, age and email." },
    {
      role: "user" as const,
      content: `Extract: User Number${i} is ${20 + (i % 50)} years old, their email is user${i}@example.com`,
    },
  ]);
  const withInput = snapshot();

  const buffer = await processor.createBatchFromMessages(messagesList, { maxTokens: 150 });
  const built = snapshot();

  const rows: Array<[string, Snapshot]> = [
    ["before", before],
    ["input built", withInput],
    ["batch built", built],
    ["+ for input", growth(before, withInput)],
    ["+ for batch", growth(withInput, built)],
  ];
  let submitPeak: Snapshot | undefined;
  if (options.submit) {
    submitPeak = await peakDuring(() => processor.submitBatch(buffer));
    rows.push(["submit peak", submitPeak], ["+ at submit", growth(built, submitPeak)]);
  }

  console.log(
    `${count} requests (${processor.provider}), ${mb(buffer.size)} of JSONL (${Math.round(buffer.size / count)} bytes each)`,
  );
  console.log(
    `${"".padEnd(12)} ${["rss", "heapUsed", "external"].map((h) => h.padStart(9)).join(" ")}`,
  );
  for (const [label, s] of rows) {
    console.log(
      `${label.padEnd(12)} ${[s.rss, s.heapUsed, s.external].map((n) => mb(n).padStart(9)).join(" ")}`,
    );
  }
  // The batch's bytes are Uint8Array chunks outside the JS heap: `external` grows by about the
  // JSONL's size, the heap by the custom ids and little else.
  // (A collection during the build can make the heap smaller than before: not counted as less.)
  const batch = growth(withInput, built);
  console.log(
    `memory per request for the batch: ~${Math.round((Math.max(0, batch.heapUsed) + batch.external) / count)} bytes`,
  );
  // A high-water mark of the whole process (modules and everything run before included), in KB.
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(`peak RSS of the process so far: ${mb(maxRss)}`);
  return { count, bufferBytes: buffer.size, before, withInput, built, submitPeak, maxRss };
}
