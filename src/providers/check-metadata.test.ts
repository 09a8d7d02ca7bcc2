// submitBatch's metadata rules, per provider, checked before anything is sent: the processors
// point at a closed port, so any request would end in a ProviderApiError instead.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchProcessor } from "../processor/batch-processor.js";
import { charCount } from "./check-metadata.js";

const offline = (model: string) =>
  new BatchProcessor(model, z.object({ n: z.number() }), {
    apiKey: "k",
    baseURL: "http://127.0.0.1:9/v1",
  });
const MODELS = ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"];

async function refusal(model: string, metadata: unknown) {
  const processor = offline(model);
  const buffer = await processor.createBatchFromMessages([[{ role: "user", content: "x" }]], {
    maxTokens: 10,
  });
  const error = await processor
    .submitBatch(buffer, { metadata: metadata as Record<string, string> })
    .catch((e: unknown) => e as { name: string; issues?: { code: string; path: unknown[] }[] });
  return {
    name: (error as { name?: string }).name,
    issues: (error as { issues?: unknown }).issues,
  };
}

describe("metadata on every provider", () => {
  it.each(MODELS)("%s refuses metadata that is not an object of strings", async (model) => {
    for (const metadata of [["a"], "job", null, 7]) {
      expect(await refusal(model, metadata)).toMatchObject({
        name: "InvalidArgumentError",
        issues: [{ code: "invalid_metadata", path: ["metadata"] }],
      });
    }
    expect(await refusal(model, { job: 7 })).toMatchObject({
      name: "InvalidArgumentError",
      issues: [{ code: "invalid_metadata_value", path: ["metadata", "job"] }],
    });
  });
});

describe("OpenAI metadata", () => {
  const openai = MODELS[0]!;

  it("refuses more than 16 pairs, keys over 64 and values over 512 characters", async () => {
    const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"]));
    expect(await refusal(openai, many)).toMatchObject({
      issues: [{ code: "too_many_metadata_pairs" }],
    });
    expect(await refusal(openai, { ["k".repeat(65)]: "v" })).toMatchObject({
      issues: [{ code: "metadata_key_too_long" }],
    });
    expect(await refusal(openai, { job: "v".repeat(513) })).toMatchObject({
      issues: [{ code: "metadata_value_too_long", path: ["metadata", "job"] }],
    });
  });

  it("counts characters, not UTF-16 units: 512 emoji are within the limit", async () => {
    const result = await refusal(openai, { job: "😀".repeat(512) });
    // Past the checks, the closed port answers: the metadata was not the problem.
    expect(result.name).toBe("ProviderApiError");
  });
});

describe("Gemini display name", () => {
  it("refuses a display name over 512 characters", async () => {
    expect(await refusal(MODELS[2]!, { displayName: "n".repeat(513) })).toMatchObject({
      name: "InvalidArgumentError",
      issues: [{ code: "metadata_value_too_long", path: ["metadata", "displayName"] }],
    });
    expect(await refusal(MODELS[2]!, { description: " " })).toMatchObject({
      issues: [{ code: "invalid_metadata_value", path: ["metadata", "description"] }],
    });
  });
});

describe("charCount", () => {
  it("counts code points and stops past the limit", () => {
    expect(charCount("😀😀", 10)).toBe(2);
    expect(charCount("abc", 10)).toBe(3);
    expect(charCount("x".repeat(1_000_000), 5)).toBe(6);
  });
});
