import { describe, expect, it } from "vitest";
import { InvalidTemplateError } from "../../errors/invalid-template-error.js";
import { MissingTemplateValueError } from "../../errors/missing-template-value-error.js";
import { validateMessagesList } from "../../messages/validate-messages.js";
import { compileTemplate } from "./compile-template.js";
import { rowToMessages } from "./row-to-messages.js";

describe("rowToMessages", () => {
  it("gives a system message (as it is, not a template) then the rendered user message", () => {
    const toMessages = rowToMessages("Extract: {{text}}", "Answer in JSON, {{not a placeholder}}.");
    expect(toMessages({ id: "1", text: "Ann, 31" }, "1")).toEqual([
      { role: "system", content: "Answer in JSON, {{not a placeholder}}." },
      { role: "user", content: "Extract: Ann, 31" },
    ]);
  });

  it("without a system text (or an empty one), only the user message", () => {
    for (const system of [undefined, ""]) {
      expect(rowToMessages("Hi {{n}}", system)({ n: 2 }, "r")).toEqual([
        { role: "user", content: "Hi 2" },
      ]);
    }
  });

  it("takes a compiled template too, and its conversations pass the library's message checks", () => {
    const template = compileTemplate("{{a}} {{b.c}}");
    const toMessages = rowToMessages(template, "sys");
    const list = [
      toMessages({ a: "x", b: { c: 1 } }, "r1"),
      toMessages({ a: "y", b: { c: 2 } }, "r2"),
    ];
    expect(() => validateMessagesList(list)).not.toThrow();
  });

  it("compiles a template string at once, so its errors come before any row; a missing value names the row", () => {
    expect(() => rowToMessages("oops {{")).toThrow(InvalidTemplateError);
    const toMessages = rowToMessages("{{missing}}");
    expect(() => toMessages({ other: 1 }, "row-3")).toThrow(MissingTemplateValueError);
    expect(() => toMessages({ other: 1 }, "row-3")).toThrow(/row "row-3"/);
  });
});

describe("rowToMessages with files", () => {
  it("attaches each row's files after the rendered text, and nothing when a row has none", () => {
    const toMessages = rowToMessages("Extract invoice {{id}}.", "Answer in JSON.", {
      files: (row) =>
        row.pdf ? [{ type: "file", url: `data:application/pdf;base64,${row.pdf}` }] : [],
    });
    expect(toMessages({ id: "7", pdf: "JVBERi0x" }, "7")).toEqual([
      { role: "system", content: "Answer in JSON." },
      {
        role: "user",
        content: [
          { type: "text", text: "Extract invoice 7." },
          { type: "file", url: "data:application/pdf;base64,JVBERi0x" },
        ],
      },
    ]);
    expect(toMessages({ id: "8" }, "8")[1]).toEqual({
      role: "user",
      content: "Extract invoice 8.",
    });
  });
});
