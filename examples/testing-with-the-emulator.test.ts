import { BatchProcessor, filterErrors, filterSuccessful } from "structured-batch";
import { createEmulator, fixtureResponder } from "structured-batch/emulator";
import { describe, expect, it } from "vitest";
import { z } from "zod";

// --- your code: a pipeline that extracts users and queues failures for review -------------
const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });

async function startExtraction(processor: BatchProcessor<z.infer<typeof User>>, texts: string[]) {
  const buffer = await processor.createBatchFromMessages(
    texts.map((text) => [{ role: "user" as const, content: `Extract the user: ${text}` }]),
    { customIds: texts.map((_, i) => `user-${i}`), maxTokens: 200 },
  );
  return processor.submitBatch(buffer, { metadata: { job: "nightly-users" } });
}

async function finishExtraction(processor: BatchProcessor<z.infer<typeof User>>, batchId: string) {
  await processor.waitForCompletion(batchId, { pollIntervalMs: 10 });
  const results = await processor.getResults(batchId);
  return {
    users: filterSuccessful(results).map((r) => r.result),
    review: filterErrors(results).map((r) => `${r.customId}: ${r.errorType}`),
  };
}

// --- its test, with no network, no key and no 24-hour wait ---------------------------------
describe("nightly user extraction", () => {
  it("keeps the extracted users and queues the refused one for review", async () => {
    const emulator = createEmulator({
      // Realistic timing: an hour in progress...
      phases: { validatingMs: 60_000, inProgressMs: 3_600_000, finalizingMs: 60_000 },
      // ...and one request scripted to be refused; the rest get schema-valid answers.
      responder: fixtureResponder({ "user-1": { type: "refusal", message: "I can't help." } }),
    });
    const processor = new BatchProcessor("openai/gpt-4o-mini", User, {
      apiKey: "test-key",
      baseURL: "http://emulator.local/v1",
      fetch: emulator.fetch, // in process: no port, no server
    });

    const batchId = await startExtraction(processor, [
      "Ann Lee is 34 years old, ann@example.com",
      "Bo Chen, 41, bo@example.com",
      "Cy Diaz (29) cy@example.com",
    ]);
    expect((await processor.getBatchStatus(batchId)).status).toBe("pending");

    emulator.clock.advance(2 * 60 * 60 * 1000); // two hours pass at once

    const { users, review } = await finishExtraction(processor, batchId);
    expect(users).toEqual([
      { name: "Ann Lee", age: 34, email: "ann@example.com" },
      { name: "Cy Diaz", age: 29, email: "cy@example.com" },
    ]);
    expect(review).toEqual(["user-1: refusal"]);
  });
});
