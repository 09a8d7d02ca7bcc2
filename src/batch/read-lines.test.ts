import { describe, expect, it } from "vitest";
import { readLines, splitLines } from "./read-lines.js";

async function collect(source: Parameters<typeof readLines>[0]) {
  const out: [number, string][] = [];
  for await (const { line, lineNumber } of readLines(source)) out.push([lineNumber, line]);
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

describe("readLines", () => {
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

  it("splitLines gives the same lines as readLines for text in memory", async () => {
    const text = '{"a":1}\r\n\n{"b":2}\n   \n{"c":3}\nlast';
    expect([...splitLines(text)].map((l) => [l.lineNumber, l.line])).toEqual(await collect(text));
  });
});
