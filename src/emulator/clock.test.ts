import { describe, expect, it } from "vitest";
import { createClock } from "./clock.js";

describe("createClock", () => {
  it("adds advanced time to wall time and never goes backwards", () => {
    let wall = 1_000;
    const clock = createClock(() => wall);
    expect(clock.now()).toBe(1_000);
    clock.advance(500);
    expect(clock.now()).toBe(1_500);
    wall = 900;
    expect(clock.now()).toBe(1_500);
    clock.reset();
    wall = 2_000;
    expect(clock.now()).toBe(2_000);
  });

  it("refuses negative or non-finite steps", () => {
    const clock = createClock();
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });
});
