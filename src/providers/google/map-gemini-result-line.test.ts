import { describe, expect, it } from "vitest";
import { fixtureJson, fixtureText } from "../../../test/support/fixtures.js";
import { viewGeminiBatch } from "./gemini-batch-view.js";
import { mapGeminiResultLine } from "./map-gemini-result-line.js";
import { inlineOutcomes } from "./read-gemini-results.js";

function answer(text: string, finishReason = "STOP", usage: Record<string, number> = {}) {
  return {
    candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason, index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15, ...usage },
    modelVersion: "gemini-2.5-flash",
  };
}
const line = (key: string, body: Record<string, unknown>) => JSON.stringify({ ...body, key });

describe("mapGeminiResultLine", () => {
  it("maps the real output lines to answers with usage, thinking counted as output", () => {
    const lines = fixtureText("gemini/output.success.jsonl").trim().split("\n");
    const outcomes = lines.map((l, i) => mapGeminiResultLine(l, i + 1));
    expect(outcomes.map((o) => o.customId)).toEqual(["request_1", "request_2"]);
    expect(outcomes[0]).toMatchObject({
      kind: "answer",
      text: "AI learns patterns from data to make decisions or predictions.",
      usage: { inputTokens: 8, outputTokens: 840, totalTokens: 848 },
    });
    // Billed output = candidates + thoughts; the thoughts also apart; totals add up.
    expect(outcomes[1]!.kind === "answer" && outcomes[1]!.usage).toEqual({
      inputTokens: 9,
      outputTokens: 1243,
      totalTokens: 1252,
      reasoningTokens: 1180,
    });
  });

  it("reports reasoningTokens only when Gemini counts thoughts", () => {
    const outcome = mapGeminiResultLine(line("a", { response: answer('{"a":1}') }), 1);
    expect(outcome.kind === "answer" && outcome.usage).toEqual({
      inputTokens: 10,
      outputTokens: 5,
      totalTokens: 15,
    });
  });

  it("maps a per-request google.rpc error to provider_error with the status name", () => {
    const outcome = mapGeminiResultLine(
      line("request_3", { error: { code: 13, message: "An internal error has occurred." } }),
      3,
    );
    expect(outcome).toMatchObject({
      kind: "error",
      customId: "request_3",
      errorType: "provider_error",
      errorCode: "INTERNAL",
      errorMessage: "An internal error has occurred.",
    });
    expect(outcome).not.toHaveProperty("statusCode");
    expect(
      mapGeminiResultLine(line("r", { error: { code: 8, message: "Quota" } }), 1),
    ).toMatchObject({ errorCode: "RESOURCE_EXHAUSTED" });
  });

  it("maps requests that never ran to cancelled and expired", () => {
    expect(
      mapGeminiResultLine(line("a", { error: { code: 1, message: "cancelled" } }), 1),
    ).toMatchObject({ errorType: "cancelled", errorCode: "CANCELLED" });
    expect(
      mapGeminiResultLine(line("b", { error: { code: 4, message: "expired" } }), 2),
    ).toMatchObject({ errorType: "expired", errorCode: "DEADLINE_EXCEEDED" });
  });

  it("maps MAX_TOKENS to truncated, naming thinking tokens when they used the budget", () => {
    expect(
      mapGeminiResultLine(line("a", { response: answer('{"name":"Jo', "MAX_TOKENS") }), 1),
    ).toMatchObject({
      errorType: "truncated",
      text: '{"name":"Jo',
      errorMessage: "The answer was cut off by the token limit; raise maxTokens.",
    });
    const thinking = mapGeminiResultLine(
      line("b", { response: answer("", "MAX_TOKENS", { thoughtsTokenCount: 140 }) }),
      1,
    );
    expect(thinking).toMatchObject({ errorType: "truncated", usage: { outputTokens: 145 } });
    expect(thinking).not.toHaveProperty("text");
    expect(thinking.kind === "error" && thinking.errorMessage).toMatch(/140 .*thinkingConfig/);
  });

  it("maps blocked candidates and blocked prompts to refusal", () => {
    for (const reason of ["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII"]) {
      const blocked = { candidates: [{ finishReason: reason, index: 0 }] };
      expect(mapGeminiResultLine(line("a", { response: blocked }), 1)).toMatchObject({
        errorType: "refusal",
        errorCode: reason,
      });
    }
    const prompt = {
      promptFeedback: { blockReason: "PROHIBITED_CONTENT" },
      usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 },
    };
    expect(mapGeminiResultLine(line("b", { response: prompt }), 1)).toMatchObject({
      errorType: "refusal",
      errorCode: "PROHIBITED_CONTENT",
      errorMessage: "The prompt was blocked (PROHIBITED_CONTENT).",
      usage: { inputTokens: 9, outputTokens: 0, totalTokens: 9 },
    });
  });

  it("maps no candidates, other stops and empty answers; joins parts and skips thoughts", () => {
    expect(mapGeminiResultLine(line("a", { response: { candidates: [] } }), 1)).toMatchObject({
      errorType: "provider_error",
      errorMessage: "The response has no candidates.",
    });
    expect(mapGeminiResultLine(line("b", { response: answer("{", "OTHER") }), 1)).toMatchObject({
      errorType: "provider_error",
      errorCode: "OTHER",
      text: "{",
    });
    expect(mapGeminiResultLine(line("c", { response: answer("") }), 1)).toMatchObject({
      errorType: "parse_error",
      errorMessage: "The answer is empty.",
    });
    const split = {
      candidates: [
        {
          content: {
            parts: [{ text: "Let me think", thought: true }, { text: '{"a":' }, { text: "1}" }],
          },
          finishReason: "STOP",
        },
      ],
    };
    expect(mapGeminiResultLine(line("d", { response: split }), 1)).toMatchObject({
      kind: "answer",
      text: '{"a":1}',
      usage: undefined,
    });
  });

  it("turns garbage and key-less lines into malformed_line with the line number", () => {
    expect(mapGeminiResultLine("not json at all", 7)).toMatchObject({
      kind: "error",
      customId: "line-7",
      errorType: "malformed_line",
    });
    expect(mapGeminiResultLine("[1,2]", 8)).toMatchObject({ customId: "line-8" });
    expect(mapGeminiResultLine(JSON.stringify({ response: answer("{}") }), 9)).toMatchObject({
      customId: "line-9",
      errorType: "malformed_line",
      errorMessage: 'Results line 9: no "key"',
    });
  });
});

