import { describe, expect, it } from "vitest";
import { mapBedrockJobStatus } from "./map-bedrock-job-status.js";

const job = (status: string, counts: Record<string, number> = {}) => ({
  jobArn: "arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abcd1234efgh",
  status,
  submitTime: new Date("2026-12-06T05:00:00Z"),
  endTime: new Date("2026-12-06T06:00:00Z"),
  totalRecordCount: 10,
  ...counts,
});

describe("mapBedrockJobStatus", () => {
  it.each([
    ["Submitted", "pending"],
    ["Validating", "pending"],
    ["Scheduled", "pending"],
    ["InProgress", "processing"],
    ["Stopping", "processing"],
    ["Completed", "completed"],
    ["PartiallyCompleted", "completed"],
    ["Failed", "failed"],
    ["Stopped", "cancelled"],
    ["Expired", "expired"],
    ["SomethingNew", "processing"],
  ])("maps %s to %s", (raw, status) => {
    expect(mapBedrockJobStatus(job(raw))).toMatchObject({
      status,
      rawStatus: raw,
      provider: "bedrock",
    });
  });

  it("counts records a stopped job never ran as failed, and those of a running job as pending", () => {
    expect(
      mapBedrockJobStatus(job("Stopped", { successRecordCount: 3, errorRecordCount: 1 }))
        .requestCounts,
    ).toEqual({ total: 10, succeeded: 3, failed: 7, pending: 0 });
    expect(
      mapBedrockJobStatus(job("InProgress", { successRecordCount: 3, errorRecordCount: 1 }))
        .requestCounts,
    ).toEqual({ total: 10, succeeded: 3, failed: 1, pending: 6 });
  });

  it("gives a failed job's message as its batch-level error, and the end time once ended", () => {
    const failed = mapBedrockJobStatus({
      ...job("Failed"),
      message: "The input file has no records.",
    });
    expect(failed.errors).toEqual([
      {
        code: "job_failed",
        message: "The input file has no records.",
        line: undefined,
        param: undefined,
      },
    ]);
    expect(failed.completedAt).toEqual(new Date("2026-12-06T06:00:00Z"));
    expect(mapBedrockJobStatus(job("InProgress")).completedAt).toBeUndefined();
  });
});
