import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { stripBom } from "../util/strip-bom.js";
import { notUtf8 } from "./decode-utf8.js";

/** Anything a results file can arrive as. */
export type LineSource =
  | string
  | Uint8Array
  | ArrayBuffer
  | Blob
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>;

export interface NumberedLine {
  line: string;
  /** 1-based, counting blank lines too, so it matches the file. */
  lineNumber: number;
}

async function* chunksOf(source: LineSource): AsyncGenerator<Uint8Array | string> {
  if (typeof source === "string" || source instanceof Uint8Array) {
    yield source;
  } else if (source instanceof ArrayBuffer) {
    yield new Uint8Array(source);
  } else if (typeof Blob !== "undefined" && source instanceof Blob) {
    yield* chunksOf(source.stream() as ReadableStream<Uint8Array>);
  } else if (typeof (source as ReadableStream | null)?.getReader === "function") {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    try {
      while (true) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  } else if (isIterable(source)) {
    for await (const chunk of source as AsyncIterable<unknown>) {
      if (typeof chunk !== "string" && !(chunk instanceof Uint8Array)) throw notLines(chunk, true);
      yield chunk;
    }
  } else {
    throw notLines(source, false);
  }
}

function isIterable(source: unknown): boolean {
  const s = source as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown } | null;
  return (
    typeof s === "object" &&
    s !== null &&
    (typeof s[Symbol.asyncIterator] === "function" || typeof s[Symbol.iterator] === "function")
  );
}

/** Results come as text or bytes: anything else is the caller's mistake, said as such. */
function notLines(value: unknown, chunk: boolean): InvalidArgumentError {
  const kind = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
  return new InvalidArgumentError([
    {
      code: "invalid_results_source",
      path: ["content"],
      message: chunk
        ? `yielded ${kind}; each chunk must be a string or a Uint8Array`
        : `must be a string, bytes, a Blob, a ReadableStream or an (async) iterable of strings or bytes, got ${kind}`,
    },
  ]);
}

/**
 * Which line, counting from the start of `carry`, holds the first byte of `chunk` that is not
 * UTF-8 (only on the error path: the chunk is decoded leniently to find it).
 */
function badLineIn(carry: string, chunk: Uint8Array | undefined): number {
  const text = carry + (chunk === undefined ? "" : new TextDecoder().decode(chunk));
  const bad = text.indexOf("\uFFFD");
  let line = 1;
  for (
    let i = text.indexOf("\n");
    i !== -1 && (bad === -1 || i < bad);
    i = text.indexOf("\n", i + 1)
  ) {
    line++;
  }
  return line;
}

/**
 * The line of `text` from `start` to `end` (a newline or the text's end) without a closing
 * `\r`, or undefined when it is blank. The one place both readers decide what a line is.
 */
function contentLine(text: string, start: number, end: number): string | undefined {
  const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  if (stop <= start) return undefined;
  const line = text.slice(start, stop);
  // Most lines start with "{"; only the others pay for the checks: blank, or a byte-order mark
  // (at the start of the file, where strings keep it, or of a line of files joined with `cat`).
  if (line.charCodeAt(0) === 123) return line;
  const content = stripBom(line);
  return content.trim() !== "" ? content : undefined;
}

/**
 * Splits a JSONL source into lines as the bytes arrive, so memory stays flat in the size of the
 * file. Handles `\r\n`, a last line without newline, and UTF-8 characters split across chunks.
 * Blank lines are skipped but counted.
 *
 * Yields the lines of each chunk together: every step of an async generator costs promises and
 * a turn of the microtask queue, and the results path stacks several of them, so one step per
 * chunk (tens to hundreds of lines) instead of one per line halves the cost of a download.
 */
export async function* readLineBatches(source: LineSource): AsyncGenerator<NumberedLine[]> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch (cause) {
      throw notUtf8(`on line ${lineNumber + badLineIn(carry, chunk)}`, cause);
    }
  };
  // The start of a line whose end has not arrived yet.
  let carry = "";
  let lineNumber = 0;
  for await (const chunk of chunksOf(source)) {
    const text = typeof chunk === "string" ? chunk : decode(chunk);
    let end = text.indexOf("\n");
    if (end === -1) {
      carry += text;
      continue;
    }
    const batch: NumberedLine[] = [];
    // Only the first line is joined to the carried part, never the whole chunk: `carry + text`
    // would copy every chunk once more, a large string that only a full collection frees.
    const joined = carry + text.slice(0, end);
    const first = contentLine(joined, 0, joined.length);
    lineNumber++;
    if (first !== undefined) batch.push({ line: first, lineNumber });
    let start = end + 1;
    end = text.indexOf("\n", start);
    while (end !== -1) {
      lineNumber++;
      const line = contentLine(text, start, end);
      if (line !== undefined) batch.push({ line, lineNumber });
      start = end + 1;
      end = text.indexOf("\n", start);
    }
    carry = text.slice(start);
    if (batch.length > 0) yield batch;
  }
  carry += decode();
  const last = contentLine(carry, 0, carry.length);
  if (last !== undefined) yield [{ line: last, lineNumber: lineNumber + 1 }];
}

/**
 * The lines of text already in memory, one at a time, with no object per line: `next()` moves
 * to the following non-blank line and sets `line` and `lineNumber`. The parse loop of a
 * 500,000-line file pays measurably for a generator's result object per line.
 */
export class LineCursor {
  line = "";
  /** 1-based, counting blank lines too, so it matches the file. */
  lineNumber = 0;
  #start = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  next(): boolean {
    const text = this.#text;
    while (this.#start < text.length) {
      const start = this.#start;
      let end = text.indexOf("\n", start);
      if (end === -1) end = text.length;
      this.lineNumber++;
      this.#start = end + 1;
      const line = contentLine(text, start, end);
      if (line !== undefined) {
        this.line = line;
        return true;
      }
    }
    return false;
  }
}