describe("inlineOutcomes", () => {
  const inline = (items: unknown[]) =>
    viewGeminiBatch({
      name: "batches/x",
      metadata: {
        state: "BATCH_STATE_SUCCEEDED",
        output: { inlinedResponses: { inlinedResponses: items } },
      },
    });

  it("joins inline responses by metadata.key, whatever their order", () => {
    const view = inline([
      { response: answer('{"n":2}'), metadata: { key: "b" } },
      { error: { code: 13, message: "boom" }, metadata: { key: "a" } },
    ]);
    const outcomes = inlineOutcomes(view, ["a", "b"], () => {});
    expect(outcomes).toEqual([
      expect.objectContaining({ kind: "answer", customId: "b", text: '{"n":2}' }),
      expect.objectContaining({
        customId: "a",
        errorType: "provider_error",
        errorCode: "INTERNAL",
      }),
    ]);
  });

  it("falls back to the input position for a response without key, and says so", () => {
    // The SDK's own inline fixture: responses without metadata (embeddings, no candidates).
    const raw = fixtureJson("gemini/sdk_test.embed_batch.succeeded.inline.json");
    const view = viewGeminiBatch(raw);
    const told: number[] = [];
    const matched = inlineOutcomes(view, ["first"], (n) => told.push(n));
    expect(matched).toEqual([
      expect.objectContaining({ customId: "first", errorType: "provider_error" }),
    ]);
    expect(told).toEqual([1]);
    const unknown = inlineOutcomes(view, undefined, () => {});
    expect(unknown).toEqual([
      expect.objectContaining({ customId: "line-1", errorType: "malformed_line" }),
    ]);
    // Keys the API echoes in the batch's input config are used first.
    const echoed = viewGeminiBatch({
      ...raw,
      metadata: {
        ...raw.metadata,
        inputConfig: { requests: { requests: [{ metadata: { key: "k0" } }] } },
      },
    });
    expect(inlineOutcomes(echoed, ["other"], () => {})[0]?.customId).toBe("k0");
  });
});
