import { describe, expect, it } from "vitest";
import { InvalidRowsError } from "../../errors/invalid-rows-error.js";
import { checkDuplicateIds } from "./duplicate-ids.js";
import { readRows } from "./read-rows.js";
import { rejection } from "./test-support/chunks.js";

describe("checkDuplicateIds", () => {
  it("passes rows through until an id comes again, then names both lines", async () => {
    const seen: string[] = [];
    const rows = readRows("id,t\n1,a\n2,b\n\n1,c\n3,d\n", { format: "csv", idColumn: "id" });
    const error = await rejection(
      (async () => {
        for await (const row of checkDuplicateIds(rows, "rows.csv")) seen.push(row.id);
      })(),
    );
    expect(seen).toEqual(["1", "2"]);
    expect(error).toBeInstanceOf(InvalidRowsError);
    expect(error.issues[0]).toMatchObject({ code: "duplicate_id", line: 5, rowId: "1" });
    expect(error.message).toBe('rows.csv[5]: line 5 has the id "1", already used by line 2');
  });

  it("a JSON number id and the same digits as a string are the same id", async () => {
    const rows = readRows('{"id":7}\n{"id":"7"}', { format: "jsonl", idColumn: "id" });
    const error = await rejection(
      (async () => {
        for await (const _ of checkDuplicateIds(rows));
      })(),
    );
    expect(error.issues[0]).toMatchObject({ code: "duplicate_id", line: 2 });
  });
});
