import { z } from "zod";
import { BatchProcessor } from "../index.js";
import type { Conversation } from "../messages/types.js";
import type { BatchProcessorOptions } from "../processor/batch-processor-options.js";

/** The seed's quick start: three users to extract. */
export const DEMO_CONVERSATIONS: Conversation[] = [
  [
    { role: "system", content: "You are a helpful assistant that extracts user information." },
    {
      role: "user",
      content: "Extract: John Doe is 25 years old and his email is john@example.com",
    },
  ],
  [
    { role: "system", content: "You are a helpful assistant that extracts user information." },
    {
      role: "user",
      content: "Extract: Jane Smith, age 30, can be reached at jane.smith@company.com",
    },
  ],
  [
    { role: "system", content: "You are a helpful assistant that extracts user information." },
    { role: "user", content: "Extract: Bob Wilson (28) - bob.wilson@email.com" },
  ],
];

export const DemoUser = z.object({
  name: z.string(),
  age: z.number().int(),
  email: z.string(),
});

export interface DemoOptions {
  /** Print here (the CLI passes console.log). */
  print: (line: string) => void;
  pollIntervalMs?: number;
}

/** Runs the quick start against whatever endpoint the environment (or the options) name. */
export async function runDemo(
  options: DemoOptions & { model: string; processorOptions?: BatchProcessorOptions },
): Promise<{ succeeded: number; failed: number }> {
  const { print } = options;
  const processor = new BatchProcessor(options.model, DemoUser, options.processorOptions ?? {});

  const buffer = await processor.createBatchFromMessages(DEMO_CONVERSATIONS, {
    filePath: null,
    maxTokens: 150,
    temperature: 0.1,
  });
  print(`Created batch buffer: ${buffer.constructor.name} (in memory, nothing written to disk)`);
  print(`Buffer size: ${buffer.size} bytes, ${buffer.requestCount} requests`);
  for (const warning of buffer.warnings) print(`Note: ${warning}`);
  print(`Preview: ${buffer.preview(120)}...`);

  const batchId = await processor.submitBatch(buffer, {
    metadata: { description: "structured-batch demo" },
  });
  print(`Submitted batch: ${batchId}`);

  const final = await processor.waitForCompletion(batchId, {
    pollIntervalMs: options.pollIntervalMs ?? 10_000,
    onProgress: (s) => {
      const c = s.requestCounts;
      print(`  status: ${s.status} (${s.rawStatus}), ${c.succeeded + c.failed}/${c.total} done`);
    },
  });
  print(`Batch ${final.status}.`);

  const results = await processor.getResults(batchId);
  const successes = results.filter((r) => r.success);
  print("");
  print(`Total results: ${results.length}`);
  print(`Successful: ${successes.length}`);
  print(`Errors: ${results.length - successes.length}`);
  for (const r of results) {
    if (r.success)
      print(`  ${r.customId}: ${r.result.name}, age ${r.result.age}, ${r.result.email}`);
    else print(`  ${r.customId}: ${r.errorType}: ${r.errorMessage}`);
  }
  return { succeeded: successes.length, failed: results.length - successes.length };
}
