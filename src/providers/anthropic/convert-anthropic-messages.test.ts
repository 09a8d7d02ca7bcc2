import { describe, expect, it } from "vitest";
import { InvalidMessagesError } from "../../errors/invalid-messages-error.js";
import { dataUrl, IMAGES } from "../../messages/test-support/images.js";
import { makePdf } from "../../messages/test-support/pdf.js";
import type { Conversation } from "../../messages/types.js";
import { toAnthropicConversation } from "./convert-anthropic-messages.js";

const convert = (conversation: Conversation) =>
  toAnthropicConversation(conversation, { index: 0, customId: "c" });

function issuesOf(conversation: Conversation) {
  try {
    convert(conversation);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidMessagesError);
    return (error as InvalidMessagesError).issues;
  }
  throw new Error("expected an InvalidMessagesError");
}

describe("toAnthropicConversation", () => {
  it("keeps one string system prompt as a string, apart from the turns", () => {
    expect(
      convert([
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ]),
    ).toEqual({ system: "Be brief.", messages: [{ role: "user", content: "Hi" }] });
  });

  it("has no system when there is no system message", () => {
    expect(convert([{ role: "user", content: "Hi" }]).system).toBeUndefined();
  });

  it("turns a system message with parts into text blocks", () => {
    expect(
      convert([
        {
          role: "system",
          content: [
            { type: "text", text: "A" },
            { type: "text", text: "B" },
          ],
        },
        { role: "user", content: "Hi" },
      ]).system,
    ).toEqual([
      { type: "text", text: "A" },
      { type: "text", text: "B" },
    ]);
  });

  it("keeps user and assistant turns in order, consecutive ones unmerged", () => {
    const messages = [
      { role: "user" as const, content: "one" },
      { role: "user" as const, content: "two" },
      { role: "assistant" as const, content: "three" },
      { role: "user" as const, content: "four" },
    ];
    expect(convert(messages).messages).toEqual(messages);
  });

  it("converts text and image parts: data URLs to base64, http URLs to url sources", () => {
    const { messages } = convert([
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
          { type: "image_url", image_url: { url: "data:image/jpg;base64,/9j/4AAQ" } },
          { type: "image_url", image_url: { url: "https://example.com/cat.webp", detail: "low" } },
        ],
      },
    ]);
    expect(messages[0]?.content).toEqual([
      { type: "text", text: "What is this?" },
      { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
      { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "/9j/4AAQ" } },
      { type: "image", source: { type: "url", url: "https://example.com/cat.webp" } },
    ]);
  });

  it("refuses images Anthropic cannot take, with their paths", () => {
    const issues = issuesOf([
      {
        role: "user",
        content: [
          { type: "image_url", image_url: { url: "data:image/svg+xml;base64,PHN2Zz4=" } },
          { type: "image_url", image_url: { url: "data:image/png,rawbytes" } },
          { type: "image_url", image_url: { url: "ftp://x/y.png" } },
        ],
      },
    ]);
    expect(issues.map((i) => i.path)).toEqual([
      [0, 0, "content", 0, "image_url", "url"],
      [0, 0, "content", 1, "image_url", "url"],
      [0, 0, "content", 2, "image_url", "url"],
    ]);
    expect(issues[0]?.message).toContain("image/svg+xml");
    expect(issues[1]?.message).toContain("base64");
  });

  it("refuses an image in a system prompt and empty text", () => {
    const issues = issuesOf([
      { role: "system", content: [{ type: "image_url", image_url: { url: "https://x/y.png" } }] },
      { role: "user", content: [{ type: "text", text: " " }] },
      { role: "assistant", content: "" },
    ]);
    expect(issues.map((i) => i.code)).toEqual([
      "unsupported_content_part",
      "empty_content",
      "empty_content",
    ]);
    expect(issues[0]?.message).toContain('request "c"');
  });

  it("refuses what Anthropic would: other schemes, bad base64, a wrong media type, too many images", () => {
    const image = (url: string) => ({ type: "image_url" as const, image_url: { url } });
    const issues = issuesOf([
      {
        role: "user",
        content: [
          image("http://example.com/a.png"),
          image("data:image/png;base64,notbase64"),
          image(dataUrl("image/png", IMAGES.jpeg)),
          image(dataUrl("image/heic", IMAGES.heic)),
        ],
      },
    ]);
    expect(issues.map((i) => i.code)).toEqual([
      "unsupported_image_url_scheme",
      "invalid_base64",
      "image_type_mismatch",
      "unsupported_image_type",
    ]);
    const many = Array.from({ length: 101 }, () => image("https://example.com/a.png"));
    expect(issuesOf([{ role: "user", content: many }]).map((i) => [i.code, i.path])).toEqual([
      ["too_many_images", [0]],
    ]);
  });

  it("sends a base64 PNG and an https image in the Messages API's shape", () => {
    const { messages } = convert([
      {
        role: "user",
        content: [
          { type: "image_url", image_url: { url: dataUrl("image/png", IMAGES.png) } },
          { type: "image_url", image_url: { url: "https://example.com/a.gif" } },
        ],
      },
    ]);
    expect(messages[0]?.content).toEqual([
      { type: "image", source: { type: "base64", media_type: "image/png", data: IMAGES.png } },
      { type: "image", source: { type: "url", url: "https://example.com/a.gif" } },
    ]);
  });

  it("sends PDFs as document blocks (base64 or url, filename as title), images as image blocks", () => {
    const pdf = makePdf("Invoice 42");
    const { messages } = convert([
      {
        role: "user",
        content: [
          { type: "text", text: "Extract." },
          { type: "file", url: `data:application/pdf;base64,${pdf}`, filename: "invoice.pdf" },
          { type: "file", url: "https://example.com/report.pdf", mediaType: "application/pdf" },
          { type: "file", url: dataUrl("image/png", IMAGES.png) },
        ],
      },
    ]);
    expect(messages[0]?.content).toEqual([
      { type: "text", text: "Extract." },
      {
        type: "document",
        source: { type: "base64", media_type: "application/pdf", data: pdf },
        title: "invoice.pdf",
      },
      { type: "document", source: { type: "url", url: "https://example.com/report.pdf" } },
      {
        type: "image",
        source: {
          type: "base64",
          media_type: "image/png",
          data: IMAGES.png,
        },
      },
    ]);
  });

  it("refuses a PDF where Anthropic takes none: in an assistant turn, or not a PDF", () => {
    const pdf = `data:application/pdf;base64,${makePdf("x")}`;
    expect(
      issuesOf([{ role: "assistant", content: [{ type: "file", url: pdf }] }])[0]?.path,
    ).toEqual([0, 0, "content", 0]);
    expect(
      issuesOf([
        { role: "user", content: [{ type: "file", url: "data:application/pdf;base64,aGVsbG8=" }] },
      ]).length,
    ).toBe(1);
  });
});
