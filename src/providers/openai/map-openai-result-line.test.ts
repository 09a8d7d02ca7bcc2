import { describe, expect, it } from "vitest";
import { fixtureText } from "../../../test/support/fixtures.js";
import { mapOpenAIResultLine } from "./map-openai-result-line.js";

function line(customId: string, response: unknown, error: unknown = null): string {
  return JSON.stringify({ id: "batch_req_1", custom_id: customId, response, error });
}

function chat(
  message: Record<string, unknown>,
  finishReason = "stop",
  usage = { prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 },
) {
  return {
    status_code: 200,
    request_id: "req_1",
    body: {
      id: "chatcmpl-1",
      object: "chat.completion",
      choices: [
        { index: 0, message: { role: "assistant", ...message }, finish_reason: finishReason },
      ],
      usage,
    },
  };
}

describe("mapOpenAIResultLine", () => {
  it("maps the real output fixture lines (out of input order) to answers with usage", () => {
    const lines = fixtureText("openai/output.chat_completions.success.jsonl").trim().split("\n");
    const outcomes = lines.map((l, i) => mapOpenAIResultLine(l, i + 1));
    expect(outcomes.map((o) => o.customId)).toEqual(["request-2", "request-1"]);
    expect(outcomes[0]).toMatchObject({
      kind: "answer",
      text: "Hello.",
      usage: { inputTokens: 22, outputTokens: 2, totalTokens: 24 },
    });
  });

  it("maps the real error-file fixture to expired", () => {
    const lines = fixtureText("openai/error_file.expired.jsonl").trim().split("\n");
    const outcomes = lines.map((l, i) => mapOpenAIResultLine(l, i + 1));
    expect(outcomes).toEqual([
      expect.objectContaining({
        kind: "error",
        customId: "request-3",
        errorType: "expired",
        errorCode: "batch_expired",
      }),
      expect.objectContaining({ kind: "error", customId: "request-7", errorType: "expired" }),
    ]);
  });

  it("maps a request that ran and got an HTTP error to provider_error with status and code", () => {
    const outcome = mapOpenAIResultLine(
      line("r1", {
        status_code: 429,
        request_id: "req",
        body: {
          error: {
            message: "Rate limit reached",
            type: "requests",
            param: null,
            code: "rate_limit_exceeded",
          },
        },
      }),
      1,
    );
    expect(outcome).toMatchObject({
      kind: "error",
      errorType: "provider_error",
      statusCode: 429,
      errorCode: "rate_limit_exceeded",
      errorMessage: "Rate limit reached",
    });
  });

  it("maps batch_cancelled and unknown never-ran codes", () => {
    expect(
      mapOpenAIResultLine(line("r", null, { code: "batch_cancelled", message: "cancelled" }), 1),
    ).toMatchObject({ errorType: "cancelled" });
    expect(
      mapOpenAIResultLine(line("r", null, { code: "server_error", message: "boom" }), 1),
    ).toMatchObject({ errorType: "provider_error", errorCode: "server_error" });
  });

  it("maps refusal, truncation, content filter and empty answers", () => {
    expect(
      mapOpenAIResultLine(
        line("a", chat({ content: null, refusal: "I can't help with that." })),
        1,
      ),
    ).toMatchObject({ errorType: "refusal", errorMessage: "I can't help with that." });
    expect(
      mapOpenAIResultLine(line("b", chat({ content: '{"name":"Jo', refusal: null }, "length")), 1),
    ).toMatchObject({
      errorType: "truncated",
      text: '{"name":"Jo',
      usage: { outputTokens: 9 },
    });
    expect(
      mapOpenAIResultLine(line("c", chat({ content: null }, "content_filter")), 1),
    ).toMatchObject({ errorType: "refusal", errorCode: "content_filter" });
    expect(mapOpenAIResultLine(line("d", chat({ content: "" })), 1)).toMatchObject({
      errorType: "parse_error",
    });
  });

  it("turns garbage and id-less lines into malformed_line with the line number", () => {
    expect(mapOpenAIResultLine("not json at all", 7)).toMatchObject({
      kind: "error",
      customId: "line-7",
      errorType: "malformed_line",
    });
    expect(mapOpenAIResultLine("[1,2]", 8)).toMatchObject({
      customId: "line-8",
      errorType: "malformed_line",
    });
    expect(mapOpenAIResultLine(JSON.stringify({ response: null }), 9)).toMatchObject({
      customId: "line-9",
      errorType: "malformed_line",
    });
  });
});
