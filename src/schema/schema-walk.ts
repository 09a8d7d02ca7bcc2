import { isPlainObject } from "./schema-refs.js";
import type { JsonSchema } from "./types.js";

/** Keywords whose value is one subschema. */
export const SINGLE_SCHEMA_KEYWORDS = [
  "items",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "additionalItems",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
  "contentSchema",
] as const;

/** Keywords whose value is an array of subschemas (`items` too, in its draft-07 tuple form). */
export const SCHEMA_ARRAY_KEYWORDS = ["anyOf", "oneOf", "allOf", "prefixItems", "items"] as const;

/** Keywords whose value maps names to subschemas. */
export const SCHEMA_MAP_KEYWORDS = [
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "dependencies",
] as const;

const SAFE_INTEGER_NOISE = Number.MAX_SAFE_INTEGER;

function isIntegerSchema(node: JsonSchema): boolean {
  return node.type === "integer" || (Array.isArray(node.type) && node.type.includes("integer"));
}

/**
 * Copies a JSON Schema, dropping the root `$schema` and the safe-integer bounds zod adds to every
 * `.int()` (they restate what "integer" already means for JSON numbers and only cost tokens).
 * Only schema positions are rewritten; literal payloads (`enum`, `const`, `default`) are shared.
 */
export function cleanJsonSchema(schema: JsonSchema): JsonSchema {
  const copy = copyNode(schema) as JsonSchema;
  delete copy.$schema;
  return copy;
}

function copyNode(node: unknown): unknown {
  if (!isPlainObject(node)) return node;
  const out: JsonSchema = { ...node };
  if (isIntegerSchema(out)) {
    if (out.minimum === -SAFE_INTEGER_NOISE) delete out.minimum;
    if (out.maximum === SAFE_INTEGER_NOISE) delete out.maximum;
  }
  for (const key of SINGLE_SCHEMA_KEYWORDS) {
    if (isPlainObject(out[key])) out[key] = copyNode(out[key]);
  }
  for (const key of SCHEMA_ARRAY_KEYWORDS) {
    const value = out[key];
    if (Array.isArray(value)) out[key] = value.map(copyNode);
  }
  for (const key of SCHEMA_MAP_KEYWORDS) {
    const value = out[key];
    if (!isPlainObject(value)) continue;
    const mapped: JsonSchema = {};
    for (const [name, child] of Object.entries(value)) mapped[name] = copyNode(child);
    out[key] = mapped;
  }
  return out;
}
