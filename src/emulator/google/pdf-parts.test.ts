import type { Part } from "@google/genai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countPdfPages as pdfPageCount } from "../../messages/count-pdf-pages.js";
import { IMAGES } from "../../messages/test-support/images.js";
import { makePdf } from "../../messages/test-support/pdf.js";
import { partsProblem } from "./part-check.js";
import { readParts, TOKENS_PER_IMAGE, TOKENS_PER_PDF_PAGE } from "./part-media.js";
import {
  downloadLines,
  type GoogleHarness,
  rawBatch,
  startGoogleHarness,
  USER_SCHEMA,
  uploadJsonl,
} from "./test-support/google-harness.js";

const INVOICE = "Customer: Ada Lovelace\nAge: 36\nContact: ada.lovelace@analytical.io";
const pdfPart = (data: string) => ({ inlineData: { mimeType: "application/pdf", data } });

/** Two pages, as a PDF writer puts them: one page object each. */
function twoPagePdf(): string {
  const one = atob(makePdf("page one"));
  return btoa(
    one
      .replace("/Kids [3 0 R] /Count 1", "/Kids [3 0 R 3 0 R] /Count 2")
      .replace(
        "/Type /Page /Parent",
        "/Type /Page /Parent 2 0 R >>\nendobj\n6 0 obj\n<< /Type /Page /Parent",
      ),
  );
}

describe("PDF and image parts on the Gemini emulator", () => {
  it("takes inline PDFs, checks their base64, reads their text and counts their pages", () => {
    const pdf = makePdf(INVOICE, { compress: true });
    const body = { contents: [{ role: "user", parts: [{ text: "Extract." }, pdfPart(pdf)] }] };
    expect(partsProblem(body)).toBeUndefined();
    expect(partsProblem({ contents: [{ parts: [pdfPart("%PDF-1.4 not base64")] }] })).toMatch(
      /^Invalid value at 'contents\[0\]\.parts\[0\]\.inline_data\.data' \(TYPE_BYTES\), Base64 decoding failed/,
    );
    expect(
      partsProblem({
        contents: [{ parts: [{ inlineData: { mimeType: "text/html", data: "PGI+" } }] }],
      }),
    ).toBe("Unsupported MIME type: text/html");
    expect(readParts(body.contents[0]!.parts)).toEqual({
      text: `Extract.\n${INVOICE}`,
      mediaTokens: TOKENS_PER_PDF_PAGE,
    });
    expect(pdfPageCount(pdf)).toBe(1);
    expect(pdfPageCount(twoPagePdf())).toBe(2);
    const image = { inlineData: { mimeType: "image/png", data: IMAGES.png } };
    const remote = { fileData: { fileUri: "gs://b/scan.pdf", mimeType: "application/pdf" } };
    expect(readParts([image, remote]).mediaTokens).toBe(2 * TOKENS_PER_IMAGE);
  });

  describe("over HTTP with the official SDK", () => {
    let h: GoogleHarness;
    beforeAll(async () => {
      h = await startGoogleHarness();
    });
    afterAll(() => h.close());

    const request = (parts: unknown[]) => ({
      contents: [{ role: "user", parts }],
      generationConfig: { responseMimeType: "application/json", responseJsonSchema: USER_SCHEMA },
    });

    it("an inline batch answers from the PDF's text and counts its pages in the prompt", async () => {
      const job = await h.ai.batches.create({
        model: "gemini-2.5-flash",
        src: [
          {
            contents: [
              { role: "user", parts: [{ text: "Extract the user." }, pdfPart(makePdf(INVOICE))] },
            ],
            metadata: { key: "pdf" },
            config: { responseMimeType: "application/json", responseJsonSchema: USER_SCHEMA },
          },
          {
            contents: [{ role: "user", parts: [{ text: "Extract the user." }] }],
            metadata: { key: "text" },
            config: { responseMimeType: "application/json", responseJsonSchema: USER_SCHEMA },
          },
        ],
      });
      const raw = await rawBatch(h, job.name!);
      const [pdf, text] = raw.metadata.output.inlinedResponses.inlinedResponses;
      const answer = JSON.parse(pdf.response.candidates[0].content.parts[0].text);
      expect(answer).toEqual({
        name: "Ada Lovelace",
        age: 36,
        email: "ada.lovelace@analytical.io",
      });
      const withPdf = pdf.response.usageMetadata.promptTokenCount;
      const without = text.response.usageMetadata.promptTokenCount;
      expect(withPdf - without).toBeGreaterThanOrEqual(TOKENS_PER_PDF_PAGE);
    });

    it("reads a PDF uploaded through the Files API and named by its uri", async () => {
      const bytes = Uint8Array.from(atob(makePdf(INVOICE)), (c) => c.charCodeAt(0));
      const uploaded = await h.ai.files.upload({
        file: new Blob([bytes], { type: "application/pdf" }),
        config: { mimeType: "application/pdf" },
      });
      const fileData = (fileUri: string) => ({
        fileData: { fileUri, mimeType: "application/pdf" },
      });
      const inline = (key: string, part: Part) => ({
        contents: [{ role: "user", parts: [{ text: "Extract the user." }, part] }],
        metadata: { key },
        config: { responseMimeType: "application/json", responseJsonSchema: USER_SCHEMA },
      });
      const gone = uploaded.uri!.replace(/[^/]+$/, "nosuchfile");
      const job = await h.ai.batches.create({
        model: "gemini-2.5-flash",
        src: [
          inline("uploaded", fileData(uploaded.uri!)),
          inline("gone", fileData(gone)),
          inline("elsewhere", fileData("https://example.com/forms/ada.pdf")),
        ],
      });
      const raw = await rawBatch(h, job.name!);
      const [ok, missing, elsewhere] = raw.metadata.output.inlinedResponses.inlinedResponses;
      expect(JSON.parse(ok.response.candidates[0].content.parts[0].text)).toEqual({
        name: "Ada Lovelace",
        age: 36,
        email: "ada.lovelace@analytical.io",
      });
      expect(missing.error).toEqual({
        code: 7,
        message: "You do not have permission to access the File nosuchfile or it may not exist.",
      });
      // A URL the emulator cannot fetch is taken on trust, counted as one page.
      expect(elsewhere.response.usageMetadata.promptTokenCount).toBeGreaterThan(TOKENS_PER_IMAGE);
    });

    it("a file batch does the same, a compressed PDF included; a bad payload fails alone", async () => {
      const fileName = await uploadJsonl(h.ai, [
        { key: "pdf", request: request([pdfPart(makePdf(INVOICE, { compress: true }))]) },
        { key: "bad", request: request([pdfPart("not*base64")]) },
      ]);
      const job = await h.ai.batches.create({ model: "gemini-2.5-flash", src: fileName });
      const raw = await rawBatch(h, job.name!);
      const lines = await downloadLines(h, raw.metadata.output.responsesFile);
      const by = Object.fromEntries(lines.map((l) => [l.key, l]));
      expect(JSON.parse(by.pdf.response.candidates[0].content.parts[0].text)).toEqual({
        name: "Ada Lovelace",
        age: 36,
        email: "ada.lovelace@analytical.io",
      });
      expect(by.bad.error.code).toBe(3);
      expect(by.bad.error.message).toContain("Base64 decoding failed");
    });
  });
});
