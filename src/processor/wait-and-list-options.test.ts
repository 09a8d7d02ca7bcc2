// waitForCompletion and listBatches options are checked before the first request: the
// processors here point at a closed port, so any request would fail with a ProviderApiError.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchProcessor } from "./batch-processor.js";

const processors = [
  "openai/gpt-4o-mini",
  "anthropic/claude-haiku-4-5",
  "google/gemini-2.5-flash",
  "mistral/mistral-small-latest",
].map(
  (model) =>
    new BatchProcessor(model, z.object({ n: z.number() }), {
      apiKey: "k",
      baseURL: "http://127.0.0.1:9/v1",
    }),
);
const ids: Record<string, string> = {
  openai: "batch_a",
  anthropic: "msgbatch_a",
  google: "batches/a",
  mistral: "2f3e7c4a-9b1d-4c8e-a0f2-5d6b7c8e9f01",
  bedrock: "arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abcd1234efgh",
  vertex: "projects/p/locations/us-central1/batchPredictionJobs/1",
};

describe.each(processors)("$provider: wait and list options", (processor) => {
  it.each([
    [{ pollIntervalMs: -1 }, "pollIntervalMs"],
    [{ pollIntervalMs: Number.NaN }, "pollIntervalMs"],
    [{ maxPollIntervalMs: Number.POSITIVE_INFINITY }, "maxPollIntervalMs"],
    [{ timeoutMs: -5 }, "timeoutMs"],
    [{ timeoutMs: "60000" }, "timeoutMs"],
    [{ stallWarningMs: Number.NaN }, "stallWarningMs"],
    [{ backoffFactor: 0.5 }, "backoffFactor"],
    [{ onProgress: "log" }, "onProgress"],
    [{ signal: { aborted: false } }, "signal"],
  ])("waitForCompletion refuses %j", async (options, name) => {
    await expect(
      processor.waitForCompletion(ids[processor.provider]!, options as never),
    ).rejects.toMatchObject({ name: "InvalidArgumentError", issues: [{ path: [name] }] });
  });

  it.each([
    [{ limit: 0 }, "limit"],
    [{ limit: -1 }, "limit"],
    [{ limit: 2.5 }, "limit"],
    [{ limit: Number.NaN }, "limit"],
    [{ limit: "10" }, "limit"],
    [{ pageSize: 10 }, "pageSize"],
  ])("listBatches refuses %j", async (options, name) => {
    await expect(processor.listBatches(options as never)).rejects.toMatchObject({
      name: "InvalidArgumentError",
      issues: [{ path: [name] }],
    });
  });
});
