import { ThinkingLevel } from "@google/genai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  downloadLines,
  fileLine,
  type GoogleHarness,
  rawBatch,
  startGoogleHarness,
  uploadJsonl,
} from "./test-support/google-harness.js";

const TEXT = "John Doe is 25 years old and his email is john@example.com";
const INVALID = 3; // google.rpc INVALID_ARGUMENT

/** One inline request as the official SDK takes it, with a generation config of its own. */
function request(key: string, config: Record<string, unknown>) {
  return { contents: [{ role: "user", parts: [{ text: TEXT }] }], metadata: { key }, config };
}

describe("the Gemini emulator refuses per request what the model refuses", () => {
  let h: GoogleHarness;
  beforeAll(async () => {
    h = await startGoogleHarness();
  });
  afterAll(() => h.close());

  async function run(model: string, configs: Record<string, Record<string, unknown>>) {
    const src = Object.entries(configs).map(([key, config]) => request(key, config));
    const job = await h.ai.batches.create({ model, src });
    const raw = await rawBatch(h, job.name!);
    const results: any[] = raw.metadata.output.inlinedResponses.inlinedResponses;
    return { raw, by: Object.fromEntries(results.map((r) => [r.metadata.key, r])) };
  }

  it("Gemini 2.5 Pro: output ceiling, budget range, no turning thinking off, no level", async () => {
    const { raw, by } = await run("gemini-2.5-pro", {
      ok: { maxOutputTokens: 65_536, thinkingConfig: { thinkingBudget: 128 } },
      tooLong: { maxOutputTokens: 65_537 },
      off: { thinkingConfig: { thinkingBudget: 0 } },
      tooBig: { thinkingConfig: { thinkingBudget: 32_769 } },
      tooSmall: { thinkingConfig: { thinkingBudget: 127 } },
      dynamic: { thinkingConfig: { thinkingBudget: -1 } },
      level: { thinkingConfig: { thinkingLevel: ThinkingLevel.LOW } },
    });
    const error = (key: string) => by[key].error;
    expect(error("tooLong")).toEqual({
      code: INVALID,
      message:
        "Unable to submit request because it has a maxOutputTokens value of 65537 but the supported range is from 1 (inclusive) to 65537 (exclusive). Update the value and try again.",
    });
    expect(error("off")).toEqual({
      code: INVALID,
      message: "Budget 0 is invalid. This model only works in thinking mode.",
    });
    expect(error("tooBig").message).toBe("The thinking budget (32769) is invalid.");
    expect(error("tooSmall").message).toBe("The thinking budget (127) is invalid.");
    expect(error("level").message).toBe("Thinking level is not supported for this model.");
    for (const key of ["ok", "dynamic"]) expect(by[key].response).toBeDefined();
    // The budget caps what the answer reports as thoughts; totals add up.
    const usage = by.ok.response.usageMetadata;
    expect(usage.thoughtsTokenCount).toBeGreaterThan(0);
    expect(usage.thoughtsTokenCount).toBeLessThanOrEqual(128);
    expect(usage.totalTokenCount).toBe(
      usage.promptTokenCount + usage.candidatesTokenCount + usage.thoughtsTokenCount,
    );
    expect(raw.metadata.batchStats).toMatchObject({
      requestCount: "7",
      successfulRequestCount: "2",
      failedRequestCount: "5",
    });
  });

  it("Gemini 2.5 Flash turns thinking off with 0 and then reports no thoughts", async () => {
    const { by } = await run("gemini-2.5-flash", {
      off: { thinkingConfig: { thinkingBudget: 0 } },
      on: {},
      both: { thinkingConfig: { thinkingBudget: 512, thinkingLevel: ThinkingLevel.HIGH } },
    });
    expect(by.off.response.usageMetadata).not.toHaveProperty("thoughtsTokenCount");
    expect(by.on.response.usageMetadata.thoughtsTokenCount).toBeGreaterThan(0);
    expect(by.both.error.message).toBe(
      "You can only set only one of thinking budget and thinking level.",
    );
  });

  it("Gemini 2.0 Flash has no thinking; Gemini 3 takes only its own levels", async () => {
    const old = await run("gemini-2.0-flash", {
      budget: { thinkingConfig: { thinkingBudget: 1024 } },
      thoughts: { thinkingConfig: { includeThoughts: true } },
      plain: { maxOutputTokens: 8192 },
      tooLong: { maxOutputTokens: 8193 },
    });
    expect(old.by.budget.error.message).toBe("thinking_config is not supported.");
    expect(old.by.thoughts.error.message).toBe(
      "Thinking is not enabled for models/gemini-2.0-flash",
    );
    expect(old.by.plain.response.usageMetadata).not.toHaveProperty("thoughtsTokenCount");
    expect(old.by.tooLong.error.message).toContain("to 8193 (exclusive)");

    const pro3 = await run("gemini-3-pro-preview", {
      low: { thinkingConfig: { thinkingLevel: ThinkingLevel.LOW } },
      lower: { thinkingConfig: { thinkingLevel: "low" } },
      minimal: { thinkingConfig: { thinkingLevel: ThinkingLevel.MINIMAL } },
    });
    expect(pro3.by.low.response.usageMetadata.thoughtsTokenCount).toBeGreaterThan(0);
    expect(pro3.by.lower.response).toBeDefined();
    expect(pro3.by.minimal.error.message).toBe(
      "Thinking level MINIMAL is not supported for this model.",
    );
  });

  it("accepts anything on a model the catalog does not know", async () => {
    const { by } = await run("gemini-9-ultra", {
      any: { maxOutputTokens: 1_000_000, thinkingConfig: { thinkingBudget: 0 } },
    });
    expect(by.any.response.candidates[0].finishReason).toBe("STOP");
    expect(by.any.response.usageMetadata).not.toHaveProperty("thoughtsTokenCount");
  });

  it("refuses the same in an uploaded input file (snake_case), in the responses file", async () => {
    const good = fileLine("good", TEXT, { maxOutputTokens: 100 });
    const bad = fileLine("bad", TEXT);
    (bad.request.generation_config as Record<string, unknown>).thinking_config = {
      thinking_budget: 0,
    };
    const fileName = await uploadJsonl(h.ai, [good, bad]);
    const job = await h.ai.batches.create({ model: "models/gemini-2.5-pro", src: fileName });
    const raw = await rawBatch(h, job.name!);
    const lines = await downloadLines(h, raw.metadata.output.responsesFile);
    const by = Object.fromEntries(lines.map((l) => [l.key, l]));
    expect(by.bad.error).toEqual({
      code: INVALID,
      message: "Budget 0 is invalid. This model only works in thinking mode.",
    });
    expect(by.good.response.usageMetadata.thoughtsTokenCount).toBeGreaterThan(0);
  });
});
