import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { validateGenerationParams } from "./validate-generation-params.js";

describe("validateGenerationParams", () => {
  it("accepts sensible values and absent ones", () => {
    expect(() =>
      validateGenerationParams({
        maxTokens: 150,
        temperature: 0.1,
        topP: 1,
        seed: 7,
        stop: ["\n"],
      }),
    ).not.toThrow();
    expect(() => validateGenerationParams({})).not.toThrow();
  });

  it("names every bad parameter and its range", () => {
    try {
      validateGenerationParams({
        maxTokens: 0,
        temperature: 3,
        topP: Number.NaN,
        stop: 5 as never,
        providerOptions: { acme: {} } as never,
      });
      throw new Error("expected an error");
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidArgumentError);
      const issues = (error as InvalidArgumentError).issues;
      expect(issues.map((i) => i.path.join("."))).toEqual([
        "maxTokens",
        "temperature",
        "topP",
        "stop",
        "providerOptions.acme",
      ]);
      expect(issues[0]?.message).toBe("must be an integer >= 1, got 0");
      expect(issues[1]?.message).toBe("must be a number between 0 and 2, got 3");
    }
  });

  it("rejects a fractional maxTokens", () => {
    expect(() => validateGenerationParams({ maxTokens: 1.5 })).toThrow(
      "maxTokens: must be an integer",
    );
  });

  it("refuses an empty stop sequence on every provider, naming its place", () => {
    expect(() => validateGenerationParams({ stop: "" })).toThrow(
      "stop: a stop sequence must not be empty",
    );
    expect(() => validateGenerationParams({ stop: ["END", ""] })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: ["stop", 1] })] }),
    );
  });

  it("refuses an option nobody reads, with the real name (max_tokens would send no limit)", () => {
    expect(() => validateGenerationParams({ max_tokens: 150 } as never)).toThrow(
      'max_tokens: is not an option of createBatchFromMessages; did you mean "maxTokens"?',
    );
    expect(() => validateGenerationParams({ custom_ids: ["a"] } as never)).toThrow(
      'did you mean "customIds"?',
    );
    expect(() => validateGenerationParams({ service_tier: "flex" } as never)).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ code: "unknown_option", path: ["service_tier"] })],
      }),
    );
  });
});
