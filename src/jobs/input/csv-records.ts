/**
 * csv-parse, driven without Node's streams. The package's default build imports Node's `stream`
 * and uses the global `Buffer`; `csv-parse/stream` imports `node:stream/web`. The one build
 * that loads in an edge runtime is `csv-parse/browser/esm`, which bundles polyfills of
 * `Buffer`, `stream` and `process` (its `nextTick` is a `setTimeout`, so its stream API would
 * wait a timer turn per write). So the parser's synchronous core is used directly: a
 * `Parser`'s `api.parse(bytes, end, push, close)`, the function its own `Transform` and its
 * `csv-parse/stream` call per chunk. It wants the bundle's `Buffer`, taken from the parser's own
 * option buffers. This reaches past the documented surface, so the version is pinned exactly and
 * the tests beside this file cover every path used here.
 */

/** One parsed record: its fields as raw bytes (decoded strictly by the caller). */
export interface CsvRecord {
  fields: Uint8Array[];
  /** The parser's count of skipped blank lines when the record ended. */
  emptyLinesBefore: number;
}

interface CsvCore {
  parse(
    buffer: Uint8Array | undefined,
    end: boolean,
    push: (record: Uint8Array[]) => void,
    close: () => void,
  ): Error | undefined;
  info: { empty_lines: number };
  options: { quote: Uint8Array };
}

interface BundledBuffer {
  from(buffer: ArrayBuffer, byteOffset: number, length: number): Uint8Array;
}

/** Bytes fed to the parser at once: bounds the records gathered per call. */
const SLICE_BYTES = 64 * 1024;

export interface CsvWrite {
  /** The records completed by this write, in order. */
  records: CsvRecord[];
  /** Set when the input is not valid CSV after those records; parsing cannot go on. */
  error: CsvParseError | undefined;
}

export interface CsvRecordParser {
  /** Parses `bytes` (or, without, the end of the input). */
  write(bytes: Uint8Array | undefined): CsvWrite;
  /** Blank lines skipped so far. */
  readonly emptyLines: number;
}

/** What csv-parse reported, as data: the reader turns it into an `InvalidRowsError`. */
export interface CsvParseError {
  /** csv-parse's code, e.g. `CSV_QUOTE_NOT_CLOSED`. */
  csvCode: string;
  /** csv-parse's own error (its line numbers are not used; see `readCsvRows`). */
  cause: unknown;
}

export async function createCsvRecordParser(): Promise<CsvRecordParser> {
  const { Parser } = await import("csv-parse/browser/esm");
  const core = (
    new Parser({
      // Fields come back as bytes: decoded here with the platform's strict UTF-8 decoder,
      // faster than the bundle's JavaScript one and an error instead of U+FFFD on bad bytes.
      encoding: null,
      // The caller drops a BOM from the bytes: after one, the parser would switch to decoding.
      bom: false,
      // Ragged lines are reported by the reader, with both counts and the right line.
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ["\r\n", "\n", "\r"],
    }) as unknown as { api: CsvCore }
  ).api;
  const BufferClass = core.options.quote.constructor as unknown as BundledBuffer;
  const wrap = (bytes: Uint8Array): Uint8Array => {
    // The bundle's Buffer.from views an ArrayBuffer of this realm without copying.
    const own = bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
    return BufferClass.from(own.buffer as ArrayBuffer, own.byteOffset, own.byteLength);
  };
  let records: CsvRecord[] = [];
  const push = (fields: Uint8Array[]) => {
    records.push({ fields, emptyLinesBefore: core.info.empty_lines });
  };
  const close = () => {};
  const run = (bytes: Uint8Array | undefined, end: boolean): CsvParseError | undefined => {
    const error = core.parse(bytes === undefined ? undefined : wrap(bytes), end, push, close);
    return error === undefined
      ? undefined
      : { csvCode: (error as { code?: string }).code ?? "CSV_ERROR", cause: error };
  };
  return {
    write(bytes) {
      records = [];
      let error: CsvParseError | undefined;
      if (bytes === undefined) {
        error = run(undefined, true);
      } else {
        for (let i = 0; i < bytes.length && error === undefined; i += SLICE_BYTES) {
          error = run(bytes.subarray(i, i + SLICE_BYTES), false);
        }
      }
      return { records, error };
    },
    get emptyLines() {
      return core.info.empty_lines;
    },
  };
}
