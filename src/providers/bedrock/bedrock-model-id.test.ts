import { describe, expect, it } from "vitest";
import { findModel } from "../../models/find-model.js";
import { claudeModelOf } from "./bedrock-model-id.js";

describe("Bedrock model ids", () => {
  it.each([
    ["anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5-20251001"],
    ["us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929"],
    ["eu.anthropic.claude-3-7-sonnet-20250219-v1:0", "claude-3-7-sonnet-20250219"],
    ["global.anthropic.claude-opus-4-5-20251101-v1:0", "claude-opus-4-5-20251101"],
    [
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/apac.anthropic.claude-3-5-haiku-20241022-v1:0",
      "claude-3-5-haiku-20241022",
    ],
    ["amazon.nova-lite-v1:0", undefined],
    ["meta.llama3-70b-instruct-v1:0", undefined],
  ])("%s names %s", (id, claude) => {
    expect(claudeModelOf(id)).toBe(claude);
  });

  it("finds the same capabilities as the anthropic/ model, inference profiles included", () => {
    for (const id of [
      "anthropic.claude-haiku-4-5-20251001-v1:0",
      "us.anthropic.claude-haiku-4-5-20251001-v1:0",
      "global.anthropic.claude-haiku-4-5-20251001-v1:0",
    ]) {
      expect(findModel("bedrock", id)).toBe(findModel("anthropic", "claude-haiku-4-5-20251001"));
    }
    expect(findModel("bedrock", "anthropic.claude-haiku-4-5-20251001-v1:0")?.maxOutputTokens).toBe(
      64_000,
    );
    expect(findModel("bedrock", "amazon.nova-lite-v1:0")).toBeUndefined();
  });
});
