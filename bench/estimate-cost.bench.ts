// npm run bench:cost [-- --quick]
// What an estimate costs next to building the batch itself: per provider, 10,000 requests of the
// benchmark workload, `estimateCost(buffer)` (reading the built lines) and
// `estimateCost(conversations)` (building and reading a part at a time) against
// `createBatchFromMessages` alone. Alternated rounds, medians, and the ratio of each round (see
// measure.ts): on a shared machine the spread is part of the result.
import { BatchProcessor } from "../src/index.js";
import { compare } from "./measure.js";
import { conversations, User } from "./workload.js";

const quick = process.argv.includes("--quick");
const N = 10_000;
const ROUNDS = quick ? 3 : 7;
const MODELS = ["openai/gpt-5-mini", "anthropic/claude-sonnet-4-5", "google/gemini-2.5-flash"];
const list = conversations(N);

console.log(`estimateCost per ${N} requests vs building the batch (median of ${ROUNDS} rounds)`);
for (const model of MODELS) {
  const processor = new BatchProcessor(model, User, { apiKey: "bench" });
  const params = { maxTokens: 300 };
  const buffer = await processor.createBatchFromMessages(list, params);
  // Warm-up: loads the tokenizer and the price data, and warms the JIT.
  await processor.estimateCost(buffer);
  const build = () => processor.createBatchFromMessages(list, params);
  const fromBuffer = await compare(ROUNDS, () => processor.estimateCost(buffer), build);
  const fromList = await compare(ROUNDS, () => processor.estimateCost(list, params), build);
  const f = (r: { ratio: number; spread: readonly [number, number] }) =>
    `x${r.ratio.toFixed(2)} (${r.spread[0].toFixed(2)}-${r.spread[1].toFixed(2)})`;
  console.log(
    `  ${model.padEnd(28)} build ${fromBuffer.b.ms.toFixed(0)} ms; estimate(buffer) ${fromBuffer.a.ms.toFixed(0)} ms ${f(fromBuffer)}; estimate(conversations) ${fromList.a.ms.toFixed(0)} ms ${f(fromList)}`,
  );
}
