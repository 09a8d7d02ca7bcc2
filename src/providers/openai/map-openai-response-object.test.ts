import { describe, expect, it } from "vitest";
import { mapOpenAIResultLine } from "./map-openai-result-line.js";

// Lines as the Batch API writes them for /v1/responses: the body is a Responses API object.
function line(body: Record<string, unknown>, statusCode = 200): string {
  return JSON.stringify({
    id: "batch_req_1",
    custom_id: "c1",
    response: { status_code: statusCode, request_id: "req_1", body },
    error: null,
  });
}

const usage = {
  input_tokens: 40,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 150,
  output_tokens_details: { reasoning_tokens: 128 },
  total_tokens: 190,
};

function response(
  content: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: "resp_1",
    object: "response",
    status: "completed",
    incomplete_details: null,
    output: [
      { id: "rs_1", type: "reasoning", summary: [] },
      { id: "msg_1", type: "message", status: "completed", role: "assistant", content },
    ],
    usage,
    ...extra,
  };
}

describe("mapOpenAIResultLine on Responses API objects", () => {
  it("reads the output_text of the message item (after a reasoning item), with reasoning tokens", () => {
    const text = '{"name":"Ann"}';
    const outcome = mapOpenAIResultLine(
      line(response([{ type: "output_text", text, annotations: [] }])),
      1,
    );
    expect(outcome).toMatchObject({
      kind: "answer",
      customId: "c1",
      text,
      usage: { inputTokens: 40, outputTokens: 150, totalTokens: 190, reasoningTokens: 128 },
    });
  });

  it("a refusal part is a refusal", () => {
    expect(
      mapOpenAIResultLine(line(response([{ type: "refusal", refusal: "I can't help." }])), 1),
    ).toMatchObject({ kind: "error", errorType: "refusal", errorMessage: "I can't help." });
  });

  it("incomplete for max_output_tokens is truncated, keeping the partial text; content_filter a refusal", () => {
    const cut = response([{ type: "output_text", text: '{"na' }], {
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
    });
    expect(mapOpenAIResultLine(line(cut), 1)).toMatchObject({
      kind: "error",
      errorType: "truncated",
      errorCode: "max_output_tokens",
      text: '{"na',
      usage: { reasoningTokens: 128 },
    });
    // A reasoning model can spend the whole limit thinking: no message item at all.
    const thoughtOnly = {
      ...cut,
      output: [{ id: "rs_1", type: "reasoning", summary: [] }],
    };
    expect(mapOpenAIResultLine(line(thoughtOnly), 1)).toMatchObject({ errorType: "truncated" });
    const filtered = response([], {
      status: "incomplete",
      incomplete_details: { reason: "content_filter" },
    });
    expect(mapOpenAIResultLine(line(filtered), 1)).toMatchObject({
      errorType: "refusal",
      errorCode: "content_filter",
    });
  });

  it("a failed response is a provider error with its code; an empty answer a parse error", () => {
    const failed = response([], {
      status: "failed",
      error: { code: "server_error", message: "The model failed." },
      output: [],
    });
    expect(mapOpenAIResultLine(line(failed), 1)).toMatchObject({
      errorType: "provider_error",
      errorCode: "server_error",
      errorMessage: "The model failed.",
    });
    expect(mapOpenAIResultLine(line(response([])), 1)).toMatchObject({
      errorType: "parse_error",
    });
  });

  it("chat completions' completion_tokens_details.reasoning_tokens become reasoningTokens", () => {
    const chat = {
      id: "chatcmpl-1",
      object: "chat.completion",
      choices: [{ index: 0, message: { content: "{}" }, finish_reason: "stop" }],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 70,
        total_tokens: 80,
        completion_tokens_details: { reasoning_tokens: 64 },
      },
    };
    expect(mapOpenAIResultLine(line(chat), 1)).toMatchObject({
      kind: "answer",
      usage: { inputTokens: 10, outputTokens: 70, totalTokens: 80, reasoningTokens: 64 },
    });
  });
});
