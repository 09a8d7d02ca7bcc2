import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { BatchProcessor } from "../processor/batch-processor.js";

const make = (options: Record<string, unknown>) => () =>
  new BatchProcessor("openai/gpt-5-mini", z.object({ a: z.string() }), { apiKey: "x", ...options });

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as InvalidArgumentError).issues;
  }
  throw new Error("no error");
}

describe("maxCost and price options", () => {
  it("refuses a maxCost that is not a positive finite number, naming it", () => {
    for (const maxCost of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, "5"]) {
      expect(issuesOf(make({ maxCost }))).toEqual([
        expect.objectContaining({ code: "invalid_max_cost", path: ["maxCost"] }),
      ]);
    }
    expect(make({ maxCost: 0.5 })).not.toThrow();
  });

  it("refuses a price with a bad or missing field, or an unknown one, naming each", () => {
    expect(issuesOf(make({ price: { inputPerMillion: -1 } }))).toEqual([
      expect.objectContaining({ code: "invalid_price", path: ["price", "inputPerMillion"] }),
      expect.objectContaining({ code: "invalid_price", path: ["price", "outputPerMillion"] }),
    ]);
    expect(
      issuesOf(make({ price: { inputPerMillion: 1, outputPerMillion: 2, input: 3 } })),
    ).toEqual([expect.objectContaining({ code: "unknown_option", path: ["price", "input"] })]);
    expect(issuesOf(make({ price: 3 }))).toEqual([
      expect.objectContaining({ code: "invalid_price", path: ["price"] }),
    ]);
    expect(make({ price: { inputPerMillion: 0, outputPerMillion: 2 } })).not.toThrow();
  });

  it("estimateCost checks its price the same way, before counting anything", async () => {
    const error = await make({})()
      .estimateCost([[{ role: "user", content: "x" }]], { price: { inputPerMillion: 1 } as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).issues[0]).toMatchObject({
      code: "invalid_price",
      path: ["price", "outputPerMillion"],
    });
  });
});
