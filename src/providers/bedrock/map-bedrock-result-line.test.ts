import { describe, expect, it } from "vitest";
import { mapBedrockResultLine } from "./map-bedrock-result-line.js";

const input = { anthropic_version: "bedrock-2023-05-31", max_tokens: 10, messages: [] };
const line = (row: Record<string, unknown>) =>
  JSON.stringify({ recordId: "r1", modelInput: input, ...row });
const message = (content: unknown[], stop: string) => ({
  modelOutput: {
    type: "message",
    content,
    stop_reason: stop,
    usage: { input_tokens: 7, output_tokens: 5, cache_read_input_tokens: 2 },
  },
});

describe("mapBedrockResultLine", () => {
  it("reads the tool input of a Claude modelOutput, with usage", () => {
    const outcome = mapBedrockResultLine(
      line(message([{ type: "tool_use", name: "response", input: { a: 1 } }], "tool_use")),
      1,
    );
    expect(outcome).toMatchObject({
      kind: "answer",
      customId: "r1",
      value: { a: 1 },
      usage: { inputTokens: 9, outputTokens: 5, totalTokens: 14 },
    });
    // raw is the Bedrock line, not the Anthropic shape it was read through.
    expect(outcome.raw).toMatchObject({ recordId: "r1", modelInput: input });
  });

  it("maps refusal and truncation as on Anthropic", () => {
    expect(
      mapBedrockResultLine(line(message([{ type: "text", text: "No." }], "refusal")), 1),
    ).toMatchObject({
      errorType: "refusal",
    });
    expect(mapBedrockResultLine(line(message([], "max_tokens")), 1)).toMatchObject({
      errorType: "truncated",
    });
  });

  it("reads an error line as a provider error with its code as status", () => {
    expect(
      mapBedrockResultLine(line({ error: { errorCode: 400, errorMessage: "bad request" } }), 2),
    ).toMatchObject({
      kind: "error",
      customId: "r1",
      errorType: "provider_error",
      errorMessage: "bad request",
      errorCode: "400",
      statusCode: 400,
    });
  });

  it("reads the codes of records that never ran as cancelled (499) and expired (408)", () => {
    expect(
      mapBedrockResultLine(line({ error: { errorCode: 499, errorMessage: "x" } }), 1),
    ).toMatchObject({
      errorType: "cancelled",
    });
    expect(
      mapBedrockResultLine(line({ error: { errorCode: 408, errorMessage: "x" } }), 1),
    ).toMatchObject({
      errorType: "expired",
    });
  });

  it("turns a line without recordId, or not JSON, into one malformed_line", () => {
    expect(mapBedrockResultLine('{"modelOutput":{}}', 4)).toMatchObject({
      customId: "line-4",
      errorType: "malformed_line",
      errorMessage: expect.stringContaining('no "recordId"'),
    });
    expect(mapBedrockResultLine("{not json", 5)).toMatchObject({
      customId: "line-5",
      errorType: "malformed_line",
    });
  });
});
