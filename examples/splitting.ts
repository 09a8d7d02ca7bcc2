// A batch too large for one provider batch (OpenAI: 50,000 requests or 200 MB; Anthropic:
// 100,000 or 256 MB; Gemini: 2 GB) is sent as several, under one handle (`sbh1_...`) that every
// method takes and that a serverless function can store and resume from. The processor's
// `limits` sets a lower ceiling: here 2 requests per part, so that 5 requests make 3 parts.
import { BatchProcessor, decodeBatchHandle } from "structured-batch";
import { z } from "zod";

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });

const texts = [
  "John Doe is 25 years old, john@example.com",
  "Jane Smith, age 30, jane.smith@company.com",
  "Bob Wilson (28) - bob.wilson@email.com",
  "Ann Lee is 34 years old, ann@example.com",
  "Bo Chen, 41, bo@example.com",
];

export async function main(options: { pollIntervalMs?: number } = {}) {
  const processor = new BatchProcessor("openai/gpt-4o-mini", User, {
    limits: { maxRequests: 2 },
  });
  const buffer = await processor.createBatchFromMessages(
    texts.map((text) => [{ role: "user" as const, content: `Extract: ${text}` }]),
    { maxTokens: 150 },
  );

  const handle = await processor.submitBatch(buffer);
  const parts = decodeBatchHandle(handle)?.layers[0] ?? [];
  console.log(`handle: ${handle.slice(0, 24)}... (${handle.length} characters)`);
  for (const part of parts) {
    console.log(`  part ${part.id}: requests ${part.first} to ${part.first + part.count - 1}`);
  }

  // One status for all parts, and the results of all parts in input order.
  const status = await processor.waitForCompletion(handle, {
    pollIntervalMs: options.pollIntervalMs,
  });
  console.log(`status: ${status.status}, ${status.requestCounts.succeeded} succeeded`);
  const results = await processor.getResults(handle);
  for (const r of results) console.log(r.customId, r.success ? r.result.name : r.errorType);
  return { handle, parts: parts.length, results };
}
