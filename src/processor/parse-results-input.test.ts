import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchProcessor } from "./batch-processor.js";

const processor = new BatchProcessor("openai/gpt-4o-mini", z.object({ name: z.string() }));
const line = JSON.stringify({
  id: "r1",
  custom_id: "request-0",
  response: {
    status_code: 200,
    body: { choices: [{ message: { content: '{"name":"Ann"}' }, finish_reason: "stop" }] },
  },
  error: null,
});

describe("parseResults input", () => {
  it.each([
    [null, "got null"],
    [42, "got number"],
    [{}, "got object"],
    [undefined, "got undefined"],
  ])("refuses %j with a typed error, not a TypeError", async (content, what) => {
    for (const parse of [
      () => processor.parseResults(content as never),
      () => processor.parseResultsStream(content as never).next(),
    ]) {
      await expect(parse()).rejects.toMatchObject({
        name: "InvalidArgumentError",
        issues: [
          {
            code: "invalid_results_source",
            path: ["content"],
            message: expect.stringContaining(what),
          },
        ],
      });
    }
  });

  it("refuses an iterable of something other than text or bytes", async () => {
    await expect(processor.parseResults([1, 2] as never)).rejects.toMatchObject({
      issues: [
        { code: "invalid_results_source", message: expect.stringContaining("yielded number") },
      ],
    });
  });

  it("takes an iterable of strings", async () => {
    const results = await processor.parseResults([`${line}\n`, line]);
    expect(results.map((r) => r.success)).toEqual([true, true]);
  });

  // "José" written as Latin-1: decoded leniently it would come back as "Jos\uFFFD", a success.
  const latin1 = () => {
    const text = `${line}\n${line.replace("Ann", "Jos\u00e9")}\n`;
    return Uint8Array.from(text, (c) => c.charCodeAt(0));
  };

  it("refuses results that are not UTF-8 instead of altering their text", async () => {
    for (const content of [latin1(), new Blob([latin1()]), new Blob([latin1()]).stream()]) {
      await expect(processor.parseResults(content)).rejects.toMatchObject({
        name: "InvalidArgumentError",
        code: "invalid_encoding",
        issues: [{ code: "invalid_encoding", path: ["content"] }],
      });
    }
    await expect(processor.parseResultsStream(new Blob([latin1()])).next()).rejects.toMatchObject({
      code: "invalid_encoding",
      message: expect.stringContaining("line 2"),
    });
  });

  it("takes UTF-8 split across chunks", async () => {
    const bytes = new TextEncoder().encode(`${line.replace("Ann", "Jos\u00e9")}\n`);
    const cut = bytes.indexOf(0xc3) + 1;
    const results = await processor.parseResults([bytes.slice(0, cut), bytes.slice(cut)]);
    expect(results).toMatchObject([{ success: true, result: { name: "Jos\u00e9" } }]);
  });
});
