import { InvalidArgumentError } from "../errors/index.js";
import { checkGeminiRecursion } from "./check-gemini-recursion.js";
import {
  GEMINI_JSON_SCHEMA_KEYWORDS,
  unsupportedByGemini as unsupported,
} from "./gemini-json-schema-keywords.js";
import { childPointer, isPlainObject, parseLocalRef, resolveLocalRef } from "./schema-refs.js";
import type { JsonSchema } from "./types.js";

/** A schema rewritten for Gemini's `responseJsonSchema`. */
export interface GeminiJsonSchema {
  schema: JsonSchema;
  /** Identity: the rewrite only loosens or restates, so answers need no mapping back. */
  normalize(value: unknown): unknown;
}

const KEPT = new Set<string>(GEMINI_JSON_SCHEMA_KEYWORDS.kept);
const FORMATS = new Set<string>(GEMINI_JSON_SCHEMA_KEYWORDS.formats);
const JSON_TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);

const identity = (value: unknown): unknown => value;

/**
 * Converts a JSON Schema (draft 2020-12, as `resolveSchema` produces it) to what Gemini's
 * `responseJsonSchema` takes: `oneOf` becomes `anyOf`, `const` becomes a one-value `enum`,
 * enums with `null` or booleans become `anyOf` branches, a `$ref` carrying annotations is
 * wrapped in a one-branch `anyOf`, single-member `allOf` is inlined, tuples stay `prefixItems`,
 * root `definitions` become `$defs`. Throws `UnsupportedSchemaError` with a JSON pointer for
 * what Gemini cannot express, including recursion through required properties only.
 */
export function toGeminiJsonSchema(jsonSchema: JsonSchema): GeminiJsonSchema {
  if (!isPlainObject(jsonSchema)) {
    throw new InvalidArgumentError(
      [{ code: "invalid_schema", path: ["jsonSchema"], message: "expected a JSON Schema object" }],
      { code: "invalid_schema" },
    );
  }
  const converter = new GeminiConverter(jsonSchema);
  const schema = converter.node(jsonSchema, "#", true);
  checkGeminiRecursion(schema);
  return { schema, normalize: identity };
}

class GeminiConverter {
  // Draft-07 `definitions` at the root move to `$defs`, the only name Gemini lists.
  private readonly renameDefinitions: boolean;

  constructor(private readonly root: JsonSchema) {
    this.renameDefinitions = isPlainObject(root.definitions) && root.$defs === undefined;
  }

  node(raw: unknown, ptr: string, isRoot = false): JsonSchema {
    if (raw === true) return {};
    if (raw === false) throw unsupported("this schema accepts no value at all", ptr);
    if (!isPlainObject(raw)) throw unsupported("expected a JSON Schema object", ptr);
    for (const key of Object.keys(raw)) {
      const hint = GEMINI_JSON_SCHEMA_KEYWORDS.rejected.get(key);
      if (
        hint === undefined ||
        (key === "allOf" && Array.isArray(raw.allOf) && raw.allOf.length === 1)
      )
        continue;
      throw unsupported(`"${key}" is not supported: ${hint}`, ptr);
    }
    if ("definitions" in raw && !(isRoot && this.renameDefinitions)) {
      throw unsupported(
        `"definitions" is only supported at the root, without "$defs" beside it: use "$defs"`,
        ptr,
      );
    }
    const out: JsonSchema = {};
    for (const key of ["$id", "$anchor"]) if (typeof raw[key] === "string") out[key] = raw[key];
    this.defs(raw, ptr, out);
    if (Array.isArray(raw.allOf)) return this.allOf(raw, ptr, out);
    if ("$ref" in raw) return this.ref(raw, ptr, out);
    for (const key of Object.keys(raw)) {
      if (KEPT.has(key) && raw[key] !== undefined) out[key] = raw[key];
    }
    if (typeof raw.type === "string" || Array.isArray(raw.type)) this.checkType(raw.type, ptr);
    if (typeof raw.format === "string" && FORMATS.has(raw.format)) out.format = raw.format;
    this.exclusiveBound(raw, out, "exclusiveMinimum", "minimum", 1);
    this.exclusiveBound(raw, out, "exclusiveMaximum", "maximum", -1);
    this.union(raw, ptr, out);
    this.object(raw, ptr, out);
    this.array(raw, ptr, out);
    return this.values(raw, ptr, out);
  }

