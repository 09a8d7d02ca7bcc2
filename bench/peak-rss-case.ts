// One case of bench/peak-rss.bench.ts, run in a fresh process (bundled by esbuild and run with
// plain `node --expose-gc`, as a function's bundle runs): argv = provider, requests, case
// (build | submit | build+submit), emulator URL. Prints one JSON line with the figures.
//
// `process.resourceUsage().maxRSS` is the process's high-water mark, so the library and the
// SDK are loaded first (reported as module load: a real Worker or Lambda pays that too, once),
// then the input messages are made and collected, and only then is "before" read.
export type PeakRssCase = "build" | "submit" | "build+submit";
export type PeakRssProvider = "openai" | "anthropic" | "google";

export interface PeakRssFigures {
  provider: PeakRssProvider;
  requests: number;
  case: PeakRssCase;
  /** JSONL bytes of the batch. */
  bytes: number;
  /** RSS of the process before anything was imported (Node itself), bytes. */
  startRss: number;
  /** High-water RSS growth from loading the library, zod and the provider's SDK. */
  moduleLoad: number;
  /** RSS growth from making the input messages (they stay alive through the measured work). */
  input: number;
  /** RSS growth from building the batch before the work (the submit case only). */
  prebuilt: number;
  /**
   * The peak RSS growth of the work: the process's high-water RSS after it minus its RSS (after
   * a collection) just before it. Never less than `maxRssDelta`: memory that an earlier stage
   * (making the input) touched and the collector gave back would otherwise hide under the old
   * high-water mark. It includes the growth of V8's young generation (up to 2 x 16 MB) when the
   * work is the first to allocate that much, as it is in a function that does nothing else.
   */
  peakRssGrowth: number;
  /** maxRSS after the work minus maxRSS before it (the high-water mark moved by the work). */
  maxRssDelta: number;
  /** Peak of heap + arrayBuffers during the work, sampled every 2 ms, minus the value before. */
  sampledGrowth: number;
  /** The process's whole high-water RSS at the end. */
  maxRss: number;
  ms: number;
}

const MODELS: Record<PeakRssProvider, string> = {
  openai: "openai/gpt-4o-mini",
  anthropic: "anthropic/claude-haiku-4-5",
  google: "google/gemini-2.5-flash",
};
const SDKS: Record<PeakRssProvider, string> = {
  openai: "openai",
  anthropic: "@anthropic-ai/sdk",
  google: "@google/genai",
};

// Ids of no batch: the status call fails (404) after loading the client and the fetch stack.
const WARM_UP_IDS: Record<PeakRssProvider, string> = {
  openai: "batch_warm-up",
  anthropic: "msgbatch_warm-up",
  google: "batches/warm-up",
};

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with node --expose-gc");
const maxRss = () => process.resourceUsage().maxRSS * 1024;
const heapAndBuffers = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

async function run(): Promise<PeakRssFigures> {
  const [provider, requestsArg, kind, emulatorUrl] = process.argv.slice(2) as [
    PeakRssProvider,
    string,
    PeakRssCase,
    string,
  ];
  const requests = Number(requestsArg);
  const startRss = maxRss();
  const { BatchProcessor } = await import("../src/index.js");
  const { conversations, User } = await import("./workload.js");
  await import(SDKS[provider]);
  const processor = new BatchProcessor(MODELS[provider], User, {
    apiKey: "bench",
    baseURL: provider === "openai" ? `${emulatorUrl}/v1` : emulatorUrl,
  });
  // The client is made on first use; a status call that fails makes it, outside the measure.
  await processor.getBatchStatus(WARM_UP_IDS[provider]).catch(() => undefined);
  gc?.();
  const loaded = maxRss();

  const input = conversations(requests);
  gc?.();
  const withInput = maxRss();
  let buffer =
    kind === "submit"
      ? await processor.createBatchFromMessages(input, { maxTokens: 150 })
      : undefined;
  gc?.();
  const before = maxRss();
  const currentBefore = process.memoryUsage().rss;
  const sampledBefore = heapAndBuffers();
  let sampledPeak = sampledBefore;
  const timer = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, heapAndBuffers());
  }, 2);
  const start = performance.now();
  if (buffer === undefined)
    buffer = await processor.createBatchFromMessages(input, { maxTokens: 150 });
  if (kind !== "build") await processor.submitBatch(buffer);
  const ms = performance.now() - start;
  sampledPeak = Math.max(sampledPeak, heapAndBuffers());
  clearInterval(timer);
  const after = maxRss();
  return {
    provider,
    requests,
    case: kind,
    bytes: buffer.size,
    startRss,
    moduleLoad: loaded - startRss,
    input: withInput - loaded,
    prebuilt: before - withInput,
    peakRssGrowth: after - currentBefore,
    maxRssDelta: after - before,
    sampledGrowth: sampledPeak - sampledBefore,
    maxRss: after,
    ms,
  };
}

// Only when run as the child: the orchestrator imports this file for its types alone.
if (process.argv[1]?.includes("peak-rss-case")) {
  console.log(JSON.stringify(await run()));
}
