import { describe, expect, it } from "vitest";
import { fixtureJson } from "../../../test/support/fixtures.js";
import { mapOpenAIBatchStatus, mapOpenAIStatusValue } from "./map-openai-batch-status.js";

describe("mapOpenAIBatchStatus", () => {
  it("normalises the real completed fixture: counts, dates, metadata", () => {
    const status = mapOpenAIBatchStatus(fixtureJson("openai/batch.completed.json"));
    expect(status).toMatchObject({
      id: "batch_abc123",
      status: "completed",
      rawStatus: "completed",
      requestCounts: { total: 100, succeeded: 95, failed: 5, pending: 0 },
      metadata: { customer_id: "user_123456789" },
      errors: [],
    });
    expect(status.createdAt?.toISOString()).toBe(new Date(1711471533 * 1000).toISOString());
    expect(status.completedAt?.getTime()).toBe(1711493163 * 1000);
  });

  it("keeps validating pending and cancelling processing (not finished)", () => {
    expect(mapOpenAIBatchStatus(fixtureJson("openai/batch.validating.json")).status).toBe(
      "pending",
    );
    const cancelling = mapOpenAIBatchStatus(fixtureJson("openai/batch.cancelling.json"));
    expect(cancelling).toMatchObject({
      status: "processing",
      rawStatus: "cancelling",
      requestCounts: { pending: 76 },
    });
  });

  it("maps every documented status", () => {
    expect(
      [
        "validating",
        "in_progress",
        "finalizing",
        "completed",
        "failed",
        "expired",
        "cancelling",
        "cancelled",
      ].map(mapOpenAIStatusValue),
    ).toEqual([
      "pending",
      "processing",
      "processing",
      "completed",
      "failed",
      "expired",
      "processing",
      "cancelled",
    ]);
  });

  it("surfaces batch-level errors with their line numbers", () => {
    const failed = {
      ...fixtureJson("openai/batch.validating.json"),
      status: "failed",
      failed_at: 1711471540,
      errors: {
        object: "list",
        data: [{ code: "invalid_json_line", message: "bad line", param: null, line: 3 }],
      },
    };
    const status = mapOpenAIBatchStatus(failed);
    expect(status.status).toBe("failed");
    expect(status.errors).toEqual([
      { code: "invalid_json_line", message: "bad line", line: 3, param: undefined },
    ]);
  });
});
