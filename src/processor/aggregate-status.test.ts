import { describe, expect, it } from "vitest";
import type { BatchStatus, BatchStatusValue } from "../results/types.js";
import { aggregateStatus } from "./aggregate-status.js";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

function part(
  id: string,
  status: BatchStatusValue,
  counts: Partial<BatchStatus["requestCounts"]> = {},
  extra: Partial<BatchStatus> = {},
): BatchStatus {
  return {
    id,
    provider: "openai",
    status,
    rawStatus: `raw-${status}`,
    requestCounts: { total: 0, succeeded: 0, failed: 0, pending: 0, ...counts },
    createdAt: undefined,
    startedAt: undefined,
    completedAt: undefined,
    expiresAt: undefined,
    errors: [],
    metadata: undefined,
    raw: { id },
    ...extra,
  };
}

const statusOf = (...values: BatchStatusValue[]) =>
  aggregateStatus(
    "sbh1_x",
    values.map((v, i) => part(`b${i}`, v)),
  ).status;

describe("aggregateStatus", () => {
  it("is pending only while every part is pending", () => {
    expect(statusOf("pending", "pending", "pending")).toBe("pending");
    expect(statusOf("pending", "processing", "pending")).toBe("processing");
  });

  it("keeps running while any part runs, whatever the others ended as", () => {
    expect(statusOf("completed", "completed", "processing")).toBe("processing");
    expect(statusOf("failed", "pending")).toBe("processing");
    expect(statusOf("cancelled", "expired", "processing")).toBe("processing");
  });

  it("is completed once all have ended and any part completed", () => {
    expect(statusOf("completed", "completed")).toBe("completed");
    expect(statusOf("expired", "completed", "cancelled", "failed")).toBe("completed");
  });

  it("names the most telling ending when no part completed", () => {
    expect(statusOf("cancelled", "cancelled")).toBe("cancelled");
    expect(statusOf("expired", "cancelled")).toBe("expired");
    expect(statusOf("cancelled", "failed", "expired")).toBe("failed");
  });

  it("sums the counts and keeps every part's own status", () => {
    const parts = [
      part("b0", "completed", { total: 4, succeeded: 3, failed: 1 }),
      part("b1", "processing", { total: 4, succeeded: 1, failed: 0, pending: 3 }),
      part("b2", "pending", { total: 2, pending: 2 }),
    ];
    const status = aggregateStatus("sbh1_abc", parts);
    expect(status).toMatchObject({
      id: "sbh1_abc",
      provider: "openai",
      status: "processing",
      rawStatus: "raw-completed,raw-processing,raw-pending",
      requestCounts: { total: 10, succeeded: 4, failed: 1, pending: 5 },
      raw: [{ id: "b0" }, { id: "b1" }, { id: "b2" }],
    });
    expect(status.parts).toEqual(parts);
  });

  it("spans the parts' times: first creation and start, last completion once all have ended", () => {
    const times = (created: number, started?: number, completed?: number, expires?: number) => ({
      createdAt: at(created),
      startedAt: started === undefined ? undefined : at(started),
      completedAt: completed === undefined ? undefined : at(completed),
      expiresAt: expires === undefined ? undefined : at(expires),
    });
    const ended = aggregateStatus("h", [
      part("b0", "completed", {}, times(2, 3, 9, 50)),
      part("b1", "expired", {}, times(1, 4, 12, 40)),
    ]);
    expect(ended.createdAt).toEqual(at(1));
    expect(ended.startedAt).toEqual(at(3));
    expect(ended.completedAt).toEqual(at(12));
    expect(ended.expiresAt).toEqual(at(50));

    const running = aggregateStatus("h", [
      part("b0", "completed", {}, times(2, 3, 9)),
      part("b1", "pending", {}, times(5)),
    ]);
    expect(running.startedAt).toEqual(at(3));
    expect(running.completedAt).toBeUndefined();
    expect(running.expiresAt).toBeUndefined();
  });

  it("collects every part's batch-level errors and takes the first part's metadata", () => {
    const status = aggregateStatus("h", [
      part(
        "b0",
        "failed",
        {},
        {
          errors: [{ code: "invalid_json_line", message: "bad", line: 3, param: undefined }],
          metadata: { job: "a" },
        },
      ),
      part(
        "b1",
        "failed",
        {},
        {
          errors: [{ code: "too_many_tasks", message: "many", line: undefined, param: undefined }],
        },
      ),
    ]);
    expect(status.status).toBe("failed");
    expect(status.errors.map((e) => e.code)).toEqual(["invalid_json_line", "too_many_tasks"]);
    expect(status.metadata).toEqual({ job: "a" });
  });

  it("counts a resubmitted handle per request: the original total, retried failures no longer failed", () => {
    // 10 requests: 6 succeeded and 4 expired in round 1; of the 4 sent again, 3 succeeded and 1
    // is still running.
    const parts = [
      part("b0", "expired", { total: 10, succeeded: 6, failed: 4 }),
      part("b1", "processing", { total: 4, succeeded: 3, pending: 1 }),
    ];
    expect(aggregateStatus("sbh1_x", parts, { total: 10 }).requestCounts).toEqual({
      total: 10,
      succeeded: 9,
      failed: 0,
      pending: 1,
    });
    // Without rounds (the parts of one submission) the counts are added up.
    expect(aggregateStatus("sbh1_x", parts).requestCounts.total).toBe(14);
  });
});
