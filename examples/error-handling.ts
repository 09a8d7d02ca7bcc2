// What can go wrong, and where it shows:
// 1. Bad input throws before anything is sent or written, naming every problem and its place.
// 2. Each request that failed comes back as one `BatchError` with an `errorType`: nothing is
//    lost, and a few failed requests never make the whole batch throw.
// 3. Failures worth another try (expired, missing, 429/5xx) are sent again as a new batch.
// 4. An HTTP call that fails throws a `ProviderApiError` with the provider's status.
import {
  type BatchError,
  BatchProcessor,
  filterErrors,
  filterSuccessful,
  InvalidMessagesError,
  ProviderApiError,
} from "structured-batch";
import { z } from "zod";

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });

const texts = [
  "John Doe is 25 years old, john@example.com",
  "Jane Smith, age 30, jane.smith@company.com",
  "Bob Wilson (28) - bob.wilson@email.com",
  "Ann Lee is 34 years old, ann@example.com",
];

function explain(error: BatchError): string {
  switch (error.errorType) {
    case "validation_error":
      return `the answer did not fit the schema: ${error.errorMessage}`;
    case "parse_error":
      return "the answer was not JSON";
    case "refusal":
      return "the model refused";
    case "truncated":
      return "cut off by maxTokens: raise it";
    case "provider_error":
      return `the provider failed this request (${error.statusCode ?? "no status"})`;
    case "expired":
    case "cancelled":
    case "missing":
      return "never ran: send it again";
    default:
      return error.errorMessage;
  }
}

export async function main(options: { pollIntervalMs?: number } = {}) {
  const processor = new BatchProcessor("openai/gpt-4o-mini", User);

  // 1. Bad input: nothing is sent.
  try {
    await processor.createBatchFromMessages([
      [{ role: "user", content: "Extract: ..." }],
      [{ role: "bot" as "user", content: "Extract: ..." }],
      [],
    ]);
  } catch (error) {
    if (!(error instanceof InvalidMessagesError)) throw error;
    console.log(`refused before sending: ${error.message}`);
  }

  // 2. Per-request failures are results.
  const buffer = await processor.createBatchFromMessages(
    texts.map((text) => [{ role: "user" as const, content: `Extract: ${text}` }]),
    { customIds: ["john", "jane", "bob", "ann"], maxTokens: 150 },
  );
  const batchId = await processor.submitBatch(buffer);
  await processor.waitForCompletion(batchId, { pollIntervalMs: options.pollIntervalMs });
  const results = await processor.getResults(batchId);
  console.log(
    `${filterSuccessful(results).length} succeeded, ${filterErrors(results).length} failed`,
  );
  for (const error of filterErrors(results)) {
    console.log(`  ${error.customId}: ${error.errorType}: ${explain(error)}`);
  }
  console.log(`by error type: ${JSON.stringify(results.summary.byErrorType)}`);

  // 3. Send the transient failures again; the retry's results replace the failed ones.
  let final = results;
  if (filterErrors(results).some((e) => e.errorType === "provider_error")) {
    const retry = await processor.resubmitFailed(batchId, { buffer });
    await processor.waitForCompletion(retry, { pollIntervalMs: options.pollIntervalMs });
    final = await processor.getResults(retry);
    console.log(`after the retry: ${filterSuccessful(final).length} succeeded`);
  }

  // 4. HTTP failures throw, with the provider's status and no key in the message.
  let httpStatus: number | undefined;
  try {
    await processor.getBatchStatus("batch_that_does_not_exist");
  } catch (error) {
    if (!(error instanceof ProviderApiError)) throw error;
    httpStatus = error.status;
    console.log(`${error.name}: ${error.message}`);
  }

  return {
    errors: filterErrors(final).map((e) => `${e.customId}: ${e.errorType}`),
    succeeded: filterSuccessful(final).map((r) => r.customId),
    httpStatus,
  };
}
