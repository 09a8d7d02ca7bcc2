import { describe, expect, it } from "vitest";
import { mapMistralResultLine } from "./map-mistral-result-line.js";

const answer = (content: unknown, finish = "stop") =>
  JSON.stringify({
    id: "batch-1",
    custom_id: "r1",
    response: {
      status_code: 200,
      body: {
        object: "chat.completion",
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finish }],
        usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
      },
    },
    error: null,
  });

describe("mapMistralResultLine", () => {
  it("reads an answer and its usage", () => {
    expect(mapMistralResultLine(answer('{"a":1}'), 1)).toMatchObject({
      kind: "answer",
      customId: "r1",
      text: '{"a":1}',
      usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 },
    });
  });

  it("joins the text chunks of a reasoning model's answer, leaving its thinking out", () => {
    const content = [
      { type: "thinking", thinking: [{ type: "text", text: "let me see" }] },
      { type: "text", text: '{"a":' },
      { type: "text", text: "1}" },
    ];
    expect(mapMistralResultLine(answer(content), 1)).toMatchObject({
      kind: "answer",
      text: '{"a":1}',
    });
  });

  it("reads length and model_length as truncated, and finish_reason error as a provider error", () => {
    expect(mapMistralResultLine(answer('{"a":', "length"), 1)).toMatchObject({
      kind: "error",
      errorType: "truncated",
      text: '{"a":',
    });
    expect(mapMistralResultLine(answer('{"a":', "model_length"), 1)).toMatchObject({
      errorType: "truncated",
      errorMessage: expect.stringContaining("context window"),
    });
    expect(mapMistralResultLine(answer("", "error"), 1)).toMatchObject({
      errorType: "provider_error",
    });
  });

  it("takes the message of Mistral's error envelope, and its code", () => {
    const line = JSON.stringify({
      custom_id: "r2",
      response: {
        status_code: 400,
        body: {
          object: "error",
          message: "Received unsupported keyword `format` in schema.",
          type: "invalid_request_error",
          param: null,
          code: null,
        },
      },
      error: null,
    });
    expect(mapMistralResultLine(line, 1)).toMatchObject({
      kind: "error",
      customId: "r2",
      errorType: "provider_error",
      statusCode: 400,
      errorMessage: "Received unsupported keyword `format` in schema.",
      errorCode: "invalid_request_error",
    });
  });

  it("reads the lines of requests that never ran as expired or cancelled", () => {
    const notRun = (code: string) =>
      JSON.stringify({ custom_id: "r3", response: null, error: { code, message: "not run" } });
    expect(mapMistralResultLine(notRun("timeout_exceeded"), 1)).toMatchObject({
      errorType: "expired",
    });
    expect(mapMistralResultLine(notRun("cancelled"), 1)).toMatchObject({
      errorType: "cancelled",
    });
    expect(mapMistralResultLine(notRun("other"), 1)).toMatchObject({
      errorType: "provider_error",
      errorCode: "other",
    });
  });

  it("never throws: garbage and lines without an id are malformed", () => {
    expect(mapMistralResultLine("not json", 3)).toMatchObject({ errorType: "malformed_line" });
    expect(mapMistralResultLine('{"response":{}}', 4)).toMatchObject({
      errorType: "malformed_line",
    });
    expect(mapMistralResultLine("[1]", 5)).toMatchObject({ errorType: "malformed_line" });
  });
});
