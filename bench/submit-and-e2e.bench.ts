// Upload and end to end on the emulator over loopback.
import { createEmulator } from "../src/emulator/index.js";
import { type BatchBuffer, BatchProcessor } from "../src/index.js";
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
  // The emulator answers the requests when a status read finds the batch past its in-progress
  // phase, so that work lands in "wait" (the provider's time), not in the create call.
  const emulator = createEmulator({ phases: { ...INSTANT, inProgressMs: 1 } });
  const server = await emulator.listen({ port: 0 });
  try {
    const processor = new BatchProcessor("openai/gpt-4o-mini", User, {
      apiKey: "bench",
      baseURL: `${server.url}/v1`,
      includeRaw: false,
    });
    const convs = conversations(n);
    const times: Record<string, number> = {};
    let buffer: BatchBuffer | undefined;
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
    times.wait = (await measure(() => processor.waitForCompletion(id, { pollIntervalMs: 10 }))).ms;
    // Download and parse as two steps, so each has its own time: the raw lines as served, then
    // those lines parsed and validated.
    const lines: string[] = [];
    times.download = (
      await measure(async () => {
        for await (const line of processor.streamRawResults(id)) lines.push(line);
      })
    ).ms;
    let parsed = 0;
    times.parse = (
      await measure(async () => {
        parsed = (await processor.parseResults(lines.join("\n"))).length;
      })
    ).ms;
    // What users usually call: download, parse and account for every id in one pass.
    let results = 0;
    const oneStreamMs = (
      await measure(async () => {
        for await (const r of processor.streamResults(id, { buffer })) if (r.customId) results++;
      })
    ).ms;
    // The floor for the download: the same files fetched with plain fetch, as text.
    const floorMs = (
      await measure(async () => {
        const batch = (await (
          await fetch(`${server.url}/v1/batches/${id}`, {
            headers: { authorization: "Bearer bench" },
          })
        ).json()) as { output_file_id: string | null; error_file_id: string | null };
        for (const file of [batch.output_file_id, batch.error_file_id]) {
          if (!file) continue;
          const res = await fetch(`${server.url}/v1/files/${file}/content`, {
            headers: { authorization: "Bearer bench" },
          });
          await res.text();
        }
      })
    ).ms;
    const total = Object.values(times).reduce((a, b) => a + b, 0);
    return {
      requests: n,
      results,
      parsed,
      times,
      totalMs: total,
      // The library's own work: building, and parsing; upload, wait and download are the
      // network and the provider (here the emulator, in this same process).
      libraryShare: (times.build! + times.parse!) / total,
      streamResultsMs: oneStreamMs,
      plainDownloadMs: floorMs,
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
