import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { InvalidTemplateError } from "../../errors/invalid-template-error.js";
import { MissingTemplateValueError } from "../../errors/missing-template-value-error.js";
import { stripBom } from "../../util/strip-bom.js";
import { describeValue } from "./row-id.js";
import { listColumns } from "./row-issues.js";

/** A prompt template ready to fill from rows. */
export interface CompiledTemplate {
  /** The placeholders as written (trimmed), each once, in order of first use: `["name", "address.city"]`. */
  readonly placeholders: readonly string[];
  /**
   * The text with every placeholder replaced by the row's value: a string as it is, a number or
   * boolean in decimal/`true`, `null` as nothing, an object or array as JSON. Throws
   * `MissingTemplateValueError` naming `rowId`, the placeholder and the row's columns when the
   * row has no value for one.
   */
  render(row: Record<string, unknown>, rowId: string): string;
}

/** Options of `compileTemplate`. */
export interface CompileTemplateOptions {
  /**
   * The template's name in error messages, e.g. its path. Default `"template"`.
   *
   * @example compileTemplate(text, { source: "prompts/extract.txt" })
   * // InvalidTemplateError: prompts/extract.txt: line 3, column 9: "{{" is never closed by "}}" ...
   */
  source?: string;
}

interface Placeholder {
  /** Trimmed text between the braces. */
  name: string;
  /** The dotted path, when the name holds dots; each part trimmed. */
  path: string[] | undefined;
}

/**
 * Compiles a prompt template with `{{column}}` placeholders, filled from each row:
 * - `{{ name }}`: whitespace inside the braces is ignored; a column name may hold spaces.
 * - `{{address.city}}`: a dotted path into a JSON row's nested objects (and arrays:
 *   `{{tags.0}}`). A column named exactly `address.city` (a CSV header) wins over the path.
 * - `{{{{` writes a literal `{{`; a lone `{`, `}` or `}}` is literal as it is.
 * Errors come here, before any row: a `{{` never closed (`unclosed_placeholder`), an empty
 * `{{ }}` (`empty_placeholder`), a brace or an empty part inside one (`invalid_placeholder`),
 * each with its line and column. Compiling and rendering are linear in the text and values.
 *
 * @example
 * const t = compileTemplate("Extract the person from: {{ text }} (source: {{meta.url}})");
 * t.placeholders; // ["text", "meta.url"]
 * t.render({ text: "Ann, 31", meta: { url: "a.example" } }, "row-1");
 */
export function compileTemplate(text: string, options?: CompileTemplateOptions): CompiledTemplate {
  if (typeof text !== "string") {
    throw new InvalidArgumentError([
      { code: "invalid_template", path: ["template"], message: "must be a string" },
    ]);
  }
  const source = options?.source ?? "template";
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = stripBom(text);
  const fail = (code: string, offset: number, what: string): never => {
    const { line, column } = positionOf(text, offset + shift);
    throw new InvalidTemplateError({
      code,
      path: [source],
      offset: offset + shift,
      line,
      column,
      message: `line ${line}, column ${column}: ${what}`,
    });
  };
  const literals: string[] = [];
  const slots: Placeholder[] = [];
  let literal = "";
  let at = 0;
  while (true) {
    const open = body.indexOf("{{", at);
    if (open === -1) break;
    if (body.startsWith("{{{{", open)) {
      literal += `${body.slice(at, open)}{{`;
      at = open + 4;
      continue;
    }
    const close = body.indexOf("}}", open + 2);
    if (close === -1) {
      fail(
        "unclosed_placeholder",
        open,
        '"{{" is never closed by "}}" (write "{{{{" for a literal "{{")',
      );
    }
    const inner = body.slice(open + 2, close);
    const brace = inner.search(/[{}]/);
    if (brace !== -1) {
      fail(
        "invalid_placeholder",
        open + 2 + brace,
        `a placeholder holds a brace: ${JSON.stringify(inner.slice(0, 60))} (write "{{{{" for a literal "{{")`,
      );
    }
    const name = inner.trim();
    if (name === "") fail("empty_placeholder", open, "the placeholder {{}} names no column");
    const path = name.includes(".") ? name.split(".").map((p) => p.trim()) : undefined;
    if (path?.includes("")) {
      fail(
        "invalid_placeholder",
        open,
        `the placeholder {{${name}}} has an empty part in its dotted path`,
      );
    }
    literals.push(literal + body.slice(at, open));
    literal = "";
    slots.push({ name, path });
    at = close + 2;
  }
  literals.push(literal + body.slice(at));
  const placeholders = [...new Set(slots.map((s) => s.name))];

  return {
    placeholders,
    render(row, rowId) {
      let out = literals[0]!;
      for (let k = 0; k < slots.length; k++) {
        out += textOf(lookUp(row, slots[k]!, rowId, source), slots[k]!.name, rowId, source);
        out += literals[k + 1]!;
      }
      return out;
    },
  };
}

function lookUp(row: Record<string, unknown>, slot: Placeholder, rowId: string, source: string) {
  const isObject = typeof row === "object" && row !== null;
  if (isObject && Object.hasOwn(row, slot.name) && row[slot.name] !== undefined) {
    return row[slot.name];
  }
  let lacking = `has no column ${JSON.stringify(slot.name)}`;
  if (isObject && slot.path !== undefined) {
    let value: unknown = row;
    for (let i = 0; i < slot.path.length; i++) {
      const part = slot.path[i]!;
      const next =
        typeof value === "object" && value !== null && Object.hasOwn(value, part)
          ? (value as Record<string, unknown>)[part]
          : undefined;
      if (next === undefined) {
        const parent = JSON.stringify(slot.path.slice(0, i).join("."));
        lacking =
          i === 0
            ? `has no column ${JSON.stringify(slot.name)} nor ${JSON.stringify(part)}`
            : typeof value === "object" && value !== null
              ? `has no ${JSON.stringify(part)} in ${parent}`
              : `has ${describeValue(value)} at ${parent}, not an object with ${JSON.stringify(part)}`;
        value = undefined;
        break;
      }
      value = next;
    }
    if (value !== undefined) return value;
  }
  const columns = isObject ? Object.keys(row) : [];
  throw new MissingTemplateValueError(
    {
      code: "missing_placeholder_value",
      path: [source],
      message: `row ${JSON.stringify(rowId)} ${lacking} for the placeholder {{${slot.name}}}; its columns: ${listColumns(columns)}`,
    },
    rowId,
    slot.name,
    columns,
  );
}

function textOf(value: unknown, name: string, rowId: string, source: string): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    case "object": {
      if (value === null) return "";
      try {
        return JSON.stringify(value);
      } catch (cause) {
        throw unrenderable(name, rowId, source, "cannot be written as JSON", cause);
      }
    }
    default:
      throw unrenderable(name, rowId, source, `is a ${typeof value}`, undefined);
  }
}

function unrenderable(name: string, rowId: string, source: string, why: string, cause: unknown) {
  return new InvalidArgumentError(
    [
      {
        code: "unrenderable_value",
        path: [source],
        message: `row ${JSON.stringify(rowId)}: the value for {{${name}}} ${why}`,
      },
    ],
    { cause },
  );
}

/** 1-based line and column of an offset; on the error path only. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
