// Look before you send: a built batch tells its size, its request count and its ids, shows its
// first characters, and lists what it left out (parameters a provider would reject). Checking
// the size against the memory you have and the provider's limits is one `if`.
import { BatchProcessor } from "structured-batch";
import { z } from "zod";

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });

const texts = [
  "John Doe is 25 years old and his email is john@example.com",
  "Jane Smith, age 30, can be reached at jane.smith@company.com",
  "Bob Wilson (28) - bob.wilson@email.com",
];

/** OpenAI takes up to 200 MB per batch file; the library splits above it (see splitting.ts). */
const OPENAI_MAX_BYTES = 200 * 1024 * 1024;

export async function main() {
  // Anthropic's current API version rejects `temperature`: the build leaves it out and says so.
  const processor = new BatchProcessor("anthropic/claude-haiku-4-5", User);
  const buffer = await processor.createBatchFromMessages(
    texts.map((text) => [{ role: "user" as const, content: `Extract: ${text}` }]),
    { filePath: null, maxTokens: 150, temperature: 0.1 },
  );

  const perRequest = Math.round(buffer.size / buffer.requestCount);
  console.log(
    `size: ${buffer.size} bytes, ${buffer.requestCount} requests, ~${perRequest} bytes each`,
  );
  console.log(`custom ids: ${buffer.customIds.join(", ")}`);
  console.log(`preview: ${buffer.preview(200)}`);
  for (const warning of buffer.warnings) console.log(`warning: ${warning}`);

  // Every line is a request as the provider will read it.
  const first = JSON.parse(buffer.lines().next().value ?? "{}");
  console.log(`first request: ${first.custom_id}, max_tokens ${first.params?.max_tokens}`);

  if (buffer.size > OPENAI_MAX_BYTES) console.log("over 200 MB: it will be sent in several parts");
  return {
    size: buffer.size,
    requestCount: buffer.requestCount,
    preview: buffer.preview(200),
    warnings: buffer.warnings,
  };
}
