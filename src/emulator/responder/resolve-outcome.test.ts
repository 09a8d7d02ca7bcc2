import { describe, expect, it } from "vitest";
import { deliveredLines } from "./resolve-outcome.js";
import type { ResolvedOutcome } from "./types.js";

const answer = (delivery?: "dropped" | "duplicated"): ResolvedOutcome => ({
  kind: "answer",
  content: "{}",
  refusal: null,
  finishReason: "stop",
  inputTokens: 1,
  outputTokens: 1,
  ...(delivery && { delivery }),
});

describe("deliveredLines", () => {
  it("leaves dropped lines out and writes duplicated ones again after all the others", () => {
    const outcomes = [answer(), answer("dropped"), answer("duplicated"), answer()];
    const lines = deliveredLines(
      [3, 2, 1, 0],
      (i) => outcomes[i],
      (i) => `line ${i}`,
    );
    expect(lines).toEqual(["line 3", "line 2", "line 0", "line 2"]);
  });

  // Every line of a batch may be doubled. The copies were appended with push(...copies), which
  // overflows the stack from about 150,000 arguments on: the whole batch then failed with a 500
  // from the emulator instead of delivering its lines. (Every provider's writer uses this.)
  it("doubles 160,000 lines", () => {
    const count = 160_000;
    const order = Array.from({ length: count }, (_, i) => i);
    const lines = deliveredLines(
      order,
      () => answer("duplicated"),
      (i) => i,
    );
    expect(lines).toHaveLength(2 * count);
    expect(lines[count - 1]).toBe(count - 1);
    expect(lines[count]).toBe(0);
  });
});
