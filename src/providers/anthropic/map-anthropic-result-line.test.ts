import { describe, expect, it } from "vitest";
import { fixtureText } from "../../../test/support/fixtures.js";
import { mapAnthropicResultLine, mapAnthropicResultRow } from "./map-anthropic-result-line.js";

function message(content: unknown[], stopReason = "end_turn") {
  return {
    id: "msg_1",
    type: "message",
    role: "assistant",
    model: "claude-x",
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: 20, output_tokens: 9 },
  };
}

const succeeded = (customId: string, content: unknown[], stopReason?: string) =>
  JSON.stringify({
    custom_id: customId,
    result: { type: "succeeded", message: message(content, stopReason) },
  });

const toolUse = (input: unknown) => ({ type: "tool_use", id: "toolu_1", name: "user", input });

describe("mapAnthropicResultLine", () => {
  it("maps the real results fixture (out of input order) to text answers with usage", () => {
    const lines = fixtureText("anthropic/results.succeeded.jsonl").trim().split("\n");
    const outcomes = lines.map((l, i) => mapAnthropicResultLine(l, i + 1));
    expect(outcomes.map((o) => o.customId)).toEqual(["my-second-request", "my-first-request"]);
    expect(outcomes[0]).toMatchObject({
      kind: "answer",
      text: expect.stringMatching(/^Hello again!/),
      usage: { inputTokens: 11, outputTokens: 36, totalTokens: 47 },
    });
  });

  it("takes the tool_use input as the already-parsed answer", () => {
    const outcome = mapAnthropicResultLine(
      succeeded("r", [{ type: "text", text: "Here:" }, toolUse({ name: "A" })], "tool_use"),
      1,
    );
    expect(outcome).toMatchObject({ kind: "answer", customId: "r", value: { name: "A" } });
    expect(outcome).not.toHaveProperty("text");
  });

  it("counts prompt-cache tokens as input", () => {
    const line = JSON.stringify({
      custom_id: "r",
      result: {
        type: "succeeded",
        message: {
          ...message([toolUse({})]),
          usage: {
            input_tokens: 5,
            cache_creation_input_tokens: 100,
            cache_read_input_tokens: 1000,
            output_tokens: 7,
          },
        },
      },
    });
    expect(mapAnthropicResultLine(line, 1)).toMatchObject({
      usage: { inputTokens: 1105, outputTokens: 7, totalTokens: 1112 },
    });
  });

  it("maps max_tokens to truncated and refusal to refusal", () => {
    expect(
      mapAnthropicResultLine(succeeded("a", [toolUse({ name: "A" })], "max_tokens"), 1),
    ).toMatchObject({
      kind: "error",
      errorType: "truncated",
      errorCode: "max_tokens",
      text: '{"name":"A"}',
      errorMessage: expect.stringContaining("after 9 output tokens"),
    });
    expect(
      mapAnthropicResultLine(succeeded("b", [{ type: "text", text: '{"na' }], "max_tokens"), 1),
    ).toMatchObject({ errorType: "truncated", text: '{"na' });
    expect(
      mapAnthropicResultLine(
        succeeded("c", [{ type: "text", text: "I can't help with that." }], "refusal"),
        1,
      ),
    ).toMatchObject({ errorType: "refusal", errorMessage: "I can't help with that." });
    expect(mapAnthropicResultLine(succeeded("d", [], "refusal"), 1)).toMatchObject({
      errorType: "refusal",
      errorMessage: expect.stringContaining("refused"),
    });
    expect(mapAnthropicResultLine(succeeded("e", []), 1)).toMatchObject({
      errorType: "parse_error",
    });
  });

  it("reads an errored result from the nested envelope, and from the older flat shape", () => {
    const nested = JSON.stringify({
      custom_id: "my-third-request",
      result: {
        type: "errored",
        error: {
          type: "error",
          error: { type: "invalid_request_error", message: "max_tokens: Field required" },
          request_id: "req_011CSHoEeqs5C35K2UUqR7Fy",
        },
      },
    });
    expect(mapAnthropicResultLine(nested, 1)).toEqual(
      expect.objectContaining({
        kind: "error",
        customId: "my-third-request",
        errorType: "provider_error",
        errorCode: "invalid_request_error",
        statusCode: 400,
        errorMessage: "max_tokens: Field required",
      }),
    );
    const flat = JSON.stringify({
      custom_id: "f",
      result: { type: "errored", error: { type: "overloaded_error", message: "Overloaded" } },
    });
    expect(mapAnthropicResultLine(flat, 1)).toMatchObject({
      errorType: "provider_error",
      errorCode: "overloaded_error",
      statusCode: 529,
      errorMessage: "Overloaded",
    });
  });

  it("maps canceled and expired to requests that never ran", () => {
    expect(
      mapAnthropicResultLine('{"custom_id":"my-fourth-request","result":{"type":"canceled"}}', 1),
    ).toMatchObject({ kind: "error", customId: "my-fourth-request", errorType: "cancelled" });
    expect(
      mapAnthropicResultLine('{"custom_id":"my-fifth-request","result":{"type":"expired"}}', 1),
    ).toMatchObject({ kind: "error", customId: "my-fifth-request", errorType: "expired" });
    expect(mapAnthropicResultLine('{"custom_id":"x","result":{"type":"new"}}', 1)).toMatchObject({
      errorType: "provider_error",
      errorMessage: 'Unknown result type "new".',
    });
  });

  it("turns garbage and id-less lines into malformed_line with the line number", () => {
    expect(mapAnthropicResultLine("not json at all", 7)).toMatchObject({
      kind: "error",
      customId: "line-7",
      errorType: "malformed_line",
    });
    expect(mapAnthropicResultLine("[1,2]", 8)).toMatchObject({ customId: "line-8" });
    expect(mapAnthropicResultLine('{"result":{"type":"expired"}}', 9)).toMatchObject({
      customId: "line-9",
      errorType: "malformed_line",
    });
    expect(mapAnthropicResultRow(null, 10)).toMatchObject({ customId: "line-10" });
  });
});
