import { describe, expect, it } from "vitest";
import { fixtureJson } from "../../../test/support/fixtures.js";
import { viewGeminiBatch } from "./gemini-batch-view.js";
import { mapGeminiBatchStatus, mapGeminiStateValue } from "./map-gemini-batch-status.js";

describe("mapGeminiBatchStatus", () => {
  it("normalises the observed pending batch: string counts, dates, display name", () => {
    const status = mapGeminiBatchStatus(fixtureJson("gemini/batch.pending.file.json"));
    expect(status).toMatchObject({
      id: "batches/7h9w4gzuqot3bb3fpd1e2nqcp980iwnmjs7n",
      provider: "google",
      status: "pending",
      rawStatus: "BATCH_STATE_PENDING",
      requestCounts: { total: 5, succeeded: 0, failed: 0, pending: 5 },
      metadata: { displayName: "ExecuteAsFile Example" },
      errors: [],
      completedAt: undefined,
    });
    expect(status.createdAt?.toISOString()).toBe("2025-09-07T11:55:07.827Z");
  });

  it("reads a succeeded batch from the SDK's tests: counts, end time, results file", () => {
    const raw = fixtureJson("gemini/sdk_test.embed_batch.succeeded.file.json");
    const status = mapGeminiBatchStatus(raw);
    expect(status).toMatchObject({
      status: "completed",
      requestCounts: { total: 3, succeeded: 3, failed: 0, pending: 0 },
    });
    expect(status.completedAt?.toISOString()).toBe("2025-08-30T00:52:51.317Z");
    expect(viewGeminiBatch(raw)).toMatchObject({
      inputFile: "files/7t2beg32d5er",
      responsesFile: "files/batch-output-file",
    });
    // A batch just created has no stats yet.
    expect(
      mapGeminiBatchStatus(fixtureJson("gemini/sdk_test.embed_batch.created.json")).requestCounts,
    ).toEqual({ total: 0, succeeded: 0, failed: 0, pending: 0 });
  });

  it("maps both state families, the wire's and the SDK's", () => {
    const states = ["PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"];
    const expected = ["pending", "processing", "completed", "failed", "cancelled", "expired"];
    expect(states.map((s) => mapGeminiStateValue(`BATCH_STATE_${s}`))).toEqual(expected);
    expect(states.map((s) => mapGeminiStateValue(`JOB_STATE_${s}`))).toEqual(expected);
    expect(mapGeminiStateValue("JOB_STATE_CANCELLING")).toBe("processing");
    expect(mapGeminiStateValue("JOB_STATE_QUEUED")).toBe("pending");
    expect(mapGeminiStateValue("BATCH_STATE_SOMETHING_NEW")).toBe("processing");
  });

  it("counts the rest as pending when pendingRequestCount is absent", () => {
    const raw = fixtureJson("gemini/batch.pending.file.json");
    raw.metadata.state = "BATCH_STATE_RUNNING";
    raw.metadata.batchStats = {
      requestCount: "10",
      successfulRequestCount: "4",
      failedRequestCount: "1",
    };
    expect(mapGeminiBatchStatus(raw).requestCounts).toEqual({
      total: 10,
      succeeded: 4,
      failed: 1,
      pending: 5,
    });
  });

  it("surfaces the operation-level error of a failed batch", () => {
    const raw = fixtureJson("gemini/batch.pending.file.json");
    raw.metadata.state = "BATCH_STATE_FAILED";
    raw.done = true;
    raw.error = { code: 3, message: "Invalid JSON on line 2 of the input file." };
    const status = mapGeminiBatchStatus(raw);
    expect(status.status).toBe("failed");
    expect(status.errors).toEqual([
      {
        code: "INVALID_ARGUMENT",
        message: "Invalid JSON on line 2 of the input file.",
        line: undefined,
        param: undefined,
      },
    ]);
  });

  it("reads the SDK's BatchJob shape (no counts) and each page of the observed list", () => {
    const status = mapGeminiBatchStatus({
      name: "batches/abc",
      displayName: "demo",
      state: "JOB_STATE_SUCCEEDED",
      createTime: "2025-08-30T00:44:07.900645097Z",
      endTime: "2025-08-30T00:52:50.970984334Z",
      dest: { inlinedResponses: [] },
    });
    expect(status).toMatchObject({
      id: "batches/abc",
      status: "completed",
      rawStatus: "JOB_STATE_SUCCEEDED",
      requestCounts: { total: 0 },
      metadata: { displayName: "demo" },
    });
    const page = fixtureJson("gemini/batch.list.response.json");
    expect(page.operations.map(mapGeminiBatchStatus)).toEqual([
      expect.objectContaining({
        status: "pending",
        requestCounts: expect.objectContaining({ total: 5 }),
      }),
    ]);
  });
});
