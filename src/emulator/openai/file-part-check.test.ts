import { describe, expect, it } from "vitest";
import { dataUrl, IMAGES } from "../../messages/test-support/images.js";
import { makePdf } from "../../messages/test-support/pdf.js";
import { filePartRejection } from "./file-part-check.js";
import { fileContent, IMAGE_TOKENS, PDF_PAGE_TOKENS } from "./file-part-content.js";

const CHAT = "/v1/chat/completions";
const RESPONSES = "/v1/responses";
const pdf = (text: string) => `data:application/pdf;base64,${makePdf(text)}`;
const chat = (part: unknown) => ({
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: [{ type: "text", text: "Extract." }, part] }],
});
const responses = (part: unknown) => ({
  model: "gpt-4o-mini",
  input: [{ role: "user", content: [{ type: "input_text", text: "Extract." }, part] }],
});

describe("filePartRejection", () => {
  it("takes PDFs as file_data (chat and Responses), file URLs and ids, and images on Responses", () => {
    const good = [
      [chat({ type: "file", file: { filename: "a.pdf", file_data: pdf("x") } }), CHAT],
      [chat({ type: "file", file: { file_id: "file-1" } }), CHAT],
      [responses({ type: "input_file", filename: "a.pdf", file_data: pdf("x") }), RESPONSES],
      [responses({ type: "input_file", file_url: "https://example.com/a.pdf" }), RESPONSES],
      [
        responses({
          type: "input_image",
          image_url: dataUrl("image/png", IMAGES.png),
          detail: "auto",
        }),
        RESPONSES,
      ],
      [responses({ type: "input_image", image_url: "https://example.com/a.png" }), RESPONSES],
    ] as const;
    for (const [body, endpoint] of good) {
      expect(filePartRejection(body, endpoint), JSON.stringify(body).slice(0, 120)).toBeUndefined();
    }
  });

  it("refuses file data that is not a base64 PDF data URL, naming the field", () => {
    expect(
      filePartRejection(chat({ type: "file", file: { file_data: makePdf("x") } }), CHAT),
    ).toMatchObject({
      param: "messages[0].content[1].file.file_data",
      code: "invalid_value",
      message: expect.stringContaining("but got a value without the 'data:' prefix."),
    });
    expect(
      filePartRejection(
        responses({ type: "input_file", file_data: `data:application/pdf;base64,${btoa("hi")}` }),
        RESPONSES,
      )?.message,
    ).toContain("bytes that are not a PDF");
    expect(filePartRejection(chat({ type: "file", file: {} }), CHAT)).toMatchObject({
      code: "missing_required_parameter",
      param: "messages[0].content[1].file.file_data",
    });
    expect(
      filePartRejection(responses({ type: "input_file", file_url: "ftp://x/a.pdf" }), RESPONSES),
    ).toMatchObject({ param: "input[0].content[1].file_url" });
    expect(
      filePartRejection(
        responses({ type: "input_image", image_url: "file:///etc/passwd" }),
        RESPONSES,
      ),
    ).toMatchObject({ param: "input[0].content[1].image_url", code: "invalid_value" });
  });
});

describe("fileContent", () => {
  it("reads each PDF's text and counts a page figure per page and a figure per image detail", () => {
    const content = [
      { type: "text", text: "Extract." },
      { type: "file", file: { file_data: pdf("Ann Lee\nann@x.io") } },
      { type: "input_file", file_data: pdf("Bob") },
      { type: "input_file", file_url: "https://example.com/a.pdf" },
      { type: "image_url", image_url: { url: "https://example.com/a.png", detail: "low" } },
      { type: "input_image", image_url: "https://example.com/a.png", detail: "high" },
    ];
    expect(fileContent(content)).toEqual({
      texts: ["Ann Lee\nann@x.io", "Bob"],
      tokens: 3 * PDF_PAGE_TOKENS + IMAGE_TOKENS.low + IMAGE_TOKENS.high,
    });
  });
});
