import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const NEWLINE = 0x0a;

/** One line's request as it goes out: a view of the buffer's bytes, or its own re-serialised text. */
type RequestBytes = Uint8Array;

function invalidLine(lineNumber: number): InvalidArgumentError {
  return new InvalidArgumentError([
    {
      code: "invalid_batch_line",
      path: ["batch", lineNumber],
      message:
        'is not a Gemini batch line {"key", "request"}: build it with a google/... processor',
    },
  ]);
}

/**
 * The lines of the buffer as (key, request bytes), checked before anything is sent. A line the
 * encoder wrote (`{"key":K,"request":R}`, what JSON.stringify gives) yields a view of R in the
 * buffer, no copy; any other line (hand-written, reordered, spaced) yields R re-serialised, so
 * the body is byte for byte what JSON.stringify of the parsed requests gives either way.
 */
function inlineLines(chunks: readonly Uint8Array[]): { keys: string[]; requests: RequestBytes[] } {
  const keys: string[] = [];
  const requests: RequestBytes[] = [];
  let lineNumber = 0;
  const take = (bytes: Uint8Array) => {
    if (bytes.length === 0) return;
    lineNumber++;
    const line = decoder.decode(bytes);
    let parsed: { key?: unknown; request?: unknown };
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = {};
    }
    const { key, request } = parsed ?? {};
    if (typeof key !== "string" || typeof request !== "object" || request === null) {
      throw invalidLine(lineNumber);
    }
    const prefix = `{"key":${JSON.stringify(key)},"request":`;
    const serialised = JSON.stringify(request);
    keys.push(key);
    if (
      line.length === prefix.length + serialised.length + 1 &&
      line.startsWith(prefix) &&
      line.endsWith("}") &&
      line.slice(prefix.length, -1) === serialised
    ) {
      const start = encoder.encode(prefix).length;
      requests.push(bytes.subarray(start, bytes.length - 1));
    } else {
      requests.push(encoder.encode(serialised));
    }
  };
  // A line that runs over a chunk's end (not one the writer made) is joined, for that line only.
  let carry: Uint8Array | undefined;
  for (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      let line = chunk.subarray(start, nl);
      if (carry !== undefined) {
        line = concat(carry, line);
        carry = undefined;
      }
      take(line);
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      carry = carry === undefined ? rest : concat(carry, rest);
    }
  }
  if (carry !== undefined) take(carry);
  return { keys, requests };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * The body of `models/...:batchGenerateContent` for an inline batch, byte for byte
 * `JSON.stringify({batch: {displayName, inputConfig: {requests: {requests}}}})` with each
 * request `{request, metadata: {key}}`, streamed: each request is a view of the buffer's bytes,
 * between small pieces made as they are sent. Parsing every line into objects and serialising
 * the whole body as one string, as before, took about seven times the batch at its peak.
 * Every line is checked before this returns, so a bad line is refused before anything is sent.
 */
export function inlineBodyStream(
  chunks: readonly Uint8Array[],
  displayName: string,
): { length: number; requestCount: number; body: () => ReadableStream<Uint8Array> } {
  const { keys, requests } = inlineLines(chunks);
  const head = `{"batch":{"displayName":${JSON.stringify(displayName)},"inputConfig":{"requests":{"requests":[`;
  const tail = "]}}}}";
  // The text between request i and the next: its metadata, then the next request's opening.
  const between = (i: number) =>
    `,"metadata":{"key":${JSON.stringify(keys[i])}}}${i + 1 < keys.length ? ',{"request":' : ""}`;
  let length = encoder.encode(head).length + encoder.encode(tail).length;
  if (keys.length > 0) length += '{"request":'.length;
  for (let i = 0; i < keys.length; i++) {
    length += requests[i]!.length + encoder.encode(between(i)).length;
  }
  const body = () => {
    // Each call streams afresh: a create that is sent again needs a new body.
    let i = -1;
    let inRequest = false;
    return new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (i === -1) {
            i = 0;
            controller.enqueue(encoder.encode(keys.length > 0 ? `${head}{"request":` : head));
            inRequest = true;
          } else if (i >= keys.length) {
            controller.enqueue(encoder.encode(tail));
            controller.close();
          } else if (inRequest) {
            controller.enqueue(requests[i]!);
            inRequest = false;
          } else {
            controller.enqueue(encoder.encode(between(i)));
            i++;
            inRequest = true;
          }
        },
      },
      { highWaterMark: 0 },
    );
  };
  return { length, requestCount: keys.length, body };
}
