import { describe, expect, it } from "vitest";
import { adaptRequest as adaptAnthropic } from "../anthropic/request-adapter.js";
import { adaptRequest as adaptGoogle } from "../google/request-adapter.js";
import { adaptRequest as adaptOpenAI } from "../openai/request-adapter.js";
import { chatCompletionsBody, chatCompletionsOutcome } from "./chat-completions.js";

const SCHEMA = {
  type: "object",
  properties: { name: { type: "string" } },
  required: ["name"],
};

describe("chatCompletionsBody: each provider's request as one chat completion", () => {
  it("OpenAI chat: developer as system, the named strict schema, max_completion_tokens", () => {
    const { request } = adaptOpenAI(
      "/v1/chat/completions",
      {
        customId: "a",
        body: {
          model: "gpt-4o-mini",
          messages: [
            { role: "developer", content: "Extract." },
            { role: "user", content: [{ type: "text", text: "Ada" }] },
          ],
          max_completion_tokens: 99,
          max_tokens: 5,
          temperature: 0.2,
          response_format: {
            type: "json_schema",
            json_schema: { name: "user", schema: SCHEMA, strict: true },
          },
        },
      } as never,
      0,
    );
    expect(chatCompletionsBody(request)).toEqual({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Extract." },
        { role: "user", content: "Ada" },
      ],
      max_tokens: 99,
      temperature: 0.2,
      response_format: {
        type: "json_schema",
        json_schema: { name: "user", schema: SCHEMA, strict: true },
      },
    });
  });

  it("OpenAI Responses: instructions, text.format and max_output_tokens; model overridden", () => {
    const { request } = adaptOpenAI(
      "/v1/responses",
      {
        customId: "a",
        body: {
          model: "gpt-4o-mini",
          instructions: "Extract.",
          input: "Ada",
          max_output_tokens: 40,
          text: { format: { type: "json_schema", name: "my user!", schema: SCHEMA } },
        },
      } as never,
      0,
    );
    const body = chatCompletionsBody(request, "llama-3");
    expect(body.model).toBe("llama-3");
    expect(body.max_tokens).toBe(40);
    expect(body.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "my_user_", schema: SCHEMA, strict: false },
    });
  });

  it("Anthropic forced tool use: system first, the tool's name and schema, max_tokens", () => {
    const { request } = adaptAnthropic(
      "a",
      {
        model: "claude-haiku-4-5",
        max_tokens: 150,
        temperature: 0.5,
        system: [{ type: "text", text: "Extract." }],
        messages: [
          { role: "user", content: "Ada" },
          { role: "assistant", content: "Which Ada?" },
          { role: "user", content: [{ type: "text", text: "Lovelace" }] },
        ],
        tools: [{ name: "User", input_schema: SCHEMA, strict: true }],
        tool_choice: { type: "tool", name: "User" },
      },
      0,
      "2023-06-01",
    );
    expect(chatCompletionsBody(request)).toEqual({
      model: "claude-haiku-4-5",
      messages: [
        { role: "system", content: "Extract." },
        { role: "user", content: "Ada" },
        { role: "assistant", content: "Which Ada?" },
        { role: "user", content: "Lovelace" },
      ],
      max_tokens: 150,
      temperature: 0.5,
      response_format: {
        type: "json_schema",
        json_schema: { name: "User", schema: SCHEMA, strict: true },
      },
    });
  });

  it("Anthropic output_config.format: an unnamed, non-strict schema", () => {
    const { request } = adaptAnthropic(
      "a",
      {
        model: "claude-haiku-4-5",
        max_tokens: 10,
        messages: [{ role: "user", content: "Ada" }],
        output_config: { format: { type: "json_schema", schema: SCHEMA } },
      },
      0,
      "2023-06-01",
    );
    expect(chatCompletionsBody(request).response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "response", schema: SCHEMA, strict: false },
    });
  });

  it("Gemini: systemInstruction, the model role, generation_config in snake_case", () => {
    const { request } = adaptGoogle({
      key: "a",
      index: 0,
      model: "gemini-2.5-flash",
      body: {
        system_instruction: { parts: [{ text: "Extract." }] },
        contents: [
          { role: "user", parts: [{ text: "Ada" }] },
          { role: "model", parts: [{ text: "Which Ada?" }] },
          { role: "user", parts: [{ text: "Lovelace" }] },
        ],
        generation_config: {
          max_output_tokens: 64,
          temperature: 0,
          response_mime_type: "application/json",
          response_schema: { type: "OBJECT", properties: { name: { type: "STRING" } } },
        },
      },
    });
    expect(chatCompletionsBody(request)).toEqual({
      model: "gemini-2.5-flash",
      messages: [
        { role: "system", content: "Extract." },
        { role: "user", content: "Ada" },
        { role: "assistant", content: "Which Ada?" },
        { role: "user", content: "Lovelace" },
      ],
      max_tokens: 64,
      temperature: 0,
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "response",
          schema: { type: "object", properties: { name: { type: "string" } } },
          strict: false,
        },
      },
    });
  });

  it("leaves out what the request does not set", () => {
    const { request } = adaptGoogle({
      key: "a",
      index: 0,
      model: "gemini-2.5-flash",
      body: { contents: [{ parts: [{ text: "Hi" }] }] },
    });
    expect(chatCompletionsBody(request)).toEqual({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "Hi" }],
    });
  });
});

const completion = (message: unknown, finish_reason = "stop", extra: object = {}) =>
  JSON.stringify({ choices: [{ index: 0, message, finish_reason }], ...extra });

describe("chatCompletionsOutcome", () => {
  it("passes the text on unchecked, with the server's token counts", () => {
    const text = completion({ role: "assistant", content: '{"name": 1}' }, "stop", {
      usage: { prompt_tokens: 12, completion_tokens: 4 },
    });
    expect(chatCompletionsOutcome(200, text)).toEqual({
      type: "success",
      content: '{"name": 1}',
      usage: { inputTokens: 12, outputTokens: 4 },
    });
    const parts = completion({ content: [{ type: "text", text: "a" }, { text: "b" }] });
    expect(chatCompletionsOutcome(200, parts)).toEqual({ type: "success", content: "ab" });
  });

  it("maps length, refusal and content filter", () => {
    expect(chatCompletionsOutcome(200, completion({ content: '{"na' }, "length"))).toEqual({
      type: "truncated",
      text: '{"na',
    });
    expect(chatCompletionsOutcome(200, completion({ content: null, refusal: "No." }))).toEqual({
      type: "refusal",
      message: "No.",
    });
    expect(chatCompletionsOutcome(200, completion({ content: null }, "content_filter"))).toEqual({
      type: "refusal",
    });
  });

  it("keeps the server's status and message for HTTP errors", () => {
    expect(chatCompletionsOutcome(400, '{"error":{"message":"bad schema"}}')).toEqual({
      type: "error",
      status: 400,
      message: "The model server answered 400: bad schema",
    });
    expect(chatCompletionsOutcome(503, '{"error":"loading model"}')).toMatchObject({
      status: 503,
      message: "The model server answered 503: loading model",
    });
    expect(chatCompletionsOutcome(500, "Internal Server Error\n")).toMatchObject({
      message: "The model server answered 500: Internal Server Error",
    });
  });

  it("makes an unreadable 200 a 502", () => {
    expect(chatCompletionsOutcome(200, "<html>")).toMatchObject({ type: "error", status: 502 });
    expect(chatCompletionsOutcome(200, completion({ tool_calls: [] }))).toMatchObject({
      type: "error",
      status: 502,
      message: "The model server's answer had no text.",
    });
  });
});
