import { describe, expect, it } from "vitest";
import { InvalidMessagesError } from "../../errors/invalid-messages-error.js";
import { filePart } from "../../messages/resolve-file-part.js";
import { dataUrl, IMAGES } from "../../messages/test-support/images.js";
import { makePdf } from "../../messages/test-support/pdf.js";
import type { Conversation, FileContentPart } from "../../messages/types.js";
import { toGeminiTurns } from "./to-gemini-contents.js";

const turns = (messages: Conversation) => toGeminiTurns(messages, { index: 4, customId: "r4" });
const user = (...content: FileContentPart[]): Conversation => [
  { role: "user", content: [{ type: "text", text: "Extract." }, ...content] },
];
const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

function issues(messages: Conversation) {
  try {
    turns(messages);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidMessagesError);
    return (error as InvalidMessagesError).issues.map((i) => [i.code, i.path]);
  }
  throw new Error("expected InvalidMessagesError");
}

describe("file parts on Gemini", () => {
  it("sends inline PDFs and images as inlineData with their media type", () => {
    const pdf = makePdf("Total: 42 EUR");
    const parts = turns(
      user(filePart(bytesOf(pdf), { mediaType: "application/pdf", filename: "invoice.pdf" }), {
        type: "file",
        url: dataUrl("image/jpg", IMAGES.jpeg),
      }),
    ).contents[0]!.parts;
    expect(parts).toEqual([
      { text: "Extract." },
      { inlineData: { mimeType: "application/pdf", data: pdf } },
      { inlineData: { mimeType: "image/jpeg", data: IMAGES.jpeg } },
    ]);
  });

  it("sends https and gs:// files as fileData with the media type the part names", () => {
    const parts = turns(
      user(
        { type: "file", url: "https://example.com/scan?id=3", mediaType: "application/pdf" },
        { type: "file", url: "gs://bucket/page.png", mediaType: "image/png" },
      ),
    ).contents[0]!.parts;
    expect(parts.slice(1)).toEqual([
      { fileData: { fileUri: "https://example.com/scan?id=3", mimeType: "application/pdf" } },
      { fileData: { fileUri: "gs://bucket/page.png", mimeType: "image/png" } },
    ]);
  });

  it("refuses what Gemini would, naming the conversation and the part", () => {
    expect(issues(user({ type: "file", url: "https://example.com/a.pdf" }))).toEqual([
      ["missing_media_type", [4, 0, "content", 1, "mediaType"]],
    ]);
    expect(
      issues(user({ type: "file", url: "ftp://example.com/a.pdf", mediaType: "application/pdf" }))
        .length,
    ).toBe(1);
    expect(
      issues([
        {
          role: "system",
          content: [{ type: "file", url: `data:application/pdf;base64,${makePdf("x")}` }],
        },
        { role: "user", content: "x" },
      ]),
    ).toEqual([["unsupported_content_part", [4, 0, "content", 0]]]);
    // Not a PDF, though it says so.
    expect(issues(user({ type: "file", url: dataUrl("application/pdf", IMAGES.png) }))).toEqual([
      [expect.any(String), [4, 0, "content", 1, "url"]],
    ]);
  });
});
