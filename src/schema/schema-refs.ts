import type { JsonSchema } from "./types.js";

export function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function escapeSegment(segment: string | number): string {
  return String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Appends segments to a JSON pointer written as a URI fragment (`#/properties/tags`). */
export function childPointer(pointer: string, ...segments: (string | number)[]): string {
  let out = pointer;
  for (const segment of segments) out += `/${escapeSegment(segment)}`;
  return out;
}

/** Decodes `#/a/b~1c` into `["a", "b/c"]`; undefined for anything that is not a local pointer. */
export function parseLocalRef(ref: string): string[] | undefined {
  if (ref === "#") return [];
  if (!ref.startsWith("#/")) return undefined;
  let decoded: string;
  try {
    // A fragment may be percent-encoded (RFC 6901 section 6) before it is split.
    decoded = decodeURIComponent(ref.slice(2));
  } catch {
    return undefined;
  }
  return decoded.split("/").map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** Follows a local `$ref` inside `root`; undefined when it does not resolve to a schema. */
export function resolveLocalRef(root: JsonSchema, ref: string): JsonSchema | boolean | undefined {
  const segments = parseLocalRef(ref);
  if (segments === undefined) return undefined;
  let node: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
      node = node[Number(segment)];
    } else if (isPlainObject(node) && Object.hasOwn(node, segment)) {
      node = node[segment];
    } else {
      return undefined;
    }
  }
  return isPlainObject(node) || typeof node === "boolean"
    ? (node as JsonSchema | boolean)
    : undefined;
}

/**
 * The schema that actually describes a value: follows `$ref`s and single-member `allOf`
 * wrappers (which only add annotations). Undefined when a reference is broken or circular.
 */
export function effectiveSchema(root: JsonSchema, node: unknown): JsonSchema | undefined {
  const seen = new Set<unknown>();
  let current = node;
  while (isPlainObject(current) && !seen.has(current)) {
    seen.add(current);
    if (typeof current.$ref === "string") {
      current = resolveLocalRef(root, current.$ref);
    } else if (
      Array.isArray(current.allOf) &&
      current.allOf.length === 1 &&
      current.properties === undefined
    ) {
      current = current.allOf[0];
    } else {
      return current;
    }
  }
  return undefined;
}

const IMPLICIT_TYPE_KEYWORDS = ["properties", "additionalProperties", "required", "items"];

/**
 * Whether `null` can be valid for `schema` as far as its type-level keywords tell: `type`,
 * `enum`, `const`, `anyOf`/`oneOf`/`allOf` and local `$ref`s. Keywords that cannot be judged
 * without a full validator (`not`, `if`) make the answer "no", which errs towards treating a
 * null as something to normalise away rather than a meaningful value.
 */
export function acceptsNull(
  schema: unknown,
  root: JsonSchema,
  seen: Set<unknown> = new Set(),
): boolean {
  if (schema === true) return true;
  if (!isPlainObject(schema)) return false;
  if (seen.has(schema)) return false;
  seen.add(schema);
  try {
    if ("not" in schema || "if" in schema) return false;
    const type = schema.type;
    if (typeof type === "string" && type !== "null") return false;
    if (Array.isArray(type) && !type.includes("null")) return false;
    // Untyped object or array keywords are read as that type, as the strict conversion does.
    if (type === undefined && IMPLICIT_TYPE_KEYWORDS.some((k) => k in schema)) return false;
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) return false;
    if ("const" in schema && schema.const !== null) return false;
    if (typeof schema.$ref === "string") {
      const target = resolveLocalRef(root, schema.$ref);
      if (target === undefined || !acceptsNull(target, root, seen)) return false;
    }
    if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s) => acceptsNull(s, root, seen))) {
      return false;
    }
    if (Array.isArray(schema.oneOf) && !schema.oneOf.some((s) => acceptsNull(s, root, seen))) {
      return false;
    }
    if (Array.isArray(schema.allOf) && !schema.allOf.every((s) => acceptsNull(s, root, seen))) {
      return false;
    }
    return true;
  } finally {
    seen.delete(schema);
  }
}
