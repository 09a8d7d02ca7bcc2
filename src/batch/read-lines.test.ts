import { describe, expect, it } from "vitest";
import { LineCursor, readLineBatches } from "./read-lines.js";

async function collect(source: Parameters<typeof readLineBatches>[0]) {
  const out: [number, string][] = [];
  for await (const batch of readLineBatches(source)) {
    for (const { line, lineNumber } of batch) out.push([lineNumber, line]);
  }
  return out;
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

describe("readLineBatches: the lines", () => {
  it("splits on \\n and \\r\\n, skips blank lines but counts them, keeps a last line without newline", async () => {
    expect(await collect('{"a":1}\r\n\n{"b":2}\n   \n{"c":3}')).toEqual([
      [1, '{"a":1}'],
      [3, '{"b":2}'],
      [5, '{"c":3}'],
    ]);
  });

  it("joins lines and multi-byte characters split across chunks", async () => {
    const bytes = new TextEncoder().encode('{"name":"Zoë 😀"}\n{"name":"Ünïcödé"}\n');
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 3) chunks.push(bytes.subarray(i, i + 3));
    expect(await collect(streamOf(chunks))).toEqual([
      [1, '{"name":"Zoë 😀"}'],
      [2, '{"name":"Ünïcödé"}'],
    ]);
  });

  it("reads bytes, Blobs and async iterables", async () => {
    const text = "x\ny\n";
    const expected = [
      [1, "x"],
      [2, "y"],
    ];
    expect(await collect(new TextEncoder().encode(text))).toEqual(expected);
    expect(await collect(new Blob([text]))).toEqual(expected);
    expect(
      await collect(
        (async function* () {
          yield "x\n";
          yield "y";
        })(),
      ),
    ).toEqual(expected);
  });
});

describe("readLineBatches", () => {
  it("yields the whole lines of each chunk together; a line cut by a chunk goes with the next", async () => {
    const enc = new TextEncoder();
    const chunks = [
      enc.encode('{"a":1}\n{"b":2}\n{"c"'),
      enc.encode(":3}\n\n"),
      enc.encode('{"d":4}'),
    ];
    const batches: [number, string][][] = [];
    for await (const batch of readLineBatches(streamOf(chunks))) {
      batches.push(batch.map(({ line, lineNumber }) => [lineNumber, line]));
    }
    expect(batches).toEqual([
      [
        [1, '{"a":1}'],
        [2, '{"b":2}'],
      ],
      [[3, '{"c":3}']],
      [[5, '{"d":4}']],
    ]);
  });
});

describe("readLineBatches across chunk edges", () => {
  it("joins a line spread over three chunks and a \\r\\n cut between two, counting blank lines", async () => {
    const enc = new TextEncoder();
    const chunks = ['{"a":', '"x', 'y"}\r', '\n\n{"b":2}\r\n', "  \n", '{"c":3}'].map((c) =>
      enc.encode(c),
    );
    const lines: [number, string][] = [];
    for await (const batch of readLineBatches(streamOf(chunks))) {
      for (const { line, lineNumber } of batch) lines.push([lineNumber, line]);
    }
    expect(lines).toEqual([
      [1, '{"a":"xy"}'],
      [3, '{"b":2}'],
      [5, '{"c":3}'],
    ]);
  });
});

describe("LineCursor", () => {
  it("walks the same lines as readLineBatches, with no object per line", async () => {
    const text = '{"a":1}\r\n\n  \n{"b":2}\nlast';
    const cursor = new LineCursor(text);
    const seen: [number, string][] = [];
    while (cursor.next()) seen.push([cursor.lineNumber, cursor.line]);
    expect(seen).toEqual([
      [1, '{"a":1}'],
      [4, '{"b":2}'],
      [5, "last"],
    ]);
    expect(seen).toEqual(await collect(text));
    expect(cursor.next()).toBe(false);
  });
});
