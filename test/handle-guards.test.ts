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
});
