import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { ANTHROPIC_LIMITS } from "../providers/anthropic/anthropic-limits.js";
import { googleLimits } from "../providers/google/google-limits.js";
import { OPENAI_LIMITS } from "../providers/openai/openai-limits.js";
import type { ProviderLimits } from "../providers/types.js";
import { defaultCustomIds, validateCustomIds } from "./validate-custom-ids.js";

const open: ProviderLimits = {
  maxRequests: 10,
  maxBytes: 100,
  customIdMaxLength: 8,
  customIdPattern: undefined,
};
const strict: ProviderLimits = { ...open, customIdPattern: /^[a-zA-Z0-9_-]{1,64}$/ };

function issues(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as InvalidArgumentError).issues;
  }
  throw new Error("expected an error");
}

describe("custom ids", () => {
  it("defaults to request-0.. in input order", () => {
    expect(defaultCustomIds(3)).toEqual(["request-0", "request-1", "request-2"]);
  });

  it("accepts one unique id per conversation", () => {
    expect(validateCustomIds(["a", "b"], 2, "openai", open)).toEqual(["a", "b"]);
  });

  it("rejects a count mismatch, naming both counts", () => {
    const [issue] = issues(() => validateCustomIds(["a"], 2, "openai", open));
    expect(issue).toMatchObject({ code: "custom_ids_count_mismatch" });
    expect(issue?.message).toContain("1 ids for 2 conversations");
  });

  it("names the index of duplicates, over-long, empty and pattern-breaking ids", () => {
    expect(
      issues(() => validateCustomIds(["a", "b", "a", "123456789", ""], 5, "openai", open)),
    ).toEqual([
      expect.objectContaining({
        code: "duplicate_custom_id",
        path: ["customIds", 2],
        message: expect.stringContaining("customIds[0]"),
      }),
      expect.objectContaining({
        code: "custom_id_too_long",
        path: ["customIds", 3],
        message: expect.stringContaining("at most 8"),
      }),
      expect.objectContaining({ code: "invalid_custom_id", path: ["customIds", 4] }),
    ]);
    expect(issues(() => validateCustomIds(["a b"], 1, "anthropic", strict))[0]).toMatchObject({
      code: "invalid_custom_id",
    });
  });

  it.each([
    ["openai", OPENAI_LIMITS],
    ["anthropic", ANTHROPIC_LIMITS],
    ["google", googleLimits()],
  ] as const)("%s refuses an id with a newline, showing it quoted", (provider, limits) => {
    const [issue] = issues(() => validateCustomIds(["a\nb"], 1, provider, limits));
    expect(issue).toMatchObject({ code: "invalid_custom_id", path: ["customIds", 0] });
    expect(issue?.message).toContain('"a\\nb"');
    expect(issue?.message).not.toContain("\n");
  });
});
