import { describe, expect, it } from "vitest";
import { conversationText, defaultAnswer } from "./default-responder.js";
import { resolveOutcome } from "./resolve-outcome.js";
import { findFacts } from "./text-facts.js";
import type { EmulatedRequest } from "./types.js";

const USER_SCHEMA = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" }, email: { type: "string" } },
  required: ["name", "age", "email"],
  additionalProperties: false,
};

function request(
  text: string,
  jsonSchema: Record<string, unknown> | null = USER_SCHEMA,
): EmulatedRequest {
  return {
    provider: "openai",
    customId: "r",
    index: 0,
    model: "gpt-4o-mini",
    body: {},
    messages: [
      { role: "system", content: "Extract User Information from the text." },
      { role: "user", text },
    ].map((m) => ({ role: m.role, text: "text" in m ? m.text! : m.content! })),
    jsonSchema: jsonSchema ?? undefined,
  };
}

describe("the default answer", () => {
  it.each([
    [
      "John Doe is 25 years old and his email is john@example.com",
      "John Doe",
      25,
      "john@example.com",
    ],
    [
      "Jane Smith, age 30, can be reached at jane.smith@company.com",
      "Jane Smith",
      30,
      "jane.smith@company.com",
    ],
    ["Bob Wilson (28) - bob.wilson@email.com", "Bob Wilson", 28, "bob.wilson@email.com"],
    [
      "Extract the user: Maria Garcia, 41 years old, maria@garcia.es",
      "Maria Garcia",
      41,
      "maria@garcia.es",
    ],
  ])("reads %j", (text, name, age, email) => {
    expect(JSON.parse(defaultAnswer(request(text)))).toEqual({ name, age, email });
  });

  it("prefers the age rule over the order of numbers", () => {
    const schema = {
      type: "object",
      properties: { id: { type: "integer" }, age: { type: "integer" } },
    };
    expect(JSON.parse(defaultAnswer(request("Customer 7: Ann Lee, aged 52", schema)))).toEqual({
      id: 7,
      age: 52,
    });
  });

  it("answers a short plain text without a schema", () => {
    expect(defaultAnswer(request("What is 2+2?", null))).toBe(
      "This is an emulated answer to: What is 2+2?",
    );
  });

  it("reads facts from the user's words, not the instructions", () => {
    expect(conversationText(request("hello"))).toBe("hello");
    expect(findFacts("Please Extract John Smith").names).toEqual(["John Smith"]);
  });
});

describe("resolveOutcome", () => {
  it("fills the default and counts tokens deterministically", async () => {
    const a = await resolveOutcome(request("John Doe is 25"), undefined);
    const b = await resolveOutcome(request("John Doe is 25"), () => ({ type: "success" }));
    expect(a).toEqual(b);
    expect(a).toMatchObject({ kind: "answer", finishReason: "stop", refusal: null });
  });

  it("cuts the default JSON for a truncation and reports the token limit", async () => {
    const outcome = await resolveOutcome(request("John Doe is 25"), () => ({ type: "truncated" }), {
      maxOutputTokens: 99,
    });
    expect(outcome).toMatchObject({ kind: "answer", finishReason: "length", outputTokens: 99 });
    expect(outcome.kind === "answer" && (() => JSON.parse(outcome.content!))).toThrow();
  });

  it("derives error types from the status", async () => {
    const limited = await resolveOutcome(request("x"), () => ({ type: "error", status: 429 }));
    expect(limited).toMatchObject({ kind: "http_error", status: 429, code: "rate_limit_exceeded" });
    const bad = await resolveOutcome(request("x"), () => ({ type: "error", status: 400 }));
    expect(bad).toMatchObject({ errorType: "invalid_request_error" });
  });
});
