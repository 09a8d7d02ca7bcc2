import { InvalidRowsError } from "../../errors/invalid-rows-error.js";
import { csvBytes } from "./csv-bytes.js";
import { type CsvParseError, type CsvRecord, createCsvRecordParser } from "./csv-records.js";
import type { InputRow } from "./read-rows.js";
import { rowIdOf } from "./row-id.js";
import { type RowPlace, rowIssues } from "./row-issues.js";
import { type RowSource, sourceChunks } from "./row-source.js";

interface Header {
  names: string[];
  line: number;
  /** Position of a column named `__proto__`, which a plain assignment would not create. */
  protoIndex: number;
}

/**
 * The rows of a CSV input as the chunks arrive: the first record is the header, every later one
 * a row of string values. Quoted fields may hold commas, quotes (`""`) and line breaks; lines
 * end in `\n`, `\r\n` or `\r`; blank lines are skipped but counted; a byte-order mark is dropped.
 * A row's `line` is the line it starts on, counted here (the parser's own count runs ahead
 * after a `\r\n` inside a quoted field).
 */
export async function* readCsvRows(
  source: RowSource,
  idColumn: string,
  name: string,
): AsyncGenerator<InputRow> {
  const parser = await createCsvRecordParser();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let header: Header | undefined;
  // The line the next record can start on, and the parser's blank-line count at that point.
  let nextLine = 1;
  let emptyLinesSeen = 0;

  const place = (emptyLinesBefore: number): RowPlace => ({
    source: name,
    line: nextLine + emptyLinesBefore - emptyLinesSeen,
  });
  const decodeAll = (fields: Uint8Array[], at: RowPlace, names?: string[]): string[] => {
    const out: string[] = new Array(fields.length);
    for (let i = 0; i < fields.length; i++) {
      try {
        out[i] = decoder.decode(fields[i]);
      } catch (cause) {
        const column = names?.[i] === undefined ? `field ${i + 1}` : JSON.stringify(names[i]);
        throw new InvalidRowsError(rowIssues.invalidEncoding(at, `in column ${column}`), { cause });
      }
    }
    return out;
  };

  function* rowsOf(records: CsvRecord[]): Generator<InputRow> {
    for (const { fields, emptyLinesBefore } of records) {
      const at = place(emptyLinesBefore);
      nextLine = at.line + 1 + lineBreaks(fields);
      emptyLinesSeen = emptyLinesBefore;
      if (header === undefined) {
        header = checkHeader(decodeAll(fields, at), at, idColumn);
        continue;
      }
      if (fields.length !== header.names.length) {
        throw new InvalidRowsError(
          rowIssues.raggedLine(at, fields.length, header.names.length, header.line),
        );
      }
      const row = makeRow(header, decodeAll(fields, at, header.names));
      yield { id: rowIdOf(row, idColumn, at), row, line: at.line };
    }
  }

  const fail = (error: CsvParseError): never => {
    throw new InvalidRowsError(csvIssue(place(parser.emptyLines), error.csvCode), {
      cause: error.cause,
    });
  };
  for await (const bytes of csvBytes(sourceChunks(source))) {
    const { records, error } = parser.write(bytes);
    yield* rowsOf(records);
    if (error !== undefined) fail(error);
  }
  const { records, error } = parser.write(undefined);
  yield* rowsOf(records);
  if (error !== undefined) fail(error);
}

function checkHeader(names: string[], at: RowPlace, idColumn: string): Header {
  const seen = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const column = names[i]!;
    if (column.trim() === "") throw new InvalidRowsError(rowIssues.emptyColumnName(at, i + 1));
    const first = seen.get(column);
    if (first !== undefined) {
      throw new InvalidRowsError(rowIssues.duplicateColumnName(at, column, first, i + 1));
    }
    seen.set(column, i + 1);
  }
  if (!seen.has(idColumn)) {
    throw new InvalidRowsError(rowIssues.missingIdColumn(at, idColumn, names));
  }
  return { names, line: at.line, protoIndex: names.indexOf("__proto__") };
}

function makeRow(header: Header, values: string[]): Record<string, string> {
  const row: Record<string, string> = {};
  const { names, protoIndex } = header;
  for (let i = 0; i < names.length; i++) {
    if (i === protoIndex) {
      Object.defineProperty(row, "__proto__", {
        value: values[i],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      row[names[i]!] = values[i]!;
    }
  }
  return row;
}

/** Line breaks inside quoted fields: `\n`, `\r\n` and a lone `\r` count one each. */
function lineBreaks(fields: Uint8Array[]): number {
  let n = 0;
  for (const field of fields) {
    for (let i = field.indexOf(10); i !== -1; i = field.indexOf(10, i + 1)) n++;
    for (let i = field.indexOf(13); i !== -1; i = field.indexOf(13, i + 1)) {
      if (field[i + 1] !== 10) n++;
    }
  }
  return n;
}

/** csv-parse's errors in words, without its line numbers (see `readCsvRows`). */
function csvIssue(at: RowPlace, csvCode: string) {
  switch (csvCode) {
    case "CSV_QUOTE_NOT_CLOSED":
      return rowIssues.invalidCsv(
        at,
        "unclosed_quote",
        "a quoted field is never closed: the input ends inside it",
      );
    case "CSV_INVALID_CLOSING_QUOTE":
      return rowIssues.invalidCsv(
        at,
        "invalid_quote",
        'a closing quote is followed by something other than a comma or a line end (write a quote inside a quoted field as "")',
      );
    case "INVALID_OPENING_QUOTE": // sic: the one code of csv-parse 7 without the CSV_ prefix
    case "CSV_INVALID_OPENING_QUOTE":
      return rowIssues.invalidCsv(
        at,
        "invalid_quote",
        "a quote appears inside a field that does not start with one (quote the whole field)",
      );
    default:
      return rowIssues.invalidCsv(at, "invalid_csv", `csv-parse reports ${csvCode}`);
  }
}
