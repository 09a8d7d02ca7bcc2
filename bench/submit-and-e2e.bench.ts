// Upload and end to end on the emulator over loopback.
import { createEmulator } from "../src/emulator/index.js";
import { BatchProcessor } from "../src/index.js";
import { compare, measure } from "./measure.js";
import { conversations, User } from "./workload.js";

const INSTANT = { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 };

export async function submitBench(n = 50_000, rounds = 5) {
  const emulator = createEmulator({ phases: { ...INSTANT, validatingMs: 3_600_000 } });
  const server = await emulator.listen({ port: 0 });
  try {
    const processor = new BatchProcessor("openai/gpt-4o-mini", User, {
      apiKey: "bench",
      baseURL: `${server.url}/v1`,
    });
    const buffer = await processor.createBatchFromMessages(conversations(n), { maxTokens: 150 });
    // What a hand-written submit does with plain fetch: the same bytes as one multipart POST,
    // then the create call. The library's submit makes the same two calls through the SDK.
    const headers = { authorization: "Bearer bench" };
    const plain = async () => {
      const form = new FormData();
      form.set("purpose", "batch");
      form.set("file", new File([buffer.toBlob()], "batch.jsonl", { type: "application/jsonl" }));
      const upload = await fetch(`${server.url}/v1/files`, { method: "POST", headers, body: form });
      const file = (await upload.json()) as { id: string };
      const created = await fetch(`${server.url}/v1/batches`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({
          input_file_id: file.id,
          endpoint: "/v1/chat/completions",
          completion_window: "24h",
        }),
      });
      if (!created.ok) throw new Error(`create failed: ${created.status}`);
      await created.json();
    };
    const library = () => processor.submitBatch(buffer);
    const { a: lib, b: base, ratio, spread } = await compare(rounds, library, plain);
    return {
      requests: n,
      bytes: buffer.size,
      libraryMs: lib.ms,
      plainFetchMs: base.ms,
      timeRatio: ratio,
      ratioSpread: spread,
    };
  } finally {
    await server.close();
  }
}

export async function endToEndBench(n = 50_000) {
  const emulator = createEmulator({ phases: INSTANT });
  const server = await emulator.listen({ port: 0 });
  try {
    const processor = new BatchProcessor("openai/gpt-4o-mini", User, {
      apiKey: "bench",
      baseURL: `${server.url}/v1`,
      includeRaw: false,
    });
    const convs = conversations(n);
    const times: Record<string, number> = {};
    let buffer: Awaited<ReturnType<typeof processor.createBatchFromMessages>> | undefined;
    times.build = (
      await measure(async () => {
        buffer = await processor.createBatchFromMessages(convs, { maxTokens: 150 });
      })
    ).ms;
    let id = "";
    times.upload = (
      await measure(async () => {
        id = await processor.submitBatch(buffer!);
      })
    ).ms;
    // The emulator answers every request when the batch is first read: that is the "provider".
    times.wait = (await measure(() => processor.waitForCompletion(id, { pollIntervalMs: 10 }))).ms;
    let results = 0;
    const download = performance.now();
    let parseMs = 0;
    for await (const r of processor.streamResults(id)) {
      const t = performance.now();
      if (r.customId) results++;
      parseMs += performance.now() - t;
    }
    times.downloadAndParse = performance.now() - download;
    const total = Object.values(times).reduce((a, b) => a + b, 0);
    return {
      requests: n,
      results,
      times,
      totalMs: total,
      libraryShare: (times.build! + times.downloadAndParse!) / total,
      parseConsumerMs: parseMs,
    };
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const submit = await submitBench();
  console.log(
    `submit 50k (${(submit.bytes / 1048576).toFixed(1)} MB): library ${submit.libraryMs.toFixed(0)} ms vs plain fetch ${submit.plainFetchMs.toFixed(0)} ms = ${submit.timeRatio.toFixed(2)}x`,
  );
  const e2e = await endToEndBench();
  console.log(
    `end to end 50k: ${JSON.stringify(Object.fromEntries(Object.entries(e2e.times).map(([k, v]) => [k, Math.round(v)])))} total ${e2e.totalMs.toFixed(0)} ms, ${e2e.results} results`,
  );
}
