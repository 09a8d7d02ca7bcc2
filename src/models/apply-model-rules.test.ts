import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { applyModelRules } from "./apply-model-rules.js";
import { findModel } from "./find-model.js";

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as InvalidArgumentError).issues;
  }
  throw new Error("expected an InvalidArgumentError");
}

describe("findModel", () => {
  it.each([
    ["openai", "gpt-5-mini", "GPT-5 (gpt-5, gpt-5-mini, gpt-5-nano)"],
    ["openai", "gpt-5-mini-2025-08-07", "GPT-5 (gpt-5, gpt-5-mini, gpt-5-nano)"],
    ["openai", "gpt-5-chat-latest", "GPT-5 chat (gpt-5-chat-latest)"],
    ["openai", "ft:gpt-4o-mini-2024-07-18:acme::abc123", "GPT-4o (gpt-4o, gpt-4o-mini)"],
    ["openai", "o4-mini", "o-series (o1, o3, o3-mini, o4-mini)"],
    [
      "anthropic",
      "claude-sonnet-4-5-20250929",
      "Claude 4.5 (claude-opus-4-5, claude-sonnet-4-5, claude-haiku-4-5)",
    ],
    ["google", "models/gemini-2.5-flash", "Gemini 2.5 Flash"],
    ["google", "gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite"],
  ] as const)("%s %s is in %s", (provider, model, family) => {
    expect(findModel(provider, model)?.family).toBe(family);
  });

  it("does not take another provider's model or an unknown one", () => {
    expect(findModel("anthropic", "gpt-5-mini")).toBeUndefined();
    expect(findModel("openai", "gpt-7-omega")).toBeUndefined();
  });
});

describe("applyModelRules", () => {
  it("leaves out what a reasoning model refuses, with one warning each", () => {
    const warnings: string[] = [];
    const out = applyModelRules(
      "openai",
      "gpt-5-mini",
      { temperature: 0.1, topP: 0.5, seed: 3, maxTokens: 1000 },
      (m) => warnings.push(m),
    );
    expect(out.params).toEqual({ seed: 3, maxTokens: 1000 });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("temperature is not sent to gpt-5-mini");
  });

  it("keeps a parameter the caller also sent through providerOptions", () => {
    const out = applyModelRules(
      "openai",
      "o3",
      { temperature: 0.2 },
      () => {},
      (k) => k === "temperature",
    );
    expect(out.params.temperature).toBe(0.2);
  });

  it("refuses maxTokens above the model's ceiling, naming it", () => {
    const issues = issuesOf(() =>
      applyModelRules("anthropic", "claude-haiku-4-5", { maxTokens: 100_000 }, () => {}),
    );
    expect(issues[0]).toMatchObject({ code: "max_tokens_above_model_limit", path: ["maxTokens"] });
    expect(issues[0]!.message).toContain("at most 64000");
    expect(
      applyModelRules("anthropic", "claude-haiku-4-5", { maxTokens: 64_000 }, () => {}).params
        .maxTokens,
    ).toBe(64_000);
  });

  it("checks reasoning settings against the family", () => {
    expect(
      issuesOf(() =>
        applyModelRules("openai", "gpt-4o-mini", { reasoning: { effort: "low" } }, () => {}),
      )[0]!.message,
    ).toContain("not a reasoning model");
    expect(
      issuesOf(() =>
        applyModelRules("openai", "gpt-5-mini", { reasoning: { effort: "extreme" } }, () => {}),
      )[0]!.path,
    ).toEqual(["reasoning", "effort"]);
    expect(
      issuesOf(() =>
        applyModelRules("openai", "gpt-5-mini", { reasoning: { budgetTokens: 2048 } }, () => {}),
      )[0]!.path,
    ).toEqual(["reasoning", "budgetTokens"]);
    expect(
      issuesOf(() =>
        applyModelRules(
          "anthropic",
          "claude-sonnet-4-5",
          { reasoning: { budgetTokens: 500 } },
          () => {},
        ),
      )[0]!.message,
    ).toContain("from 1024");
    expect(
      issuesOf(() =>
        applyModelRules("google", "gemini-2.5-pro", { reasoning: { budgetTokens: 0 } }, () => {}),
      )[0]!.message,
    ).toContain("cannot turn thinking off");
    expect(
      applyModelRules("google", "gemini-2.5-flash", { reasoning: { budgetTokens: 0 } }, () => {})
        .params.reasoning,
    ).toEqual({ budgetTokens: 0 });
    expect(
      issuesOf(() =>
        applyModelRules("openai", "gpt-5", { reasoning: { effort: 3 } as never }, () => {}),
      )[0]!.code,
    ).toBe("invalid_parameter");
    expect(
      issuesOf(() =>
        applyModelRules("openai", "gpt-5", { reasoning: { level: "low" } as never }, () => {}),
      )[0]!.code,
    ).toBe("unknown_option");
  });

  it("lets an unknown model through with one warning", () => {
    const warnings: string[] = [];
    const params = { temperature: 0.3, maxTokens: 1_000_000 };
    const out = applyModelRules("openai", "gpt-7-omega", params, (m) => warnings.push(m));
    expect(out).toEqual({ params, capabilities: undefined });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("not in structured-batch's model catalog");
  });
});
