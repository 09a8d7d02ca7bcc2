import { describe, expect, it } from "vitest";
import { batchIdIssue, checkBatchIds } from "./check-batch-id.js";

describe("batch id rules", () => {
  it.each([
    ["openai", "batch_abc123"],
    ["openai", "my-batch-7"],
    ["openai", "ft:batch.v2~x"],
    ["openai", "bGl0ZWxsbTpiYXRjaF9hYmM+eA=="],
    ["anthropic", "msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d"],
    ["google", "batches/7h9w4gzuqot3bb3fpd1e2nqcp980iwnmjs7n"],
    ["google", "abc-123"],
  ] as const)("%s takes %s", (provider, id) => {
    expect(batchIdIssue(id, provider)).toBeUndefined();
  });

  // Each of these would be interpolated into a URL path and reach another endpoint (or a
  // query), or is plainly not an id.
  it.each([
    ["openai", "../files", "invalid_batch_id"],
    ["openai", "..", "invalid_batch_id"],
    ["openai", "batch_a/cancel", "invalid_batch_id"],
    ["openai", "batch_a?limit=1", "invalid_batch_id"],
    ["openai", "batch_a#x", "invalid_batch_id"],
    ["openai", "batch_%2e%2e", "invalid_batch_id"],
    ["openai", " batch_a", "invalid_batch_id"],
    ["openai", "batch_a\n", "invalid_batch_id"],
    ["openai", "x".repeat(1025), "invalid_batch_id"],
    ["anthropic", "x".repeat(257), "invalid_batch_id"],
    ["anthropic", "../../v1/models", "invalid_batch_id"],
    ["anthropic", "msgbatch_a/results", "invalid_batch_id"],
    ["google", "batches/../files/abc", "invalid_batch_id"],
    ["google", "batches/abc:cancel", "invalid_batch_id"],
    ["google", "batches/abc?alt=media", "invalid_batch_id"],
    ["google", "files/abc", "invalid_batch_id"],
    ["google", "batches/", "invalid_batch_id"],
    ["openai", "", "invalid_batch_id"],
    ["anthropic", 42, "invalid_batch_id"],
    ["google", undefined, "invalid_batch_id"],
  ] as const)("%s refuses %j", (provider, id, code) => {
    expect(batchIdIssue(id, provider)).toMatchObject({ code, path: ["batchId"] });
  });

  it.each([
    ["openai", "msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d", "an Anthropic batch id"],
    ["openai", "batches/abc", "a Gemini batch name"],
    ["anthropic", "batch_abc123", "an OpenAI batch id"],
    ["anthropic", "batches/abc", "a Gemini batch name"],
    ["google", "batch_abc123", "an OpenAI batch id"],
    ["google", "msgbatch_01Hk", "an Anthropic batch id"],
  ] as const)("%s names %s as another provider's", (provider, id, name) => {
    const issue = batchIdIssue(id, provider);
    expect(issue?.code).toBe("provider_mismatch");
    expect(issue?.message).toContain(name);
  });

  it("names every bad part of a handle, and throws a typed error", () => {
    expect(() => checkBatchIds(["batch_a", "../x", "b?c"], "openai", true)).toThrow(
      expect.objectContaining({
        name: "InvalidArgumentError",
        code: "invalid_batch_id",
        issues: [
          expect.objectContaining({ path: ["handle", "parts", 1, "id"] }),
          expect.objectContaining({ path: ["handle", "parts", 2, "id"] }),
        ],
      }),
    );
  });

  it("shortens a very long id in the message", () => {
    const issue = batchIdIssue(`../${"a".repeat(10_000)}`, "openai");
    expect(issue!.message.length).toBeLessThan(300);
  });
});
