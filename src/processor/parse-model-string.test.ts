import { describe, expect, it } from "vitest";
import { parseModelString } from "./parse-model-string.js";

describe("parseModelString", () => {
  it("splits provider and model, with gemini as an alias of google", () => {
    expect(parseModelString("openai/gpt-4o-mini")).toEqual({
      provider: "openai",
      model: "gpt-4o-mini",
    });
    expect(parseModelString("gemini/gemini-2.5-flash")).toEqual({
      provider: "google",
      model: "gemini-2.5-flash",
    });
    expect(parseModelString("mistral/mistral-small-latest")).toEqual({
      provider: "mistral",
      model: "mistral-small-latest",
    });
    expect(parseModelString("openai/ft:gpt-4o-mini:org/x")).toEqual({
      provider: "openai",
      model: "ft:gpt-4o-mini:org/x",
    });
  });

  it("rejects strings without a provider, unknown providers and empty models", () => {
    expect(() => parseModelString("gpt-4o-mini")).toThrow('expected "provider/model"');
    expect(() => parseModelString("acme/large")).toThrow('unknown provider "acme"');
    expect(() => parseModelString("openai/")).toThrow("no model name");
    expect(() => parseModelString(42)).toThrow("got 42");
  });
});
