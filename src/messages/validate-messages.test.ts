import { describe, expect, it } from "vitest";
import { InvalidMessagesError } from "../errors/invalid-messages-error.js";
import { validateMessagesList } from "./validate-messages.js";

function issuesOf(list: unknown) {
  try {
    validateMessagesList(list);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidMessagesError);
    return (error as InvalidMessagesError).issues;
  }
  throw new Error("expected an InvalidMessagesError");
}

const user = { role: "user", content: "hello" } as const;

describe("validateMessagesList", () => {
  it("accepts conversations of system, user and assistant messages, string or part content", () => {
    expect(() =>
      validateMessagesList([
        [{ role: "system", content: "s" }, user, { role: "assistant", content: "" }, user],
        [
          {
            role: "user",
            content: [
              { type: "text", text: "t" },
              { type: "image_url", image_url: { url: "data:image/png;base64,AA" } },
            ],
          },
        ],
      ]),
    ).not.toThrow();
  });

  it("rejects a non-array and an empty list", () => {
    expect(issuesOf("nope")[0]?.code).toBe("invalid_messages_list");
    expect(issuesOf([])[0]?.code).toBe("empty_messages_list");
  });

  it("names the conversation, the message and the field of a bad role", () => {
    const issues = issuesOf([[user], [user, { role: "robot", content: "x" }]]);
    expect(issues).toEqual([
      expect.objectContaining({ code: "invalid_role", path: [1, 1, "role"] }),
    ]);
    expect(issues[0]?.message).toContain('"robot"');
  });

  it("reports missing content, empty conversations and unknown keys, all at once", () => {
    const issues = issuesOf([[{ role: "user" }], [], [{ role: "user", content: "x", extra: 1 }]]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["missing_content", [0, 0, "content"]],
      ["empty_conversation", [1]],
      ["unknown_message_key", [2, 0, "extra"]],
    ]);
  });

  it("needs a user message and non-empty user content", () => {
    expect(issuesOf([[{ role: "system", content: "only system" }]])[0]).toMatchObject({
      code: "no_user_message",
      path: [0],
    });
    expect(issuesOf([[{ role: "user", content: "   " }]])[0]).toMatchObject({
      code: "empty_content",
      path: [0, 0, "content"],
    });
  });

  it("checks content parts", () => {
    const issues = issuesOf([[{ role: "user", content: [{ type: "audio" }, { type: "text" }] }]]);
    expect(issues.map((i) => i.path)).toEqual([
      [0, 0, "content", 0, "type"],
      [0, 0, "content", 1, "text"],
    ]);
  });

  it("checks the shape of image parts: image_url object, url, detail, no other field", () => {
    const part = (p: unknown) => issuesOf([[{ role: "user", content: [p] }]]);
    expect(part({ type: "image_url", image_url: "https://x.io/a.png" })[0]).toMatchObject({
      code: "invalid_content_part",
      path: [0, 0, "content", 0, "image_url"],
      message: expect.stringContaining("not a string"),
    });
    expect(part({ type: "image_url" })[0]?.path).toEqual([0, 0, "content", 0, "image_url"]);
    expect(part({ type: "image_url", image_url: { url: 42 } })[0]?.path).toEqual([
      0,
      0,
      "content",
      0,
      "image_url",
      "url",
    ]);
    const detail = part({
      type: "image_url",
      image_url: { url: "https://x.io/a.png", detail: "max" },
    });
    expect(detail).toEqual([
      expect.objectContaining({
        code: "invalid_image_detail",
        path: [0, 0, "content", 0, "image_url", "detail"],
      }),
    ]);
    for (const ok of ["auto", "low", "high"]) {
      expect(() =>
        validateMessagesList([
          [
            {
              role: "user",
              content: [
                { type: "image_url", image_url: { url: "https://x.io/a.png", detail: ok } },
              ],
            },
          ],
        ]),
      ).not.toThrow();
    }
    expect(
      part({ type: "image_url", image_url: { url: "https://x.io/a.png", size: 1 }, cache: 1 }).map(
        (i) => [i.code, i.path],
      ),
    ).toEqual([
      ["unknown_part_key", [0, 0, "content", 0, "image_url", "size"]],
      ["unknown_part_key", [0, 0, "content", 0, "cache"]],
    ]);
  });

  it("checks the shape of text parts: a string text and no other field", () => {
    const part = (p: unknown) => issuesOf([[{ role: "user", content: [p] }]]);
    expect(part({ type: "text", text: 5 })[0]?.code).toBe("invalid_content_part");
    expect(part({ type: "text", text: "a", image_url: {} })).toEqual([
      expect.objectContaining({
        code: "unknown_part_key",
        path: [0, 0, "content", 0, "image_url"],
      }),
    ]);
    expect(part(null)[0]).toMatchObject({
      code: "invalid_content_part",
      path: [0, 0, "content", 0],
    });
  });

  it("stops at 50 issues within one message of 100,000 bad parts", () => {
    const content = Array.from({ length: 100_000 }, () => ({ type: "audio" }));
    expect(issuesOf([[{ role: "user", content }]]).length).toBe(50);
  });

  it("formats the issue path in the error message", () => {
    expect(() => validateMessagesList([[user], [{ role: 3, content: "x" }]])).toThrow(
      "[1][0].role: role must be",
    );
  });

  it("stops collecting after 50 issues", () => {
    const many = Array.from({ length: 500 }, () => [{ role: "x", content: "y" }]);
    expect(issuesOf(many).length).toBeLessThanOrEqual(51);
  });
});
