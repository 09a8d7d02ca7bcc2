import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { readRows } from "./read-rows.js";

function thrown(run: () => unknown): any {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, none was thrown");
}

describe("readRows options", () => {
  it("refuses a bad format, id column or source name at the call, listing every problem", () => {
    const error = thrown(() => readRows("", { format: "xlsx", idColumn: "", source: 3 } as never));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.issues.map((i: { code: string }) => i.code)).toEqual([
      "invalid_format",
      "invalid_id_column",
      "invalid_source_name",
    ]);
    expect(error.message).toContain('format: must be "jsonl" or "csv", got "xlsx"');
    expect(thrown(() => readRows("", undefined as never)).issues).toHaveLength(2);
  });
});
