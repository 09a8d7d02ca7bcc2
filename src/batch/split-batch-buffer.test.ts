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
});
