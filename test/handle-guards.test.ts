// What a processor does with a handle that is not its own, before any network call: the
// processors here have no reachable server, so only the checks can answer.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { encodeBatchHandle } from "../src/batch/batch-handle.js";
import { BatchProcessor, InvalidArgumentError } from "../src/index.js";

const Item = z.object({ n: z.number() });
const offline = (model: string) =>
  new BatchProcessor(model, Item, { apiKey: "k", baseURL: "http://127.0.0.1:9/v1" });

const googleHandle = encodeBatchHandle({
  v: 1,
  provider: "google",
  total: 4,
  defaultIds: true,
  layers: [
    [
      { id: "batches/a", first: 0, count: 2 },
      { id: "batches/b", first: 2, count: 2 },
    ],
  ],
});

describe("handles given to the wrong processor", () => {
  const openai = offline("openai/gpt-4o-mini");

  it.each([
    ["getBatchStatus", () => openai.getBatchStatus(googleHandle)],
    ["waitForCompletion", () => openai.waitForCompletion(googleHandle)],
    ["getResults", () => openai.getResults(googleHandle)],
    ["streamResults", () => openai.streamResults(googleHandle).next()],
    ["cancelBatch", () => openai.cancelBatch(googleHandle)],
    ["deleteBatch", () => openai.deleteBatch(googleHandle)],
    ["streamRawResults", () => openai.streamRawResults(googleHandle).next()],
  ])("%s refuses a handle of another provider", async (_, call) => {
    await expect(call()).rejects.toMatchObject({
      name: "InvalidArgumentError",
      code: "invalid_handle",
      issues: [{ code: "provider_mismatch" }],
    });
  });

  it("refuses a damaged handle before calling the provider", async () => {
    await expect(openai.getBatchStatus("sbh1_not-a-handle")).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });

  it("resubmitFailed refuses a buffer that is not the one submitted", async () => {
    const google = offline("google/gemini-2.5-flash");
    const buffer = await google.createBatchFromMessages([
      [{ role: "user", content: "one" }],
      [{ role: "user", content: "two" }],
      [{ role: "user", content: "three" }],
    ]);
    await expect(google.resubmitFailed(googleHandle, { buffer })).rejects.toMatchObject({
      code: "invalid_argument",
      issues: [{ code: "buffer_mismatch", path: ["buffer"] }],
    });
  });

  // A handle is a plain string a caller stores and hands back: one edited to point a part at
  // another endpoint must be refused before any part is read.
  const tampered = (provider: "openai" | "anthropic" | "google", id: string) =>
    encodeBatchHandle({
      v: 1,
      provider,
      total: 2,
      defaultIds: true,
      layers: [
        [
          {
            id: { openai: "batch_a", anthropic: "msgbatch_a", google: "batches/a" }[provider],
            first: 0,
            count: 1,
          },
          { id, first: 1, count: 1 },
        ],
      ],
    });

  it.each([
    ["openai/gpt-4o-mini", "openai", "../files"],
    ["anthropic/claude-haiku-4-5", "anthropic", "msgbatch_a/results"],
    ["google/gemini-2.5-flash", "google", "batches/../files/x"],
  ] as const)("%s refuses a handle whose part id leaves its path", async (model, provider, id) => {
    const processor = offline(model);
    const handle = tampered(provider, id);
    for (const call of [
      () => processor.getBatchStatus(handle),
      () => processor.cancelBatch(handle),
      () => processor.deleteBatch(handle),
      () => processor.getResults(handle),
      () => processor.streamRawResults(handle).next(),
    ]) {
      await expect(call()).rejects.toMatchObject({
        name: "InvalidArgumentError",
        code: "invalid_batch_id",
        issues: [{ code: "invalid_batch_id", path: ["handle", "parts", 1, "id"] }],
      });
    }
  });
});
