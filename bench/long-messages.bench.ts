// node --import tsx bench/long-messages.bench.ts [--quick]
// One request with one long user message, per provider, built, submitted to the emulator over
// loopback, answered by its default responder, read back and parsed: the time per size and
// the growth from each size to the next (linear: the size ratio). Then the responder's rules
// side by side with the original regexes on the same text, at sizes the originals can finish.

import { createEmulator } from "../src/emulator/index.js";
import { findFacts } from "../src/emulator/responder/text-facts.js";
import { BatchProcessor } from "../src/index.js";
import { worstCaseText } from "../test/support/worst-case-text.js";
import { User } from "./workload.js";

const quick = process.argv.includes("--quick");
const MB = 1_000_000;
const SIZES = quick ? [1, 4] : [1, 4, 16, 64];
const INSTANT = { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 };
const MODELS = ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"];

async function fastest(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const server = await createEmulator({ phases: INSTANT }).listen({ port: 0 });
console.log("one message of worst-case text, build + submit + wait + results (fastest of 2)");
for (const model of MODELS) {
  const processor = new BatchProcessor(model, User, {
    apiKey: "bench",
    baseURL: model.startsWith("openai/") ? `${server.url}/v1` : server.url,
  });
  // A first small run loads the SDK and warms the JIT, so the 1 MB figure is not start-up.
  await processor.submitBatch(
    await processor.createBatchFromMessages([[{ role: "user", content: worstCaseText(MB / 10) }]]),
  );
  const cells: string[] = [];
  let previous: number | undefined;
  for (const size of SIZES) {
    const text = worstCaseText(size * MB);
    const ms = await fastest(2, async () => {
      const buffer = await processor.createBatchFromMessages([[{ role: "user", content: text }]]);
      const id = await processor.submitBatch(buffer);
      await processor.waitForCompletion(id, { pollIntervalMs: 5 });
      const [result] = await processor.getResults(id);
      if (!result?.success) throw new Error(`${model}: ${JSON.stringify(result)}`);
    });
    const growth = previous === undefined ? "" : ` (x${(ms / previous).toFixed(1)})`;
    cells.push(`${size} MB ${ms.toFixed(0)} ms${growth}`);
    previous = ms;
  }
  console.log(`  ${model.padEnd(28)} ${cells.join(", ")}`);
}
await server.close();

// The rules as first written: an e-mail regex that rescans a run without "@" from every start,
// age patterns that try every split of a run of spaces and every start in a run of digits.
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const AGES = [
  /(\d+(?:\.\d+)?)\s*-?\s*(?:years?|yrs?)[\s-]*old/i,
  /\bage[d]?\s*(?:is|of|:|=)?\s*(\d+(?:\.\d+)?)/i,
  /(\d+(?:\.\d+)?)\s*(?:years?|yrs?)\b/i,
];
const original = (text: string) => {
  const blanked = text.replace(EMAIL, (m) => " ".repeat(m.length));
  for (const pattern of AGES) pattern.exec(blanked);
};
console.log("\nresponder rules on worst-case text: original regexes vs now (fastest of 2)");
for (const kb of quick ? [10, 20] : [10, 20, 40]) {
  const text = worstCaseText(kb * 1000);
  const before = await fastest(2, () => original(text));
  const now = await fastest(2, () => findFacts(text));
  console.log(
    `  ${String(kb).padStart(3)} KB  original ${before.toFixed(0)} ms, now ${now.toFixed(2)} ms: ${(before / Math.max(now, 0.01)).toFixed(0)}x`,
  );
}
