// A responder may double every result line of a large batch (`duplicated`). The copies were
// appended with push(...copies), which overflows the stack from about 150,000 arguments on:
// the batch then failed inside the emulator instead of delivering its lines.
import { describe, expect, it } from "vitest";
import { deliveredLines } from "./responder/resolve-outcome.js";
import type { ResolvedOutcome } from "./responder/types.js";
import { readJsonl, startOpenAIHarness, submit } from "./test-support/openai-harness.js";

const COUNT = 160_000;

describe("a batch whose every line is duplicated", () => {
  it("delivers each line twice, copies after the originals", () => {
    const order = Array.from({ length: COUNT }, (_, i) => i);
    const outcome: ResolvedOutcome = {
      kind: "answer",
      content: "{}",
      refusal: null,
      finishReason: "stop",
      inputTokens: 1,
      outputTokens: 1,
      delivery: "duplicated",
    };
    const lines = deliveredLines(
      order,
      () => outcome,
      (i) => i,
    );
    expect(lines).toHaveLength(2 * COUNT);
    expect(lines[COUNT - 1]).toBe(COUNT - 1);
    expect(lines[COUNT]).toBe(0);
  });

  it("writes an OpenAI output file with both copies of 160,000 lines", {
    timeout: 120_000,
  }, async () => {
    const h = await startOpenAIHarness({
      responder: () => ({ type: "duplicated" }),
      // More than the real 50,000 a batch, to pass the point where spreading overflowed.
      openai: { limits: { maxRequestsPerBatch: COUNT } },
    });
    try {
      const lines = Array.from({ length: COUNT }, (_, i) => ({
        custom_id: `r${i}`,
        method: "POST",
        url: "/v1/chat/completions",
        body: { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] },
      }));
      const batch = await submit(h.client, lines);
      expect(batch.status).toBe("completed");
      const output = await readJsonl(h.client, batch.output_file_id);
      expect(output).toHaveLength(2 * COUNT);
      expect(output[COUNT]?.custom_id).toBe(output[0]?.custom_id);
    } finally {
      await h.close();
    }
  });
});
