import { describe, expect, it } from "vitest";
import { expectLinear } from "../../../test/support/linear-growth.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { InvalidTemplateError } from "../../errors/invalid-template-error.js";
import { MissingTemplateValueError } from "../../errors/missing-template-value-error.js";
import { compileTemplate } from "./compile-template.js";

function thrown(run: () => unknown): any {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, none was thrown");
}

describe("compileTemplate", () => {
  it("fills {{column}} placeholders, whitespace inside the braces ignored; lists each placeholder once in order of first use", () => {
    const t = compileTemplate("Name: {{name}}, again {{  name }}; text:\n{{\ttext\t}}.");
    expect(t.placeholders).toEqual(["name", "text"]);
    expect(t.render({ name: "Ann", text: "a\nb" }, "r1")).toBe(
      "Name: Ann, again Ann; text:\na\nb.",
    );
  });

  it("renders numbers and booleans as written, null as nothing, objects and arrays as JSON", () => {
    const t = compileTemplate("[{{n}}|{{b}}|{{z}}|{{o}}|{{a}}|{{big}}]");
    expect(t.render({ n: 1.5, b: false, z: null, o: { k: "v" }, a: [1, "x"], big: 10n }, "r")).toBe(
      '[1.5|false||{"k":"v"}|[1,"x"]|10]',
    );
  });

  it("follows dotted paths into nested objects and arrays; a column named with the dots wins", () => {
    const t = compileTemplate("{{ address.city }} / {{tags.1}} / {{a.b}}");
    expect(t.placeholders).toEqual(["address.city", "tags.1", "a.b"]);
    expect(
      t.render(
        { address: { city: "Köln" }, tags: ["x", "y"], "a.b": "flat", a: { b: "deep" } },
        "r",
      ),
    ).toBe("Köln / y / flat");
  });

  it("{{{{ is a literal {{; lone braces and }} are literal", () => {
    const t = compileTemplate('JSON like {"a":{"b":1}} and {{{{x}} and }} and {{v}}{{{{');
    expect(t.placeholders).toEqual(["v"]);
    expect(t.render({ v: "V" }, "r")).toBe('JSON like {"a":{"b":1}} and {{x}} and }} and V{{');
  });

  it("a value is inserted as it is, never read as template syntax", () => {
    const t = compileTemplate("<{{a}}>");
    expect(t.render({ a: "{{b}} {{{{" }, "r")).toBe("<{{b}} {{{{>");
  });

  it("drops a leading byte-order mark (a prompt file saved by a Windows editor)", () => {
    expect(compileTemplate("\uFEFFHi {{x}}").render({ x: 1 }, "r")).toBe("Hi 1");
  });

  it("a placeholder the row lacks: MissingTemplateValueError naming the row id, the placeholder and the row's columns", () => {
    const t = compileTemplate("{{name}} {{email}}", { source: "prompt.txt" });
    const error = thrown(() => t.render({ id: "7", name: "Ann", age: 3 }, "row-7"));
    expect(error).toBeInstanceOf(MissingTemplateValueError);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.code).toBe("missing_template_value");
    expect(error.issues[0].code).toBe("missing_placeholder_value");
    expect(error).toMatchObject({
      rowId: "row-7",
      placeholder: "email",
      columns: ["id", "name", "age"],
    });
    expect(error.message).toBe(
      'prompt.txt: row "row-7" has no column "email" for the placeholder {{email}}; its columns: "id", "name", "age"',
    );
  });

  it("a dotted path that leads nowhere says where it stops", () => {
    const t = compileTemplate("{{address.city.zip}}");
    const cases: [Record<string, unknown>, string][] = [
      [{ id: 1 }, 'has no column "address.city.zip" nor "address"'],
      [{ address: { street: "x" } }, 'has no "city" in "address"'],
      [{ address: { city: "Köln" } }, 'has a string at "address.city", not an object with "zip"'],
      [{ address: null }, 'has null at "address", not an object with "city"'],
    ];
    for (const [row, words] of cases) {
      const error = thrown(() => t.render(row, "r1"));
      expect(error, words).toBeInstanceOf(MissingTemplateValueError);
      expect(error.message, words).toContain(words);
      expect(error.message, words).toContain("{{address.city.zip}}");
    }
  });

  it("undefined and inherited properties are missing, not rendered", () => {
    const t = compileTemplate("{{x}}");
    expect(thrown(() => t.render({ x: undefined }, "r"))).toBeInstanceOf(MissingTemplateValueError);
    for (const name of ["constructor", "toString", "__proto__"]) {
      const inherited = compileTemplate(`{{${name}}}`);
      expect(
        thrown(() => inherited.render({}, "r")),
        name,
      ).toBeInstanceOf(MissingTemplateValueError);
    }
  });

  it("a value that cannot be written (a function, a cycle) is a typed error naming row and placeholder", () => {
    const t = compileTemplate("{{f}}");
    const fn = thrown(() => t.render({ f: () => 1 }, "r9"));
    expect(fn).toBeInstanceOf(InvalidArgumentError);
    expect(fn.issues[0].code).toBe("unrenderable_value");
    expect(fn.message).toContain('row "r9": the value for {{f}} is a function');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const error = thrown(() => t.render({ f: cycle }, "r9"));
    expect(error.message).toContain("cannot be written as JSON");
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it("an unclosed {{: InvalidTemplateError with its offset, line and column", () => {
    const text = "Line one\nLine {{two}}\n  then {{ three\nand more";
    const error = thrown(() => compileTemplate(text, { source: "prompt.txt" }));
    expect(error).toBeInstanceOf(InvalidTemplateError);
    expect(error.code).toBe("invalid_template");
    expect(error.issues[0]).toMatchObject({
      code: "unclosed_placeholder",
      offset: text.indexOf("{{ three"),
      line: 3,
      column: 8,
    });
    expect(error.message).toBe(
      'prompt.txt: line 3, column 8: "{{" is never closed by "}}" (write "{{{{" for a literal "{{")',
    );
  });

  it("counts the position in the file as given, byte-order mark included", () => {
    const error = thrown(() => compileTemplate("\uFEFFab {{"));
    expect(error.issues[0]).toMatchObject({ offset: 4, line: 1, column: 5 });
  });

  it("an empty placeholder, a brace inside one, an empty part of a dotted path", () => {
    const empty = thrown(() => compileTemplate("a {{  }} b"));
    expect(empty.issues[0]).toMatchObject({ code: "empty_placeholder", line: 1, column: 3 });
    const triple = thrown(() => compileTemplate("x\n{{{name}}}"));
    expect(triple.issues[0]).toMatchObject({ code: "invalid_placeholder", line: 2, column: 3 });
    expect(triple.message).toContain('write "{{{{" for a literal "{{"');
    const nested = thrown(() => compileTemplate("{{a {{b}}"));
    expect(nested.issues[0].code).toBe("invalid_placeholder");
    const dots = thrown(() => compileTemplate("{{a..b}}"));
    expect(dots.issues[0]).toMatchObject({ code: "invalid_placeholder", column: 1 });
    expect(dots.message).toContain("empty part");
  });

  it("refuses a template that is not a string", () => {
    const error = thrown(() => compileTemplate(42 as unknown as string));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.issues[0].code).toBe("invalid_template");
  });

  it("compiles linearly in the number of placeholders", async () => {
    await expectLinear((n) => compileTemplate("text {{a}} and {{ b.c }} {{{{ ".repeat(n)), {
      start: 2_000,
      maxSmall: 200_000,
      factor: 4,
    });
  });

  it("renders linearly in the number of placeholders and in the size of the values", async () => {
    const row = { a: "value", b: { c: [1, 2, 3] } };
    await expectLinear(
      (n) => compileTemplate("text {{a}} and {{ b.c }}. ".repeat(n)).render(row, "r"),
      { start: 2_000, maxSmall: 200_000, factor: 4 },
    );
    const one = compileTemplate("<{{a}}> and <{{b}}>");
    await expectLinear(
      (n) => one.render({ a: "x".repeat(n), b: { list: new Array(n / 10).fill("y") } }, "r"),
      {
        start: 100_000,
        maxSmall: 4_000_000,
        factor: 4,
      },
    );
  });
});
