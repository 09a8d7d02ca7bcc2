import { readLineBatches } from "../../batch/read-lines.js";
import { InvalidRowsError } from "../../errors/invalid-rows-error.js";
import type { InputRow } from "./read-rows.js";
import { describeValue, rowIdOf } from "./row-id.js";
import { rowIssues } from "./row-issues.js";
import { type RowSource, sourceChunks } from "./row-source.js";
import { utf8Text } from "./utf8-text.js";

/**
 * The rows of a JSONL input, one JSON object per line, as the chunks arrive. Blank lines are
 * skipped but counted, `\r\n` and a byte-order mark are handled by the project's line reader.
 */
export async function* readJsonlRows(
  source: RowSource,
  idColumn: string,
  name: string,
): AsyncGenerator<InputRow> {
  for await (const batch of readLineBatches(utf8Text(sourceChunks(source), name))) {
    for (const { line: text, lineNumber: line } of batch) {
      const place = { source: name, line };
      let row: unknown;
      try {
        row = JSON.parse(text);
      } catch (cause) {
        throw new InvalidRowsError(rowIssues.invalidJson(place, jsonDetail(cause)), { cause });
      }
      if (typeof row !== "object" || row === null || Array.isArray(row)) {
        throw new InvalidRowsError(rowIssues.notAnObject(place, describeValue(row)));
      }
      const record = row as Record<string, unknown>;
      yield { id: rowIdOf(record, idColumn, place), row: record, line };
    }
  }
}

/**
 * The parser's own words say where on the line it failed; V8 quotes the start of the line in
 * them, which is cut here so a long line does not flood the message.
 */
function jsonDetail(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
