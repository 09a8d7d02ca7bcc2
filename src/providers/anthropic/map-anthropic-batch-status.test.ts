import { describe, expect, it } from "vitest";
import { fixtureJson } from "../../../test/support/fixtures.js";
import {
  type AnthropicBatchObject,
  mapAnthropicBatchStatus,
  mapAnthropicStatusValue,
} from "./map-anthropic-batch-status.js";

const inProgress = () => fixtureJson<AnthropicBatchObject>("anthropic/batch.in_progress.json");

function ended(
  counts: Partial<NonNullable<AnthropicBatchObject["request_counts"]>>,
  cancel = false,
) {
  return {
    ...inProgress(),
    processing_status: "ended",
    ended_at: "2024-09-24T19:00:00Z",
    cancel_initiated_at: cancel ? "2024-09-24T18:50:00Z" : null,
    request_counts: { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0, ...counts },
  };
}

describe("mapAnthropicBatchStatus", () => {
  it("normalises the in-progress fixture: processing, counts, RFC 3339 dates", () => {
    const status = mapAnthropicBatchStatus(inProgress());
    expect(status).toMatchObject({
      id: "msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d",
      provider: "anthropic",
      status: "processing",
      rawStatus: "in_progress",
      requestCounts: { total: 2, succeeded: 0, failed: 0, pending: 2 },
      completedAt: undefined,
      errors: [],
      metadata: undefined,
    });
    expect(status.createdAt?.toISOString()).toBe("2024-09-24T18:37:24.100Z");
    expect(status.expiresAt?.toISOString()).toBe("2024-09-25T18:37:24.100Z");
  });

  it("keeps canceling processing: polling goes on until ended", () => {
    const status = mapAnthropicBatchStatus(fixtureJson("anthropic/batch.canceling.json"));
    expect(status).toMatchObject({ status: "processing", rawStatus: "canceling" });
  });

  it("sums the five counts of the reference example", () => {
    const status = mapAnthropicBatchStatus(
      fixtureJson("anthropic/batch.api_reference_example.json"),
    );
    expect(status.requestCounts).toEqual({ total: 200, succeeded: 50, failed: 50, pending: 100 });
  });

  it("maps ended to completed, or to how it ended when no request ran", () => {
    expect(mapAnthropicStatusValue(ended({ succeeded: 1, canceled: 1 }))).toBe("completed");
    expect(mapAnthropicStatusValue(ended({ errored: 2 }))).toBe("completed");
    expect(mapAnthropicStatusValue(ended({}))).toBe("completed");
    expect(mapAnthropicStatusValue(ended({ canceled: 2 }, true))).toBe("cancelled");
    expect(mapAnthropicStatusValue(ended({ expired: 2 }))).toBe("expired");
    expect(mapAnthropicStatusValue(ended({ canceled: 1, expired: 1 }, true))).toBe("cancelled");
    expect(mapAnthropicStatusValue(ended({ canceled: 1, expired: 1 }))).toBe("expired");
    const status = mapAnthropicBatchStatus(ended({ succeeded: 3, errored: 1, expired: 1 }));
    expect(status.requestCounts).toEqual({ total: 5, succeeded: 3, failed: 2, pending: 0 });
    expect(status.completedAt?.toISOString()).toBe("2024-09-24T19:00:00.000Z");
  });

  it("treats an unknown status as still running", () => {
    expect(mapAnthropicStatusValue({ ...inProgress(), processing_status: "archiving" })).toBe(
      "processing",
    );
  });
});
