import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import type { GenerationParams, PreparedOutputSchema } from "../types.js";
import { buildGeminiLineEncoder } from "./build-gemini-line-encoder.js";

const output: PreparedOutputSchema<unknown> = {
  schema: {
    name: "user",
    description: undefined,
    jsonSchema: {},
    validate: (v) => ({ success: true, value: v }),
  },
  wireSchema: { type: "object" },
  normalize: (v) => v,
};

function config(model: string, params: GenerationParams) {
  const warnings: string[] = [];
  const encode = buildGeminiLineEncoder(output, params, (w) => warnings.push(w), model);
  const line = JSON.parse(encode("a", [{ role: "user", content: "x" }]));
  return { generationConfig: line.request.generationConfig, warnings };
}

function refusal(model: string, params: GenerationParams) {
  try {
    config(model, params);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as InvalidArgumentError).issues[0]!;
  }
  throw new Error("expected a refusal");
}

describe("Gemini: the model catalog's rules before a line is written", () => {
  it("maps reasoning.budgetTokens to thinkingBudget on 2.5 (0 = off where allowed)", () => {
    expect(config("gemini-2.5-flash", { reasoning: { budgetTokens: 2048 } })).toEqual({
      generationConfig: {
        thinkingConfig: { thinkingBudget: 2048 },
        responseMimeType: "application/json",
        responseJsonSchema: { type: "object" },
      },
      warnings: [],
    });
    expect(
      config("models/gemini-2.5-flash-lite", { reasoning: { budgetTokens: 0 } }).generationConfig
        .thinkingConfig,
    ).toEqual({ thinkingBudget: 0 });
  });

  it("maps reasoning.effort to thinkingLevel in the API's spelling on Gemini 3", () => {
    expect(
      config("gemini-3-pro-preview", { reasoning: { effort: "low" } }).generationConfig
        .thinkingConfig,
    ).toEqual({ thinkingLevel: "LOW" });
    expect(
      config("gemini-3-flash-preview", { reasoning: { effort: "minimal" } }).generationConfig
        .thinkingConfig,
    ).toEqual({ thinkingLevel: "MINIMAL" });
  });

  it.each([
    ["gemini-2.5-pro", { reasoning: { budgetTokens: 0 } }, "cannot turn thinking off"],
    ["gemini-2.5-pro", { reasoning: { budgetTokens: 64 } }, "from 128 to 32768"],
    ["gemini-2.5-flash-lite", { reasoning: { budgetTokens: 30_000 } }, "from 512 to 24576"],
    ["gemini-2.5-flash", { reasoning: { effort: "low" } }, "not an effort"],
    ["gemini-2.0-flash", { reasoning: { budgetTokens: 1024 } }, "not a reasoning model"],
    ["gemini-3-pro-preview", { reasoning: { effort: "medium" } }, '"low", "high"'],
    ["gemini-3.1-pro-preview", { reasoning: { effort: "minimal" } }, '"low", "medium", "high"'],
    ["gemini-3-pro-preview", { reasoning: { budgetTokens: 1024 } }, "not a token budget"],
    ["gemini-2.5-flash", { maxTokens: 65_537 }, "at most 65536 output tokens"],
    ["gemini-2.0-flash-lite", { maxTokens: 8193 }, "at most 8192 output tokens"],
  ] as const)("%s refuses %j", (model, params, message) => {
    expect(refusal(model, params as GenerationParams).message).toContain(message);
  });

  it("warns when the thinking budget leaves no room for the answer in maxTokens", () => {
    const { warnings } = config("gemini-2.5-flash", {
      maxTokens: 1000,
      reasoning: { budgetTokens: 1000 },
    });
    expect(warnings).toEqual([
      "reasoning.budgetTokens (1000) is not below maxTokens (1000): Gemini counts thinking in maxOutputTokens, so answers may be cut off (truncated) before they start",
    ]);
    expect(
      config("gemini-2.5-flash", { maxTokens: 1001, reasoning: { budgetTokens: 1000 } }).warnings,
    ).toEqual([]);
  });

  it("takes maxTokens up to the ceiling, and keeps the int32 and stop checks", () => {
    expect(config("gemini-2.5-pro", { maxTokens: 65_536 }).generationConfig.maxOutputTokens).toBe(
      65_536,
    );
    // An unknown model has no ceiling: int32 is still the API's limit.
    expect(refusal("gemini-9-ultra", { maxTokens: 2 ** 31 }).message).toContain("32-bit integer");
    expect(refusal("gemini-2.5-flash", { stop: ["1", "2", "3", "4", "5", "6"] }).path).toEqual([
      "stop",
    ]);
  });

  it("lets an unknown model through with one warning, reasoning sent as given", () => {
    const out = config("gemini-9-ultra", { reasoning: { effort: "high" }, maxTokens: 500_000 });
    expect(out.generationConfig).toMatchObject({
      maxOutputTokens: 500_000,
      thinkingConfig: { thinkingLevel: "HIGH" },
    });
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toContain("gemini-9-ultra is not in structured-batch's model catalog");
    // Gemini refuses a budget and a level together: said before sending, even unknown.
    expect(
      refusal("gemini-9-ultra", { reasoning: { effort: "high", budgetTokens: 10 } }).code,
    ).toBe("incompatible_parameter");
  });

  it("refuses reasoning together with providerOptions.google.thinkingConfig", () => {
    const issue = refusal("gemini-2.5-flash", {
      reasoning: { budgetTokens: 100 },
      providerOptions: { google: { thinking_config: { thinkingBudget: 5 } } },
    });
    expect(issue).toMatchObject({
      code: "incompatible_parameter",
      path: ["providerOptions", "google", "thinking_config"],
    });
    // Alone, the provider option is sent as it is (the escape hatch).
    const raw = config("gemini-2.5-flash", {
      providerOptions: { google: { thinkingConfig: { includeThoughts: true } } },
    });
    expect(raw.generationConfig.thinkingConfig).toEqual({ includeThoughts: true });
  });
});
