import { describe, expect, it } from "vitest";
import { BatchBuffer } from "./batch-buffer.js";
import { JsonlWriter } from "./jsonl-writer.js";
import { splitBatchBuffer } from "./split-batch-buffer.js";

function buffer(count: number, pad = 10): BatchBuffer {
  const writer = new JsonlWriter();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(`request-${i}`);
    writer.push(JSON.stringify({ custom_id: `request-${i}`, pad: "é".repeat(pad) }));
  }
  return new BatchBuffer({
    provider: "openai",
    model: "m",
    customIds: ids,
    chunks: writer.finish(),
  });
}

describe("splitBatchBuffer", () => {
  it("keeps a batch within the limits whole", () => {
    const b = buffer(10);
    expect(splitBatchBuffer(b, 10, b.size)).toEqual([{ first: 0, buffer: b }]);
  });

  it("cuts by request count at line boundaries, every line in exactly one part", () => {
    const b = buffer(25);
    const parts = splitBatchBuffer(b, 10, Number.MAX_SAFE_INTEGER);
    expect(parts.map((p) => [p.first, p.buffer.requestCount])).toEqual([
      [0, 10],
      [10, 10],
      [20, 5],
    ]);
    const ids = parts.flatMap((p) => [...p.buffer.lines()].map((l) => JSON.parse(l).custom_id));
    expect(ids).toEqual(b.customIds);
    expect(parts.flatMap((p) => p.buffer.customIds)).toEqual(b.customIds);
    expect(parts.reduce((n, p) => n + p.buffer.size, 0)).toBe(b.size);
  });

  it("cuts by bytes (UTF-8), never over the limit unless one line is larger", () => {
    const b = buffer(40, 30);
    const lineBytes = b.size / 40;
    const max = Math.floor(lineBytes * 7.5);
    const parts = splitBatchBuffer(b, 1000, max);
    expect(parts.every((p) => p.buffer.size <= max)).toBe(true);
    expect(parts.map((p) => p.buffer.requestCount)).toEqual([7, 7, 7, 7, 7, 5]);
    const tiny = splitBatchBuffer(b, 1000, 5);
    expect(tiny).toHaveLength(40);
  });

  it("cuts across chunks without joining them: parts are views of the chunks, lines split over two chunks too", async () => {
    const encoder = new TextEncoder();
    const lines = Array.from({ length: 9 }, (_, i) =>
      JSON.stringify({ custom_id: `r${i}`, x: "ü" }),
    );
    const all = encoder.encode(`${lines.join("\n")}\n`);
    // Cut the bytes into chunks at places that fall inside lines.
    const cuts = [0, 7, 50, 51, 120, all.length];
    const chunks = cuts.slice(1).map((end, i) => all.slice(cuts[i], end));
    const b = new BatchBuffer({
      provider: "openai",
      model: "m",
      customIds: lines.map((_, i) => `r${i}`),
      chunks,
    });
    const parts = splitBatchBuffer(b, 4, Number.MAX_SAFE_INTEGER);
    expect(parts.map((p) => [p.first, p.buffer.requestCount])).toEqual([
      [0, 4],
      [4, 4],
      [8, 1],
    ]);
    expect(parts.map((p) => p.buffer.text()).join("")).toBe(lines.map((l) => `${l}\n`).join(""));
    for (const part of parts) {
      for (const line of part.buffer.lines()) expect(JSON.parse(line).x).toBe("ü");
    }
    // Shared memory, not copies: every chunk of every part is a view of one of the batch's chunks.
    const owners = new Set<ArrayBufferLike>(chunks.map((c) => c.buffer));
    for (const part of parts) {
      const reader = part.buffer.stream().getReader();
      for (let r = reader.read(); ; ) {
        const next = await r;
        if (next.done) break;
        expect(owners.has(next.value.buffer)).toBe(true);
        r = reader.read();
      }
    }
  });
});
