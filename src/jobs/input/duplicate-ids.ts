import { InvalidRowsError } from "../../errors/invalid-rows-error.js";
import type { InputRow } from "./read-rows.js";

/**
 * Passes rows through and throws `InvalidRowsError` (issue code `duplicate_id`) at the first id
 * seen twice, naming both lines. Holds every id seen, so memory grows with the number of rows
 * (about 50 bytes plus the id per row): for inputs of millions of rows, let the job's store
 * find repeats instead.
 *
 * @example
 * for await (const row of checkDuplicateIds(readRows(source, { format: "csv", idColumn: "id" }))) {
 *   await job.add([row]);
 * }
 */
export async function* checkDuplicateIds(
  rows: AsyncIterable<InputRow> | Iterable<InputRow>,
  source = "input",
): AsyncGenerator<InputRow> {
  const lines = new Map<string, number>();
  for await (const row of rows) {
    const first = lines.get(row.id);
    if (first !== undefined) {
      throw new InvalidRowsError({
        code: "duplicate_id",
        path: [source, row.line],
        line: row.line,
        rowId: row.id,
        message: `line ${row.line} has the id ${JSON.stringify(row.id)}, already used by line ${first}`,
      });
    }
    lines.set(row.id, row.line);
    yield row;
  }
}
