// The same code on the three batch APIs: only the model string changes. Each provider's SDK is
// an optional peer dependency (`openai`, `@anthropic-ai/sdk`, `@google/genai`), and its key and
// endpoint come from the environment: OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY (and
// OPENAI_BASE_URL, ANTHROPIC_BASE_URL, GOOGLE_GEMINI_BASE_URL for a proxy or the emulator).
import { BatchProcessor } from "structured-batch";
import { z } from "zod";

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });

const messagesList = [
  [{ role: "user" as const, content: "Extract: John Doe is 25 years old, john@example.com" }],
  [{ role: "user" as const, content: "Extract: Jane Smith, age 30, jane.smith@company.com" }],
];

export const MODELS = [
  "openai/gpt-4o-mini",
  "anthropic/claude-haiku-4-5",
  "google/gemini-2.5-flash", // or "gemini/gemini-2.5-flash"
];

export async function main(options: { pollIntervalMs?: number } = {}) {
  const names: Record<string, string[]> = {};
  for (const model of MODELS) {
    const processor = new BatchProcessor(model, User);
    const buffer = await processor.createBatchFromMessages(messagesList, { maxTokens: 150 });
    const batchId = await processor.submitBatch(buffer);
    await processor.waitForCompletion(batchId, { pollIntervalMs: options.pollIntervalMs });
    const results = await processor.getResults(batchId);
    names[model] = results.map((r) => (r.success ? r.result.name : `${r.errorType}`));
    console.log(`${model}: ${batchId} -> ${names[model].join(", ")}`);
  }
  return names;
}
