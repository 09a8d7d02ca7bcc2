import { describe, expect, it } from "vitest";
import { rfc3339 } from "./ids.js";
import { adaptRequest } from "./request-adapter.js";

const base = { model: "claude-opus-5", max_tokens: 64 };

describe("adaptRequest", () => {
  it("flattens system blocks and content blocks into text", () => {
    const adapted = adaptRequest(
      "a",
      {
        ...base,
        system: [
          { type: "text", text: "Rule one." },
          { type: "text", text: "Rule two." },
        ],
        messages: [
          { role: "user", content: [{ type: "text", text: "Hello" }, { type: "image" }] },
          { role: "assistant", content: "Hi" },
        ],
      },
      3,
      "2026-10-21",
    );
    expect(adapted.request.messages).toEqual([
      { role: "system", text: "Rule one.\nRule two." },
      { role: "user", text: "Hello" },
      { role: "assistant", text: "Hi" },
    ]);
    expect(adapted).toMatchObject({ maxOutputTokens: 64, shape: { kind: "text" } });
    expect(adapted.request).toMatchObject({ index: 3, jsonSchema: undefined });
    expect(adapted.rejection).toBeUndefined();
  });

  it("rejects sampling params only under 2026-10-21", () => {
    const params = { ...base, messages: [], top_p: 0.5 };
    expect(adaptRequest("a", params, 0, "2026-10-21").rejection).toEqual({
      param: "top_p",
      message: "top_p: Extra inputs are not permitted",
    });
    expect(adaptRequest("a", params, 0, "2023-06-01").rejection).toBeUndefined();
  });

  it("rejects a forced tool that the request does not define", () => {
    const params = { ...base, messages: [], tool_choice: { type: "tool", name: "Missing" } };
    const adapted = adaptRequest("a", params, 0, "2023-06-01");
    expect(adapted.shape).toEqual({ kind: "tool", name: "Missing" });
    expect(adapted.rejection?.param).toBe("tool_choice");
  });
});

describe("rfc3339", () => {
  it("writes microseconds like the real API", () => {
    expect(rfc3339(Date.UTC(2024, 8, 24, 18, 37, 24, 100) + 0.435)).toBe(
      "2024-09-24T18:37:24.100435Z",
    );
  });
});
