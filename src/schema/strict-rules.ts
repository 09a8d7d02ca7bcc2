import { UnsupportedSchemaError } from "../errors/index.js";
import { NUMERIC_CONSTRAINTS, OPENAI_STRICT_KEYWORDS } from "./openai-strict-keywords.js";
import type { JsonSchema } from "./types.js";

export const REJECTED = new Set<string>(OPENAI_STRICT_KEYWORDS.rejected);
export const FORMATS = new Set<string>(OPENAI_STRICT_KEYWORDS.formats);
export const ANNOTATIONS = ["title", "description"] as const;
/** Without one of these (or a rejected keyword) a schema accepts every JSON value. */
export const TYPE_DETERMINING = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "anyOf",
  "oneOf",
  "allOf",
  "enum",
  "const",
  "$ref",
]);
export const JSON_TYPES = new Set([
  "string",
  "number",
  "integer",
  "boolean",
  "object",
  "array",
  "null",
]);
export const NUMERIC_KEPT = NUMERIC_CONSTRAINTS;
const REJECTED_HINTS = new Map<string, string>([
  [
    "prefixItems",
    "tuples cannot be expressed: use an array of one item type, or an object with named fields",
  ],
  ["additionalItems", "tuples cannot be expressed: use an array of one item type"],
  [
    "patternProperties",
    "keys matched by pattern form an open record: declare the keys as properties",
  ],
  ["propertyNames", "constrained keys form an open record: declare the keys as properties"],
  ["if", "conditional schemas cannot be expressed: use anyOf of complete alternatives"],
  ["then", "conditional schemas cannot be expressed: use anyOf of complete alternatives"],
  ["else", "conditional schemas cannot be expressed: use anyOf of complete alternatives"],
  ["not", "negated schemas cannot be expressed"],
  ["dependentSchemas", "schemas that depend on other keys cannot be expressed"],
]);

/** The hint shown after a rejected keyword, starting with ": ", or "". */
export function rejectedHint(keyword: string): string {
  const hint = REJECTED_HINTS.get(keyword);
  return hint === undefined ? "" : `: ${hint}`;
}

export function unsupported(message: string, pointer: string): UnsupportedSchemaError {
  return new UnsupportedSchemaError(`OpenAI strict mode: ${message}`, pointer);
}

export function copyAnnotations(from: JsonSchema, to: JsonSchema): JsonSchema {
  for (const key of ANNOTATIONS) if (typeof from[key] === "string") to[key] = from[key];
  return to;
}

/** Adds `null` as a possible value, preferring the compact `type: [t, "null"]` form. */
export function makeNullable(schema: JsonSchema): JsonSchema {
  const { type } = schema;
  if ((typeof type === "string" || Array.isArray(type)) && !("const" in schema) && !schema.anyOf) {
    const types = Array.isArray(type) ? type : [type];
    const out: JsonSchema = {
      ...schema,
      type: types.includes("null") ? types : [...types, "null"],
    };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null))
      out.enum = [...schema.enum, null];
    return out;
  }
  if (
    Array.isArray(schema.anyOf) &&
    Object.keys(schema).every((k) => k === "anyOf" || k === "title" || k === "description")
  ) {
    return { ...schema, anyOf: [...schema.anyOf, { type: "null" }] };
  }
  return { anyOf: [schema, { type: "null" }] };
}
