import { UnsupportedSchemaError } from "../../errors/unsupported-schema-error.js";
import { DEFINITION_KEYS, findRefProblem } from "../../schema/local-ref-graph.js";
import { childPointer, isPlainObject } from "../../schema/schema-refs.js";
import type { JsonSchema, ResolvedSchema } from "../../schema/types.js";
import type { PreparedOutputSchema } from "../types.js";

/** String formats Anthropic's structured output enforces (the SDK's transform keeps these). */
const FORMATS = new Set([
  "date-time",
  "time",
  "date",
  "duration",
  "email",
  "hostname",
  "uri",
  "ipv4",
  "ipv6",
  "uuid",
]);

const identity = (value: unknown): unknown => value;
const isPrimitive = (value: unknown) => value === null || typeof value !== "object";

type Node = Record<string, unknown>;

function take(node: Node, key: string): unknown {
  const value = node[key];
  delete node[key];
  return value;
}

function transform(input: unknown, at: string): Node {
  if (!isPlainObject(input)) {
    throw new UnsupportedSchemaError(
      "A boolean schema (true/false) cannot be given to Anthropic's structured output",
      at,
    );
  }
  const node: Node = { ...input };
  const out: Node = {};
  for (const table of DEFINITION_KEYS) {
    const defs = take(node, table);
    if (!isPlainObject(defs)) continue;
    out[table] = Object.fromEntries(
      Object.entries(defs).map(([name, d]) => [name, transform(d, childPointer(at, table, name))]),
    );
  }
  const ref = take(node, "$ref");
  if (ref !== undefined) return { ...out, $ref: ref };
  const values = node.enum;
  if (Array.isArray(values) && values.length > 0 && values.every(isPrimitive)) {
    out.enum = take(node, "enum");
  }
  if (node.const !== undefined && isPrimitive(node.const)) out.const = take(node, "const");
  const literal = "enum" in out || "const" in out;
  const declared = take(node, "type");
  const type = literal ? undefined : declared;
  const anyOf = take(node, "anyOf") ?? take(node, "oneOf");
  const allOf = take(node, "allOf");
  delete node.$schema;
  if (Array.isArray(anyOf)) {
    out.anyOf = anyOf.map((v, i) => transform(v, childPointer(at, "anyOf", i)));
  } else if (Array.isArray(allOf)) {
    out.allOf = allOf.map((v, i) => transform(v, childPointer(at, "allOf", i)));
  } else if (!literal) {
    if (type === undefined) {
      throw new UnsupportedSchemaError(
        "An untyped value (e.g. z.any() or z.unknown()) cannot be described to Anthropic's structured output: give it a type",
        at,
      );
    }
    out.type = type;
  }
  for (const key of ["description", "title"]) {
    if (node[key] !== undefined) out[key] = take(node, key);
  }
  if (type === "object") {
    const properties = take(node, "properties");
    const extra = take(node, "additionalProperties");
    if (isPlainObject(extra)) {
      throw new UnsupportedSchemaError(
        'An object with open keys (a record or map) cannot be expressed: Anthropic\'s structured output takes only additionalProperties: false. Use fixed keys, an array of entries, or structuredOutput "tool"',
        childPointer(at, "additionalProperties"),
      );
    }
    out.properties = Object.fromEntries(
      Object.entries(isPlainObject(properties) ? properties : {}).map(([key, p]) => [
        key,
        transform(p, childPointer(at, "properties", key)),
      ]),
    );
    out.additionalProperties = false;
    if (node.required !== undefined) out.required = take(node, "required");
  } else if (type === "string" && FORMATS.has(node.format as string)) {
    out.format = take(node, "format");
  } else if (type === "array") {
    if (node.items !== undefined)
      out.items = transform(take(node, "items"), childPointer(at, "items"));
    if (node.minItems === 0 || node.minItems === 1) out.minItems = take(node, "minItems");
  }
  // What the API does not enforce (lengths, bounds, patterns...) is kept as words in the
  // description, as the SDK's own transform does; the schema still checks each answer after.
  const rest = Object.entries(node);
  if (rest.length > 0) {
    const words = `{${rest.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ")}}`;
    out.description = out.description === undefined ? words : `${out.description}\n\n${words}`;
  }
  return out;
}

/**
 * The schema as `output_config.format.schema` takes it, for `structuredOutput: "native"`: the
 * JSON-schema subset of Anthropic's structured output, made the way the SDK's
 * `transformJSONSchema` (lib/transform-json-schema, @anthropic-ai/sdk 1.14) makes it: every
 * object closed (`additionalProperties: false`), `oneOf` as `anyOf`, the supported string formats
 * and `minItems` 0 or 1 kept, other constraints moved into the description. Refused here, not
 * hours later: a root that is not an object, untyped values, records, recursive schemas and
 * references outside the schema. Optional properties stay optional: answers need no normalising.
 */
export function prepareAnthropicNativeSchema<T>(
  schema: ResolvedSchema<T>,
): PreparedOutputSchema<T> {
  const root = schema.jsonSchema;
  if (root.type !== "object") {
    throw new UnsupportedSchemaError(
      `The root must be an object schema (type "object") for Anthropic's native structured output, got ${JSON.stringify(root.type) ?? "no type"}: wrap it, e.g. z.object({ result: yourSchema }), and read ".result"`,
      "#",
    );
  }
  const refProblem = findRefProblem(root);
  if (refProblem?.kind === "external") {
    throw new UnsupportedSchemaError(
      `The reference ${JSON.stringify(refProblem.ref)} points outside the schema: Anthropic's structured output takes only local references (#/$defs/...)`,
      refProblem.at,
    );
  }
  if (refProblem) {
    throw new UnsupportedSchemaError(
      `The schema is recursive (${JSON.stringify(refProblem.ref)} refers back to a schema that contains it): Anthropic's native structured output does not take recursive schemas; use structuredOutput "tool"`,
      refProblem.at,
    );
  }
  return { schema, wireSchema: transform(root as JsonSchema, "#"), normalize: identity };
}
