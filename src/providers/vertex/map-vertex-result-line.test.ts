import { describe, expect, it } from "vitest";
import { mapVertexResultLine } from "./map-vertex-result-line.js";

const request = { contents: [{ role: "user", parts: [{ text: "x" }] }] };

describe("mapVertexResultLine", () => {
  it("reads a success through the Gemini mapping, usage included", () => {
    const line = JSON.stringify({
      key: "k1",
      request,
      status: "",
      processed_time: "2026-12-06T05:00:00.000+00:00",
      response: {
        candidates: [{ content: { parts: [{ text: '{"a":1}' }] }, finishReason: "STOP" }],
        usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 8 },
      },
    });
    expect(mapVertexResultLine(line, 1)).toMatchObject({
      kind: "answer",
      customId: "k1",
      text: '{"a":1}',
      usage: { inputTokens: 5, outputTokens: 3, totalTokens: 8 },
    });
  });

  it("reads the error a failed row carries in its status text", () => {
    const error = {
      code: 400,
      message: "Please use a valid role: user, model.",
      status: "INVALID_ARGUMENT",
    };
    const line = JSON.stringify({
      key: "k2",
      request,
      status: `Bad Request: ${JSON.stringify({ error })}`,
    });
    expect(mapVertexResultLine(line, 2)).toMatchObject({
      kind: "error",
      customId: "k2",
      errorType: "provider_error",
      errorCode: "INVALID_ARGUMENT",
      errorMessage: "Please use a valid role: user, model.",
    });
    const plain = JSON.stringify({ key: "k3", request, status: "Internal error occurred." });
    expect(mapVertexResultLine(plain, 3)).toMatchObject({
      kind: "error",
      errorType: "provider_error",
      errorMessage: "Internal error occurred.",
    });
    const cancelled = JSON.stringify({
      key: "k4",
      status: `Client Closed Request: ${JSON.stringify({ error: { code: 499, message: "stopped", status: "CANCELLED" } })}`,
    });
    expect(mapVertexResultLine(cancelled, 4)).toMatchObject({ errorType: "cancelled" });
  });

  it("makes a line without a key or without JSON one malformed_line, named by its number", () => {
    expect(mapVertexResultLine(JSON.stringify({ request, status: "" }), 7)).toMatchObject({
      customId: "line-7",
      errorType: "malformed_line",
    });
    expect(mapVertexResultLine("{oops", 8)).toMatchObject({
      customId: "line-8",
      errorType: "malformed_line",
    });
    // A row with neither response nor status says nothing: an error, not a silent success.
    expect(mapVertexResultLine(JSON.stringify({ key: "k9" }), 9)).toMatchObject({
      kind: "error",
      customId: "k9",
    });
  });
});
