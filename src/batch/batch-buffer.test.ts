import { describe, expect, it } from "vitest";
import { BatchBuffer } from "./batch-buffer.js";
import { JsonlWriter } from "./jsonl-writer.js";

function build(lines: string[]): BatchBuffer {
  const writer = new JsonlWriter();
  for (const line of lines) writer.push(line);
  return new BatchBuffer({
    provider: "openai",
    model: "m",
    customIds: lines.map((_, i) => `request-${i}`),
    chunks: writer.finish(),
  });
}

describe("BatchBuffer", () => {
  const lines = [JSON.stringify({ t: 'Zoë said "hi"\nthen left' }), JSON.stringify({ t: "😀" })];

  it("holds UTF-8 JSONL with one line per request, a final newline and no blank line", () => {
    const buffer = build(lines);
    expect(buffer.text()).toBe(`${lines.join("\n")}\n`);
    expect(buffer.size).toBe(new TextEncoder().encode(buffer.text()).byteLength);
    expect(buffer.requestCount).toBe(2);
    expect(
      buffer
        .text()
        .split("\n")
        .filter((l) => l === "").length,
    ).toBe(1); // only after the last line
    expect([...buffer.lines()].map((l) => JSON.parse(l).t)).toEqual([
      'Zoë said "hi"\nthen left',
      "😀",
    ]);
  });

  it("gives the same bytes through getValue, toBlob and stream", async () => {
    const many = Array.from({ length: 40_000 }, (_, i) =>
      JSON.stringify({ i, pad: "é".repeat(20) }),
    );
    const buffer = build(many);
    const blobBefore = await buffer.toBlob().arrayBuffer();
    const value = buffer.getValue();
    expect(value.byteLength).toBe(buffer.size);
    // Deep equality of megabytes is slow in the matcher: compare as Buffers.
    const same = (bytes: ArrayBuffer) => Buffer.from(bytes).equals(Buffer.from(value));
    expect(buffer.size).toBeGreaterThan(2 ** 20); // several encoder chunks
    expect(same(blobBefore)).toBe(true);
    expect(same(await buffer.toBlob().arrayBuffer())).toBe(true);
    expect(same(await new Response(buffer.stream()).arrayBuffer())).toBe(true);
    expect(new TextDecoder().decode(value)).toBe(buffer.text());
    expect(buffer.toBlob().type).toBe("application/jsonl");
  });

  it("previews the first characters without splitting a character", () => {
    const buffer = build(lines);
    expect(buffer.preview(10)).toBe(buffer.text().slice(0, 10));
    expect(buffer.preview(10_000)).toBe(buffer.text());
  });

  it("reads lines chunk by chunk, with lines and characters cut between chunks", () => {
    const text = '{"a":"é😀"}\n\n{"b":2}\n{"c":"ü"}';
    const bytes = new TextEncoder().encode(text);
    // Every way of cutting the bytes in two, including inside a character.
    for (let cut = 0; cut <= bytes.length; cut++) {
      const buffer = new BatchBuffer({
        provider: "openai",
        model: "m",
        customIds: ["a", "b", "c"],
        chunks: [bytes.slice(0, cut), bytes.slice(cut)],
      });
      expect([...buffer.lines()]).toEqual(['{"a":"é😀"}', '{"b":2}', '{"c":"ü"}']);
    }
  });
});
