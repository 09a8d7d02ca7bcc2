import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";

/**
 * What a row input can arrive as: the whole text, or its chunks as a file or HTTP body streams
 * them (bytes, or text already decoded). Chunks may split lines and UTF-8 characters anywhere.
 *
 * @example
 * readRows(fs.createReadStream("rows.csv"), { format: "csv", idColumn: "id" }) // Node stream
 * readRows((await fetch(url)).body!, { format: "jsonl", idColumn: "id" })       // web stream
 * readRows('{"id":1,"text":"hi"}\n', { format: "jsonl", idColumn: "id" })       // a string
 */
export type RowSource =
  | string
  | Uint8Array
  | ReadableStream<Uint8Array | string>
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>;

/** The chunks of a source, one at a time, never gathered. */
export async function* sourceChunks(source: RowSource): AsyncGenerator<Uint8Array | string> {
  if (typeof source === "string" || source instanceof Uint8Array) {
    yield source;
    return;
  }
  // Safari's ReadableStream is not async-iterable; its reader is.
  if (typeof (source as ReadableStream | null)?.getReader === "function") {
    const reader = (source as ReadableStream<Uint8Array | string>).getReader();
    try {
      while (true) {
        const { done, value } = await reader.read();
        if (done) return;
        yield checkChunk(value);
      }
    } finally {
      reader.releaseLock();
    }
  }
  const s = source as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown } | null;
  if (
    typeof s !== "object" ||
    s === null ||
    (typeof s[Symbol.asyncIterator] !== "function" && typeof s[Symbol.iterator] !== "function")
  ) {
    throw notSource(describe(source), false);
  }
  for await (const chunk of source as AsyncIterable<unknown>) yield checkChunk(chunk);
}

function checkChunk(chunk: unknown): Uint8Array | string {
  if (typeof chunk === "string" || chunk instanceof Uint8Array) return chunk;
  throw notSource(describe(chunk), true);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function notSource(kind: string, chunk: boolean): InvalidArgumentError {
  return new InvalidArgumentError([
    {
      code: "invalid_row_source",
      path: ["source"],
      message: chunk
        ? `yielded ${kind}; each chunk of a row input must be a string or a Uint8Array`
        : `must be a string, bytes, a ReadableStream or an (async) iterable of strings or bytes, got ${kind}`,
    },
  ]);
}
