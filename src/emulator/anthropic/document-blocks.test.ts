// PDFs in `document` blocks, sent by the official SDK to the emulator over HTTP: checked as the
// API checks them, read by the default responder, counted in usage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePdf } from "../../messages/test-support/pdf.js";
import { estimateTokens } from "../responder/resolve-outcome.js";
import { PDF_PAGE_IMAGE_TOKENS } from "./request-media.js";
import {
  type AnthropicHarness,
  item,
  readResults,
  startAnthropicHarness,
  USER_SCHEMA,
} from "./test-support/anthropic-harness.js";

const USER_TEXT = "Customer record\nJohn Doe is 25 years old and his email is john@example.com";
const pdf = (data: string, media_type = "application/pdf") => ({
  type: "document",
  source: { type: "base64", media_type, data },
});
const withBlocks = (id: string, blocks: unknown[]) =>
  item(id, "", {
    model: "claude-haiku-4-5",
    tool: USER_SCHEMA,
    extra: { messages: [{ role: "user", content: blocks }] },
  });
// A PDF of 101 pages, as far as a page count goes.
const manyPages = btoa(`%PDF-1.4\n${"<< /Type /Page /Parent 2 0 R >>\n".repeat(101)}%%EOF`);

describe("document blocks on the Anthropic emulator", () => {
  let h: AnthropicHarness;
  let rows: Record<string, any>;
  beforeAll(async () => {
    h = await startAnthropicHarness();
    const batch = await h.client.messages.batches.create({
      requests: [
        withBlocks("plain", [{ type: "text", text: "Extract the user." }, pdf(makePdf(USER_TEXT))]),
        withBlocks("deflated", [pdf(makePdf(USER_TEXT, { compress: true }))]),
        withBlocks("text", [
          { type: "document", source: { type: "text", media_type: "text/plain", data: USER_TEXT } },
        ]),
        withBlocks("url", [
          { type: "document", source: { type: "url", url: "https://example.com/user.pdf" } },
        ]),
        withBlocks("mediatype", [pdf(makePdf(USER_TEXT), "application/x-pdf")]),
        withBlocks("notpdf", [pdf(btoa("hello, not a PDF"))]),
        withBlocks("base64", [pdf("JVBERi0***")]),
        withBlocks("http", [
          { type: "document", source: { type: "url", url: "http://example.com/user.pdf" } },
        ]),
        withBlocks("pages", [pdf(manyPages)]),
      ],
    });
    rows = Object.fromEntries(
      (await readResults(h.client, batch.id)).map((r) => [r.custom_id, r.result]),
    );
  });
  afterAll(() => h.close());

  it("answers from the PDF's text, plain or FlateDecode, and from a text document", () => {
    for (const id of ["plain", "deflated", "text"]) {
      expect(rows[id].type, id).toBe("succeeded");
      expect(rows[id].message.content[0].input, id).toEqual({
        name: "John Doe",
        age: 25,
        email: "john@example.com",
      });
    }
  });

  it("counts a PDF's text and, per page, the page image in input_tokens", () => {
    const text = rows.text.message.usage.input_tokens;
    const page = rows.deflated.message.usage.input_tokens;
    // Same text and schema; the PDF adds one page image.
    expect(page - text).toBe(PDF_PAGE_IMAGE_TOKENS);
    expect(rows.url.message.usage.input_tokens).toBeGreaterThanOrEqual(PDF_PAGE_IMAGE_TOKENS);
    expect(text).toBeGreaterThanOrEqual(estimateTokens(USER_TEXT));
  });

  it("refuses what the API refuses, as errored results", () => {
    const at = "messages.0.content.0.document.source";
    const expected: Record<string, string> = {
      mediatype: `${at}.base64.media_type: Input should be 'application/pdf'`,
      notpdf: "The PDF specified was not valid.",
      base64: `${at}.base64.data: The PDF data is not valid base64.`,
      http: `${at}.url.url: Only HTTPS document URLs are supported`,
      pages: "A maximum of 100 PDF pages may be provided.",
    };
    for (const [id, message] of Object.entries(expected)) {
      expect(rows[id].type, id).toBe("errored");
      expect(rows[id].error.error, id).toEqual({ type: "invalid_request_error", message });
    }
  });
});
