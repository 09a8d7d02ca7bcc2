import { describe, expect, it } from "vitest";
import { mapMistralBatchStatus, mapMistralStatusValue } from "./map-mistral-batch-status.js";

describe("mapMistralBatchStatus", () => {
  it("maps every status of SDK 2.7.0's BatchJobStatus, and runs on with an unknown one", () => {
    expect(
      [
        "QUEUED",
        "RUNNING",
        "CANCELLATION_REQUESTED",
        "SUCCESS",
        "FAILED",
        "TIMEOUT_EXCEEDED",
        "CANCELLED",
        "SOMETHING_NEW",
      ].map(mapMistralStatusValue),
    ).toEqual([
      "pending",
      "processing",
      "processing",
      "completed",
      "failed",
      "expired",
      "cancelled",
      "processing",
    ]);
  });

  it("reads the SDK's camelCase job: counts, dates, metadata without the submission token", () => {
    const status = mapMistralBatchStatus({
      id: "job-1",
      status: "SUCCESS",
      totalRequests: 10,
      succeededRequests: 7,
      failedRequests: 2,
      createdAt: 1_700_000_000,
      startedAt: 1_700_000_010,
      completedAt: 1_700_000_100,
      metadata: { description: "nightly", structured_batch_submission: "t" },
      errors: [],
    });
    expect(status).toMatchObject({
      provider: "mistral",
      status: "completed",
      rawStatus: "SUCCESS",
      requestCounts: { total: 10, succeeded: 7, failed: 2, pending: 1 },
      metadata: { description: "nightly" },
    });
    expect(status.metadata).not.toHaveProperty("structured_batch_submission");
    expect(status.completedAt?.getTime()).toBe(1_700_000_100_000);
  });

  it("reads the wire's snake_case too, and a failed job's errors with their counts", () => {
    const status = mapMistralBatchStatus({
      id: "job-2",
      status: "FAILED",
      total_requests: 3,
      succeeded_requests: 0,
      failed_requests: 0,
      created_at: 1_700_000_000,
      errors: [{ message: "line 2: has no body object", count: 2 }],
    });
    expect(status.requestCounts).toEqual({ total: 3, succeeded: 0, failed: 0, pending: 3 });
    expect(status.errors).toEqual([
      {
        code: undefined,
        message: "line 2: has no body object (2 times)",
        line: undefined,
        param: undefined,
      },
    ]);
  });
});
