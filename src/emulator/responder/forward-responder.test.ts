import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { forwardResponder } from "./forward-responder.js";
import { type ChatServer, startChatServer } from "./test-support/chat-server.js";
import type { EmulatedRequest } from "./types.js";

const USER_SCHEMA = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" } },
  required: ["name", "age"],
  additionalProperties: false,
};

function request(customId: string, text: string, schema = true): EmulatedRequest {
  return {
    provider: "openai",
    customId,
    index: 0,
    model: "gpt-4o-mini",
    body: {
      max_completion_tokens: 150,
      temperature: 0.1,
      response_format: {
        type: "json_schema",
        json_schema: { name: "user", schema: USER_SCHEMA, strict: true },
      },
    },
    messages: [
      { role: "system", text: "Extract the user." },
      { role: "user", text },
    ],
    jsonSchema: schema ? USER_SCHEMA : undefined,
  };
}

describe("forwardResponder", () => {
  let server: ChatServer;
  beforeAll(async () => {
    server = await startChatServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it("sends the conversation, schema, limits and key, and passes the text on", async () => {
    const responder = forwardResponder({
      baseURL: `${server.baseURL}/`,
      apiKey: "local-key",
      model: "qwen2.5",
    });
    const outcome = await responder(request("a", "Ada Lovelace"));
    expect(outcome).toEqual({
      type: "success",
      content: JSON.stringify({ name: "name of Ada Lovelace", age: 12 }),
      usage: { inputTokens: 11, outputTokens: 7 },
    });
    expect(server.calls).toEqual([
      {
        authorization: "Bearer local-key",
        body: {
          model: "qwen2.5",
          messages: [
            { role: "system", content: "Extract the user." },
            { role: "user", content: "Ada Lovelace" },
          ],
          max_tokens: 150,
          temperature: 0.1,
          response_format: {
            type: "json_schema",
            json_schema: { name: "user", schema: USER_SCHEMA, strict: true },
          },
        },
      },
    ]);
  });

  it("keeps at most `concurrency` calls in flight", async () => {
    const responder = forwardResponder({ baseURL: server.baseURL, concurrency: 3 });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => responder(request(`r${i}`, `text ${i}`, false))),
    );
    expect(outcomes.map((o) => o?.type)).toEqual(new Array(10).fill("success"));
    expect(outcomes[4]).toMatchObject({ content: "echo: text 4" });
    expect(server.calls).toHaveLength(10);
    expect(server.maxInFlight).toBe(3);
  });

  it("maps an HTTP error, a cut answer and a refusal", async () => {
    const responder = forwardResponder({ baseURL: server.baseURL });
    expect(await responder(request("a", "[500]"))).toEqual({
      type: "error",
      status: 500,
      message: "The model server answered 500: model crashed",
    });
    expect(await responder(request("b", "[length]"))).toEqual({
      type: "truncated",
      text: '{"name": "Cu',
    });
    expect(await responder(request("c", "[refuse]"))).toEqual({
      type: "refusal",
      message: "I won't.",
    });
  });

  it("makes a timeout a 504 and an unreachable server a 502", async () => {
    const slow = forwardResponder({ baseURL: server.baseURL, timeoutMs: 100 });
    expect(await slow(request("a", "[slow]"))).toMatchObject({
      type: "error",
      status: 504,
      message: expect.stringContaining("did not answer within 100 ms"),
    });
    const closed = await startChatServer();
    await closed.close();
    const outcome = await forwardResponder({ baseURL: closed.baseURL })(request("a", "hi"));
    expect(outcome).toMatchObject({
      type: "error",
      status: 502,
      message: expect.stringContaining(
        `Could not reach the model server at ${closed.baseURL}/chat/completions`,
      ),
    });
  });

  it("uses the fetch it is given", async () => {
    const seen: string[] = [];
    const responder = forwardResponder({
      baseURL: "http://model.invalid/v1?tenant=a",
      fetch: async (url) => {
        seen.push(url);
        return new Response(JSON.stringify({ choices: [{ message: { content: "ok" } }] }));
      },
    });
    expect(await responder(request("a", "hi"))).toEqual({ type: "success", content: "ok" });
    expect(seen).toEqual(["http://model.invalid/v1/chat/completions?tenant=a"]);
  });

  it("refuses bad options", () => {
    expect(() => forwardResponder({ baseURL: "localhost:8080" })).toThrow(/an http\(s\) URL/);
    expect(() => forwardResponder({ baseURL: "http://u:key@127.0.0.1/v1" })).toThrow(/apiKey/);
    expect(() => forwardResponder({ baseURL: server.baseURL, concurrency: 0 })).toThrow(
      /concurrency must be an integer >= 1, got 0/,
    );
    expect(() => forwardResponder({ baseURL: server.baseURL, timeoutMs: -1 })).toThrow(RangeError);
  });
});
