import { describe, expect, it } from "vitest";
import { makePdf } from "../messages/test-support/pdf.js";
import { pdfText } from "./pdf-text.js";

describe("pdfText", () => {
  it("reads the text of a plain and of a FlateDecode content stream, one line per line", () => {
    const text = "Invoice 2026-118\nTotal: 1,234.50 EUR\nContact (billing): ada@example.com";
    expect(pdfText(makePdf(text))).toBe(text);
    expect(pdfText(makePdf(text, { compress: true }))).toBe(text);
  });

  it("decodes escapes, octal codes, hex strings and TJ arrays", () => {
    const content = "BT (a\\(b\\)c \\\\ \\101) Tj T* <48656C6C6F> Tj T* [(Wor) -30 (ld)] TJ ET";
    const pdf = `%PDF-1.4\n1 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n%%EOF`;
    expect(pdfText(btoa(pdf))).toBe("a(b)c \\ A\nHello\nWorld");
  });

  it("gives no text for what is not a PDF, or a broken stream, instead of throwing", () => {
    expect(pdfText("not base64 at all!")).toBe("");
    expect(pdfText(btoa("%PDF-1.4\n<< /Filter /FlateDecode >>\nstream\nxxxx\nendstream"))).toBe("");
  });

  it("is linear in the size of the PDF", () => {
    const time = (lines: number) => {
      const pdf = makePdf(
        Array.from({ length: lines }, (_, i) => `line ${i} of the text`).join("\n"),
      );
      const start = performance.now();
      expect(pdfText(pdf).split("\n")).toHaveLength(lines);
      return performance.now() - start;
    };
    time(2_000);
    const small = time(20_000);
    const large = time(160_000);
    // 8x the input; quadratic work would take ~64x. Generous for a shared machine.
    expect(large / small).toBeLessThan(30);
  });
});
