// The README's quick start, type-checked with the rest of the project.
import { z } from "zod";
import { BatchProcessor } from "../src/index.js";

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });

export async function quickStart(options: { apiKey?: string; baseURL?: string } = {}) {
  const processor = new BatchProcessor("openai/gpt-4o-mini", User, options);

  const messagesList = [
    [
      { role: "system", content: "You are a helpful assistant that extracts user information." },
      {
        role: "user",
        content: "Extract: John Doe is 25 years old and his email is john@example.com",
      },
    ],
  ] as const;

  const buffer = await processor.createBatchFromMessages(messagesList, {
    filePath: null,
    maxTokens: 150,
    temperature: 0.1,
  });
  console.log(buffer.size, buffer.preview(200));

  const batchId = await processor.submitBatch(buffer, { metadata: { description: "demo" } });
  await processor.waitForCompletion(batchId, { onProgress: console.log });

  for (const r of await processor.getResults(batchId)) {
    if (r.success) console.log(r.customId, r.result.name);
    else console.log(r.customId, r.errorType, r.errorMessage);
  }
}
