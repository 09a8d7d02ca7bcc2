import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { item, readResults, USER_SCHEMA } from "../anthropic/test-support/anthropic-harness.js";
import { createEmulator } from "../index.js";
import {
  chatLine,
  readJsonl,
  STRICT_USER_SCHEMA,
  submit,
  ZERO_PHASES,
} from "../test-support/openai-harness.js";
import type { Emulator, EmulatorServer } from "../types.js";
import { forwardResponder } from "./forward-responder.js";
import { answerFor, type ChatServer, startChatServer } from "./test-support/chat-server.js";

const GEMINI_SCHEMA = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" } },
  required: ["name", "age"],
};

/** The calls whose last user message is `text`. */
function callsFor(model: ChatServer, text: string) {
  return model.calls.filter((c) => c.body.messages.at(-1).content === text).map((c) => c.body);
}

describe("forwardResponder: a local model server behind all three batch APIs", () => {
  let model: ChatServer;
  let emulator: Emulator;
  let server: EmulatorServer;
  let openai: OpenAI;
  let anthropic: Anthropic;
  let gemini: GoogleGenAI;

  beforeAll(async () => {
    model = await startChatServer();
    emulator = createEmulator({
      phases: ZERO_PHASES,
      responder: forwardResponder({ baseURL: model.baseURL, concurrency: 2, model: "local" }),
    });
    server = await emulator.listen({ port: 0 });
    openai = new OpenAI({ apiKey: "k", baseURL: `${server.url}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey: "k", baseURL: server.url, maxRetries: 0 });
    gemini = new GoogleGenAI({ apiKey: "k", httpOptions: { baseUrl: server.url } });
  });
  afterAll(async () => {
    await server.close();
    await model.close();
  });
  beforeEach(() => model.reset());

  it("OpenAI: the strict schema goes out, the answer, an HTTP 500 and a cut answer come back", async () => {
    const options = { schema: STRICT_USER_SCHEMA, system: "Extract the user." };
    const batch = await submit(openai, [
      chatLine("ok", "Ada Lovelace", options),
      chatLine("crash", "[500]", options),
      chatLine("cut", "[length]", options),
    ]);
    const done = await openai.batches.retrieve(batch.id);
    expect(done.status).toBe("completed");
    expect(callsFor(model, "Ada Lovelace")).toEqual([
      {
        model: "local",
        messages: [
          { role: "system", content: "Extract the user." },
          { role: "user", content: "Ada Lovelace" },
        ],
        max_tokens: 150,
        response_format: {
          type: "json_schema",
          json_schema: { name: "user", schema: STRICT_USER_SCHEMA, strict: true },
        },
      },
    ]);
    const output = await readJsonl(openai, done.output_file_id);
    const by = Object.fromEntries(output.map((l) => [l.custom_id, l.response.body.choices[0]]));
    expect(JSON.parse(by.ok.message.content)).toEqual(
      answerFor(STRICT_USER_SCHEMA, "Ada Lovelace"),
    );
    expect(by.cut).toMatchObject({ finish_reason: "length", message: { content: '{"name": "Cu' } });
    const errors = await readJsonl(openai, done.error_file_id);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ custom_id: "crash", response: { status_code: 500 } });
    expect(errors[0].response.body.error.message).toContain("model crashed");
  });

  it("Anthropic: forced tool use sends the tool's schema and answers with a tool_use block", async () => {
    const created = await anthropic.messages.batches.create({
      requests: [
        item("tool", "Grace Hopper", { tool: USER_SCHEMA, system: "Extract the user." }),
        item("refused", "[refuse]", { tool: USER_SCHEMA }),
      ],
    });
    const [call] = callsFor(model, "Grace Hopper");
    expect(call).toMatchObject({
      messages: [
        { role: "system", content: "Extract the user." },
        { role: "user", content: "Grace Hopper" },
      ],
      max_tokens: 150,
      response_format: { json_schema: { name: "User", schema: USER_SCHEMA, strict: false } },
    });
    const rows = await readResults(anthropic, created.id);
    const [tool, refused] = rows.map((r) => r.result as any);
    expect(tool.message.stop_reason).toBe("tool_use");
    expect(tool.message.content[0]).toMatchObject({
      type: "tool_use",
      name: "User",
      input: answerFor(USER_SCHEMA, "Grace Hopper"),
    });
    expect(tool.message.usage).toEqual({ input_tokens: 11, output_tokens: 7 });
    expect(refused.message).toMatchObject({
      stop_reason: "refusal",
      content: [{ type: "text", text: "I won't." }],
    });
  });

  it("Gemini: systemInstruction, maxOutputTokens and temperature reach the server", async () => {
    const job = await gemini.batches.create({
      model: "gemini-2.5-flash",
      src: [
        {
          contents: [{ role: "user", parts: [{ text: "Alan Turing" }] }],
          metadata: { key: "g" },
          config: {
            systemInstruction: "Extract the user.",
            responseMimeType: "application/json",
            responseJsonSchema: GEMINI_SCHEMA,
            maxOutputTokens: 64,
            temperature: 0.2,
          },
        },
      ],
    });
    expect(callsFor(model, "Alan Turing")).toEqual([
      {
        model: "local",
        messages: [
          { role: "system", content: "Extract the user." },
          { role: "user", content: "Alan Turing" },
        ],
        max_tokens: 64,
        temperature: 0.2,
        response_format: {
          type: "json_schema",
          json_schema: { name: "response", schema: GEMINI_SCHEMA, strict: false },
        },
      },
    ]);
    const response = await fetch(`${server.url}/v1beta/${job.name}`, {
      headers: { "x-goog-api-key": "k" },
    });
    const raw = await response.json();
    const [result] = raw.response.inlinedResponses.inlinedResponses;
    const text = result.response.candidates[0].content.parts[0].text;
    expect(JSON.parse(text)).toEqual(answerFor(GEMINI_SCHEMA, "Alan Turing"));
  });

  it("keeps the concurrency bound across batches of every provider at once", async () => {
    const texts = (prefix: string) => Array.from({ length: 6 }, (_, i) => `${prefix} ${i}`);
    await Promise.all([
      submit(
        openai,
        texts("openai").map((t, i) => chatLine(`o${i}`, t)),
      ),
      anthropic.messages.batches.create({
        requests: texts("anthropic").map((t, i) => item(`a${i}`, t)),
      }),
      gemini.batches.create({
        model: "gemini-2.5-flash",
        src: texts("gemini").map((t) => ({ contents: [{ role: "user", parts: [{ text: t }] }] })),
      }),
    ]);
    expect(model.calls).toHaveLength(18);
    expect(model.maxInFlight).toBe(2);
  });
});
