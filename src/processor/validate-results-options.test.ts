// Results and resubmission options are checked before any request: the processor points at a
// closed port, so a request would end in a ProviderApiError instead.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchProcessor } from "./batch-processor.js";

const processor = new BatchProcessor("openai/gpt-4o-mini", z.object({ n: z.number() }), {
  apiKey: "k",
  baseURL: "http://127.0.0.1:9/v1",
});

describe("results options", () => {
  it.each([
    [{ customIds: "request-0" }, "customIds"],
    [{ customIds: [1, 2] }, "customIds"],
    [{ buffer: { customIds: ["a"] } }, "buffer"],
  ])("getResults and streamResults refuse %j", async (options, name) => {
    for (const call of [
      () => processor.getResults("batch_a", options as never),
      () => processor.streamResults("batch_a", options as never).next(),
    ]) {
      await expect(call()).rejects.toMatchObject({
        name: "InvalidArgumentError",
        issues: [{ path: [name] }],
      });
    }
  });

  it("resubmitFailed refuses an unknown error type, which would retry nothing", async () => {
    const buffer = await processor.createBatchFromMessages([[{ role: "user", content: "x" }]]);
    await expect(
      processor.resubmitFailed("batch_a", { buffer, errorTypes: ["expired", "expird" as never] }),
    ).rejects.toMatchObject({
      name: "InvalidArgumentError",
      issues: [{ code: "invalid_error_type", path: ["errorTypes", 1] }],
    });
    await expect(
      processor.resubmitFailed("batch_a", { buffer, errorTypes: "expired" as never }),
    ).rejects.toMatchObject({ issues: [{ code: "invalid_error_type", path: ["errorTypes"] }] });
  });
});
