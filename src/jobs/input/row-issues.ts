import type { RowIssue } from "../../errors/invalid-rows-error.js";

/** Where a row is: the input's name (for messages) and the 1-based line it starts on. */
export interface RowPlace {
  source: string;
  line: number;
}

const SHOWN_COLUMNS = 20;

/** `"a", "b", "c"`, or the first 20 and how many more: messages stay short for wide rows. */
export function listColumns(columns: readonly string[]): string {
  if (columns.length === 0) return "none";
  const shown = columns.slice(0, SHOWN_COLUMNS).map((c) => JSON.stringify(c));
  const more = columns.length - shown.length;
  return shown.join(", ") + (more > 0 ? ` and ${more} more` : "");
}

/** Short, for messages: never the whole value of a cell, which may be megabytes. */
function preview(text: string, max = 40): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

function issue(place: RowPlace, code: string, message: string, rowId?: string): RowIssue {
  return {
    code,
    path: [place.source, place.line],
    line: place.line,
    message: `line ${place.line} ${message}`,
    ...(rowId === undefined ? {} : { rowId }),
  };
}

// One builder per problem: detection (the readers) says what and where, these say it in words.
export const rowIssues = {
  missingId: (p: RowPlace, idColumn: string, columns: readonly string[]) =>
    issue(
      p,
      "missing_id",
      `has no id column ${JSON.stringify(idColumn)}; its columns: ${listColumns(columns)}`,
    ),
  emptyId: (p: RowPlace, idColumn: string) =>
    issue(p, "empty_id", `has an empty id in column ${JSON.stringify(idColumn)}`),
  invalidIdType: (p: RowPlace, idColumn: string, kind: string) =>
    issue(
      p,
      "invalid_id",
      `has ${kind} as its id in column ${JSON.stringify(idColumn)}; an id is a string or a number`,
    ),
  unsafeIntegerId: (p: RowPlace, idColumn: string, value: number) =>
    issue(
      p,
      "invalid_id",
      `has the id ${value} in column ${JSON.stringify(idColumn)}, an integer too large for a JavaScript number: its digits may already be lost; write it as a JSON string`,
    ),
  idTooLong: (p: RowPlace, idColumn: string, id: string, length: number, max: number) =>
    issue(
      p,
      "id_too_long",
      `has an id of ${length} characters in column ${JSON.stringify(idColumn)} (starting ${preview(id)}); the limit is ${max}`,
    ),
  invalidJson: (p: RowPlace, detail: string) =>
    issue(p, "invalid_json", `is not valid JSON (${detail})`),
  notAnObject: (p: RowPlace, kind: string) =>
    issue(
      p,
      "not_an_object",
      `is ${kind}, not a JSON object; each line of a JSONL row input is one object`,
    ),
  raggedLine: (
    p: RowPlace,
    fields: number,
    headerFields: number,
    headerLine: number,
    rowId?: string,
  ) =>
    issue(
      p,
      "ragged_line",
      `has ${fields} field${fields === 1 ? "" : "s"}, but the header (line ${headerLine}) has ${headerFields}`,
      rowId,
    ),
  emptyColumnName: (p: RowPlace, position: number) =>
    issue(p, "empty_column_name", `(the header) has an empty column name at position ${position}`),
  duplicateColumnName: (p: RowPlace, name: string, first: number, again: number) =>
    issue(
      p,
      "duplicate_column_name",
      `(the header) has the column ${JSON.stringify(name)} twice, at positions ${first} and ${again}`,
    ),
  missingIdColumn: (p: RowPlace, idColumn: string, columns: readonly string[]) =>
    issue(
      p,
      "missing_id_column",
      `(the header) has no column ${JSON.stringify(idColumn)}; its columns: ${listColumns(columns)}`,
    ),
  invalidEncoding: (p: RowPlace, where: string) =>
    issue(
      p,
      "invalid_encoding",
      `is not UTF-8 text (a byte that is not UTF-8 ${where}); save the file as UTF-8`,
    ),
  invalidCsv: (p: RowPlace, code: string, detail: string) =>
    issue(p, code, `(the record that starts on it) is not valid CSV: ${detail}`),
};
