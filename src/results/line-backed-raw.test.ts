// A success's `raw` is kept as its results-file line and parsed when first read: the same value
// as before for every way a program reads it, without holding every parsed line in memory.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchProcessor } from "../processor/batch-processor.js";

const User = z.object({ name: z.string() });
const line = (id: string, name: string) =>
  JSON.stringify({
    id: `batch_req_${id}`,
    custom_id: id,
    response: {
      status_code: 200,
      request_id: "r",
      body: {
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: JSON.stringify({ name }) },
            finish_reason: "stop",
          },
        ],
        usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
      },
    },
    error: null,
  });

async function parsed(options: { includeRaw?: boolean } = {}) {
  const processor = new BatchProcessor("openai/gpt-4o-mini", User, { apiKey: "k", ...options });
  const text = `${line("a", "Ann")}\n${line("b", "Bob")}\n`;
  return { text, results: await processor.parseResults(text) };
}

describe("raw of a success", () => {
  it("is the parsed provider line, parsed once and then kept", async () => {
    const { text, results } = await parsed();
    const [first] = results;
    expect(first!.raw).toEqual(JSON.parse(text.split("\n")[0]!));
    expect(first!.raw).toBe(first!.raw);
    expect(results.map((r) => (r.raw as { custom_id: string }).custom_id)).toEqual(["a", "b"]);
  });

  it("is written by JSON.stringify and can be replaced", async () => {
    const { text, results } = await parsed();
    const first = results[0]!;
    expect(JSON.parse(JSON.stringify(first))).toEqual({
      success: true,
      customId: "a",
      result: { name: "Ann" },
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      raw: JSON.parse(text.split("\n")[0]!),
    });
    expect(first).toMatchObject({ raw: { custom_id: "a" } });
    first.raw = { replaced: true };
    expect(first.raw).toEqual({ replaced: true });
    expect(JSON.parse(JSON.stringify(first)).raw).toEqual({ replaced: true });
  });

  it("is absent with includeRaw: false", async () => {
    const { results } = await parsed({ includeRaw: false });
    expect(results[0]!.raw).toBeUndefined();
    expect(JSON.parse(JSON.stringify(results[0]))).not.toHaveProperty("raw");
  });
});
