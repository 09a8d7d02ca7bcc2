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
});
