import { InvalidRowsError } from "../../errors/invalid-rows-error.js";
import { type RowPlace, rowIssues } from "./row-issues.js";

/**
 * The longest row id accepted, in characters (Unicode code points, as PostgreSQL counts them).
 * Ids become keys in the job's store and parts of provider request ids, so they stay short.
 */
export const MAX_ROW_ID_LENGTH = 512;

/**
 * The id of a row: its `idColumn` value as a string (a number is written in decimal, as
 * `String(n)` does). Throws `InvalidRowsError` when the row has none, an empty one, one that is
 * neither a string nor a number, an integer beyond 2^53 (already rounded by `JSON.parse`) or
 * one longer than `MAX_ROW_ID_LENGTH`.
 */
export function rowIdOf(row: Record<string, unknown>, idColumn: string, place: RowPlace): string {
  const value = Object.hasOwn(row, idColumn) ? row[idColumn] : undefined;
  let id: string;
  if (typeof value === "string") {
    id = value;
  } else if (typeof value === "number") {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw new InvalidRowsError(rowIssues.unsafeIntegerId(place, idColumn, value));
    }
    // JSON cannot spell NaN; 1e999 parses to Infinity.
    if (!Number.isFinite(value)) {
      throw new InvalidRowsError(rowIssues.invalidIdType(place, idColumn, String(value)));
    }
    id = String(value);
  } else if (value === undefined) {
    throw new InvalidRowsError(rowIssues.missingId(place, idColumn, Object.keys(row)));
  } else {
    throw new InvalidRowsError(rowIssues.invalidIdType(place, idColumn, describeValue(value)));
  }
  if (id.trim() === "") throw new InvalidRowsError(rowIssues.emptyId(place, idColumn));
  // Code units bound code points from above: only long ids pay for counting.
  if (id.length > MAX_ROW_ID_LENGTH) {
    let length = 0;
    for (const _ of id) length++;
    if (length > MAX_ROW_ID_LENGTH) {
      throw new InvalidRowsError(
        rowIssues.idTooLong(place, idColumn, id, length, MAX_ROW_ID_LENGTH),
      );
    }
  }
  return id;
}

/** `null`, `an array`, `an object`, `a boolean (true)`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "boolean") return `a boolean (${value})`;
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