  private defs(raw: JsonSchema, ptr: string, out: JsonSchema): void {
    for (const key of ["$defs", "definitions"] as const) {
      const defs = raw[key];
      if (!isPlainObject(defs)) continue;
      const converted: JsonSchema = {};
      for (const [name, def] of Object.entries(defs)) {
        converted[name] = this.node(def, childPointer(ptr, key, name));
      }
      out.$defs = converted;
    }
  }

  /** A one-member allOf only adds annotations (zod's described references): inlined. */
  private allOf(raw: JsonSchema, ptr: string, out: JsonSchema): JsonSchema {
    const sibling = Object.keys(raw).find((k) => SHAPE.has(k));
    if (sibling !== undefined) {
      throw unsupported(
        `"allOf" next to "${sibling}" is not supported: merge them into one schema`,
        ptr,
      );
    }
    const member = this.node((raw.allOf as unknown[])[0], childPointer(ptr, "allOf", 0));
    if (
      typeof member.$ref === "string" &&
      ANNOTATION_KEYS.some((k) => typeof raw[k] === "string")
    ) {
      const { $ref, ...memberRest } = member;
      return this.annotated(raw, { ...out, ...memberRest, anyOf: [{ $ref }] });
    }
    return this.annotated(raw, { ...out, ...member });
  }

