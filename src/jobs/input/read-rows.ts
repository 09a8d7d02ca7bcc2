import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { readCsvRows } from "./read-csv-rows.js";
import { readJsonlRows } from "./read-jsonl-rows.js";
import type { RowSource } from "./row-source.js";

/** One row of a job's input, with its stable id and where it is in the file. */
export interface InputRow {
  /** The row's `idColumn` value as a string (a JSON number is written as `String(n)`). */
  id: string;
  /** JSONL: the parsed object as it is. CSV: the header's column names to string values. */
  row: Record<string, unknown>;
  /** 1-based line the row starts on (a CSV row with a quoted line break spans more). */
  line: number;
}

/** How to read a row input. */
export interface ReadRowsOptions {
  /**
   * `"jsonl"`: one JSON object per line. `"csv"`: a header line, then one record per line
   * (RFC 4180 quoting: fields may hold commas, `""` and line breaks inside quotes); values are
   * strings.
   *
   * @example { format: "csv", idColumn: "id" }
   */
  format: "jsonl" | "csv";
  /**
   * The column (JSONL: top-level key) holding each row's stable id: a non-empty string or a
   * number, at most 512 characters. Re-importing the same file yields the same ids, which is
   * what makes adding rows to a job idempotent.
   *
   * @example { format: "jsonl", idColumn: "ticket_id" }
   */
  idColumn: string;
  /**
   * The input's name in error messages, e.g. its path. Default `"input"`.
   *
   * @example { format: "csv", idColumn: "id", source: "exports/customers.csv" }
   * // InvalidRowsError: exports/customers.csv[7]: line 7 has 3 fields, but the header (line 1) has 4
   */
  source?: string;
}

/**
 * Reads the rows of a JSONL or CSV input as its chunks arrive: memory stays flat in the size of
 * the input, and time is linear in it (a single line of 50 MB included). Stops at the first bad
 * line with an `InvalidRowsError` naming its line (no id, a line that is not a JSON object, a
 * ragged CSV line, a bad header, bytes that are not UTF-8), so a caller that adds rows inside
 * one transaction adds all of them or none. Duplicate ids are not checked here (a job skips ids
 * it already has; `checkDuplicateIds` finds repeats within one input).
 *
 * @example
 * for await (const { id, row, line } of readRows(file.stream(), { format: "csv", idColumn: "id" })) {
 *   console.log(line, id, row.text);
 * }
 */
export function readRows(source: RowSource, options: ReadRowsOptions): AsyncGenerator<InputRow> {
  const issues = optionIssues(options);
  if (issues.length > 0) throw new InvalidArgumentError(issues);
  const name = options.source ?? "input";
  return options.format === "csv"
    ? readCsvRows(source, options.idColumn, name)
    : readJsonlRows(source, options.idColumn, name);
}

function optionIssues(options: ReadRowsOptions) {
  const issues = [];
  const o = (options ?? {}) as Partial<Record<keyof ReadRowsOptions, unknown>>;
  if (o.format !== "jsonl" && o.format !== "csv") {
    issues.push({
      code: "invalid_format",
      path: ["format"],
      message: `must be "jsonl" or "csv", got ${JSON.stringify(o.format) ?? "undefined"}`,
    });
  }
  if (typeof o.idColumn !== "string" || o.idColumn === "") {
    issues.push({
      code: "invalid_id_column",
      path: ["idColumn"],
      message: "must be the name of the column that holds each row's id (a non-empty string)",
    });
  }
  if (o.source !== undefined && typeof o.source !== "string") {
    issues.push({ code: "invalid_source_name", path: ["source"], message: "must be a string" });
  }
  return issues;
}
