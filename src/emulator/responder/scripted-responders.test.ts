import { describe, expect, it } from "vitest";
import {
  chatLine,
  readJsonl,
  STRICT_USER_SCHEMA,
  startOpenAIHarness,
  submit,
} from "../test-support/openai-harness.js";
import { combineResponders, fixtureResponder, isEmulatedOutcome } from "./scripted-responders.js";
import type { EmulatedRequest, Responder } from "./types.js";

function request(customId: string): EmulatedRequest {
  return {
    provider: "openai",
    customId,
    index: 0,
    model: "gpt-4o-mini",
    body: {},
    messages: [{ role: "user", text: "John Doe is 25, john@example.com" }],
    jsonSchema: STRICT_USER_SCHEMA,
  };
}

describe("isEmulatedOutcome", () => {
  it.each([
    [{ type: "success" }, true],
    [{ type: "success", content: { a: 1 }, usage: { outputTokens: 3 } }, true],
    [{ type: "text", text: "hi" }, true],
    [{ type: "refusal", message: "no", blockedPrompt: true }, true],
    [{ type: "error", status: 429, code: "rate_limit_exceeded" }, true],
    [{ type: "expired" }, true],
    [{ type: "cancelled" }, true],
    // Data that only looks like an outcome stays data.
    [{ type: "text", text: "hi", lang: "en" }, false],
    [{ type: "text" }, false],
    [{ type: "invoice", total: 3 }, false],
    [{ type: "constructor" }, false],
    [["type", "error"], false],
    ["refusal", false],
    [null, false],
  ])("%j -> %s", (value, expected) => {
    expect(isEmulatedOutcome(value)).toBe(expected);
  });
});

describe("fixtureResponder", () => {
  const responder = fixtureResponder({
    data: { name: "Ada", age: 36, email: "ada@example.com" },
    raw: '{"name": "cut',
    refused: { type: "refusal", message: "No." },
    lookalike: { type: "text", text: "hi", lang: "en" },
    constructor: 42,
  });

  it("uses outcomes as they are and wraps any other value as content", async () => {
    expect(await responder(request("data"))).toEqual({
      type: "success",
      content: { name: "Ada", age: 36, email: "ada@example.com" },
    });
    expect(await responder(request("raw"))).toEqual({ type: "success", content: '{"name": "cut' });
    expect(await responder(request("refused"))).toEqual({ type: "refusal", message: "No." });
    expect(await responder(request("lookalike"))).toEqual({
      type: "success",
      content: { type: "text", text: "hi", lang: "en" },
    });
    expect(await responder(request("constructor"))).toEqual({ type: "success", content: 42 });
  });

  it("leaves unlisted ids to the default answer, or to the fallback", async () => {
    expect(await responder(request("toString"))).toBeUndefined();
    const withFallback = fixtureResponder({}, { fallback: () => ({ type: "expired" }) });
    expect(await withFallback(request("other"))).toEqual({ type: "expired" });
  });

  it("answers from a copy: later edits to the table do not leak in", async () => {
    const table: Record<string, unknown> = { a: 1 };
    const copy = fixtureResponder(table);
    table.b = 2;
    expect(await copy(request("b"))).toBeUndefined();
  });
});

describe("combineResponders", () => {
  it("takes the first outcome, awaiting async responders in turn", async () => {
    const calls: string[] = [];
    const tracked =
      (name: string, answer: ReturnType<Responder>): Responder =>
      () => {
        calls.push(name);
        return answer;
      };
    const responder = combineResponders(
      tracked("none", undefined),
      tracked("async", Promise.resolve({ type: "refusal" })),
      tracked("never", { type: "expired" }),
    );
    expect(await responder(request("x"))).toEqual({ type: "refusal" });
    expect(calls).toEqual(["none", "async"]);
  });

  it("answers undefined (the default answer) when no responder decides", async () => {
    expect(await combineResponders()(request("x"))).toBeUndefined();
    expect(await combineResponders(() => undefined)(request("x"))).toBeUndefined();
  });
});

describe("scripted responders over HTTP (OpenAI)", () => {
  it("writes each fixture in the batch's output and error files", async () => {
    const h = await startOpenAIHarness({
      responder: combineResponders(
        fixtureResponder({
          given: { name: "Given", age: 1, email: "g@x.io" },
          refused: { type: "refusal", message: "No." },
          limited: { type: "error", status: 429 },
        }),
        fixtureResponder({ late: { type: "expired" } }),
      ),
    });
    try {
      const ids = ["given", "refused", "limited", "late", "default"];
      const batch = await submit(
        h.client,
        ids.map((id) =>
          chatLine(id, "John Doe is 25, john@example.com", { schema: STRICT_USER_SCHEMA }),
        ),
      );
      h.emulator.clock.advance(1000);
      const done = await h.client.batches.retrieve(batch.id);
      expect(done.request_counts).toEqual({ total: 5, completed: 3, failed: 2 });
      const output = await readJsonl(h.client, done.output_file_id);
      const by = Object.fromEntries(output.map((l) => [l.custom_id, l.response.body]));
      expect(JSON.parse(by.given.choices[0].message.content)).toEqual({
        name: "Given",
        age: 1,
        email: "g@x.io",
      });
      expect(by.refused.choices[0].message).toMatchObject({ content: null, refusal: "No." });
      expect(JSON.parse(by.default.choices[0].message.content)).toEqual({
        name: "John Doe",
        age: 25,
        email: "john@example.com",
      });
      const errors = await readJsonl(h.client, done.error_file_id);
      expect(errors.map((l) => [l.custom_id, l.response?.status_code ?? l.error.code])).toEqual([
        ["limited", 429],
        ["late", "batch_expired"],
      ]);
    } finally {
      await h.close();
    }
  });
});