  private ref(raw: JsonSchema, ptr: string, out: JsonSchema): JsonSchema {
    const ref = raw.$ref;
    if (typeof ref !== "string" || parseLocalRef(ref) === undefined) {
      throw unsupported(
        `$ref ${JSON.stringify(ref)} is not a local JSON pointer (#/$defs/...)`,
        ptr,
      );
    }
    if (resolveLocalRef(this.root, ref) === undefined) {
      throw unsupported(`$ref ${ref} does not resolve to a schema`, ptr);
    }
    const target = this.renameDefinitions ? ref.replace(/^#\/definitions\//, "#/$defs/") : ref;
    const shape = Object.keys(raw).find((k) => SHAPE.has(k));
    if (shape !== undefined) {
      throw unsupported(
        `"$ref" next to "${shape}" is not supported: move "${shape}" into the referenced schema`,
        ptr,
      );
    }
    // Gemini allows nothing but $-keywords beside $ref; a one-branch anyOf keeps the annotations.
    if (ANNOTATION_KEYS.some((k) => typeof raw[k] === "string")) {
      return this.annotated(raw, { ...out, anyOf: [{ $ref: target }] });
    }
    return { ...out, $ref: target };
  }

  private annotated(raw: JsonSchema, out: JsonSchema): JsonSchema {
    for (const key of ANNOTATION_KEYS) if (typeof raw[key] === "string") out[key] = raw[key];
    return out;
  }

  private checkType(type: unknown, ptr: string): void {
    const types = Array.isArray(type) ? type : [type];
    if (types.length === 0 || types.some((t) => typeof t !== "string" || !JSON_TYPES.has(t))) {
      throw unsupported(
        `"type" must be one or more of ${[...JSON_TYPES].join(", ")}; got ${JSON.stringify(type)}`,
        ptr,
      );
    }
  }

  /** Gemini has only inclusive bounds: an exclusive one becomes the nearest inclusive one for integers, the bound itself otherwise. */
  private exclusiveBound(
    raw: JsonSchema,
    out: JsonSchema,
    from: string,
    to: string,
    step: number,
  ): void {
    const bound = raw[from];
    if (typeof bound !== "number" || typeof raw[to] === "number") return;
    out[to] = raw.type === "integer" && Number.isInteger(bound) ? bound + step : bound;
  }

  private union(raw: JsonSchema, ptr: string, out: JsonSchema): void {
    if ("anyOf" in raw && "oneOf" in raw)
      throw unsupported("anyOf and oneOf on the same schema are not supported", ptr);
    const keyword = "anyOf" in raw ? "anyOf" : "oneOf" in raw ? "oneOf" : undefined;
    if (keyword === undefined) return;
    const branches = raw[keyword];
    if (!Array.isArray(branches) || branches.length === 0)
      throw unsupported(`${keyword} must be a non-empty array`, ptr);
    // oneOf is read as anyOf by Gemini; saying so keeps the wire honest. Exclusivity is checked locally.
    out.anyOf = branches.map((b, i) => this.node(b, childPointer(ptr, keyword, i)));
  }

  private object(raw: JsonSchema, ptr: string, out: JsonSchema): void {
    const properties = raw.properties;
    if (properties !== undefined) {
      if (!isPlainObject(properties)) throw unsupported(`"properties" must be an object`, ptr);
      const converted: JsonSchema = {};
      for (const [name, sub] of Object.entries(properties)) {
        converted[name] = this.node(sub, childPointer(ptr, "properties", name));
      }
      out.properties = converted;
    }
    if (Array.isArray(raw.required)) {
      // A required key that is not declared (a record with enum keys) is left to the validator.
      const declared = isPlainObject(properties) ? properties : {};
      const required = raw.required.filter(
        (k) => typeof k === "string" && Object.hasOwn(declared, k),
      );
      if (required.length > 0) out.required = required;
    }
    const extra = raw.additionalProperties;
    if (typeof extra === "boolean") out.additionalProperties = extra;
    else if (extra !== undefined)
      out.additionalProperties = this.node(extra, childPointer(ptr, "additionalProperties"));
  }

  private array(raw: JsonSchema, ptr: string, out: JsonSchema): void {
    const { items, prefixItems } = raw;
    const tuple = Array.isArray(prefixItems)
      ? prefixItems
      : Array.isArray(items)
        ? items
        : undefined;
    if (tuple !== undefined) {
      const keyword = Array.isArray(prefixItems) ? "prefixItems" : "items";
      out.prefixItems = tuple.map((item, i) => this.node(item, childPointer(ptr, keyword, i)));
    }
    // `items: false` only closes a tuple: dropped (looser), the validator still checks the length.
    if (isPlainObject(items) || items === true)
      out.items = this.node(items, childPointer(ptr, "items"));
  }

  /** `const` and `enum`: Gemini takes enums of strings and numbers only. */
  private values(raw: JsonSchema, ptr: string, out: JsonSchema): JsonSchema {
    const values = "const" in raw ? [raw.const] : Array.isArray(raw.enum) ? raw.enum : undefined;
    if (values === undefined) return out;
    if (values.some((v) => typeof v === "object" && v !== null)) {
      throw unsupported("enum or const values that are objects or arrays are not supported", ptr);
    }
    const plain = values.filter((v) => typeof v === "string" || typeof v === "number");
    const branches: JsonSchema[] = [];
    if (plain.length > 0) {
      const allStrings = plain.every((v) => typeof v === "string");
      const allNumbers = plain.every((v) => typeof v === "number");
      const type = allStrings
        ? "string"
        : allNumbers
          ? plain.every(Number.isInteger)
            ? "integer"
            : "number"
          : ["string", "number"];
      branches.push({ type, enum: plain });
    }
    if (values.some((v) => typeof v === "boolean")) branches.push({ type: "boolean" });
    if (values.includes(null)) branches.push({ type: "null" });
    if (branches.length === 1 && out.anyOf === undefined) {
      const [only] = branches as [JsonSchema];
      // A declared `type` (e.g. "integer") says more than the one inferred from the values.
      return {
        ...out,
        ...only,
        ...(typeof out.type === "string" && only.enum !== undefined && { type: out.type }),
      };
    }
    if (out.anyOf !== undefined)
      throw unsupported("enum or const next to anyOf/oneOf is not supported", ptr);
    const { type: _type, ...rest } = out;
    return { ...rest, anyOf: branches };
  }
}

const ANNOTATION_KEYS = ["title", "description"] as const;
/** Keywords that say what a value is; beside $ref or allOf they cannot simply be dropped. */
const SHAPE = new Set([
  "type",
  "properties",
  "items",
  "prefixItems",
  "anyOf",
  "oneOf",
  "enum",
  "const",
  "additionalProperties",
  "required",
]);
