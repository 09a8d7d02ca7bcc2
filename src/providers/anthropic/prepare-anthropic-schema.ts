import { UnsupportedSchemaError } from "../../errors/unsupported-schema-error.js";
import { effectiveSchema, isPlainObject } from "../../schema/schema-refs.js";
import type { JsonSchema, ResolvedSchema } from "../../schema/types.js";
import type { PreparedOutputSchema } from "../types.js";

const WRAP_HINT =
  'Anthropic tool input must be an object: wrap the schema in one, e.g. z.object({ result: yourSchema }), and read ".result"';

const identity = (value: unknown): unknown => value;

function rootProblem(root: JsonSchema): string | undefined {
  const shape = effectiveSchema(root, root);
  if (shape === undefined) return "a $ref that does not resolve";
  if ("anyOf" in shape || "oneOf" in shape) {
    return "a union (anyOf/oneOf, e.g. a discriminated union)";
  }
  const { type } = shape;
  if (type === "object") return undefined;
  if (type === undefined) {
    return isPlainObject(shape.properties) || Array.isArray(shape.allOf) ? undefined : "untyped";
  }
  return `of type ${JSON.stringify(type)}`;
}

/**
 * The schema becomes a tool's `input_schema`. Anthropic tool schemas are not strict: the JSON
 * Schema goes as it is and answers need no normalising. The one rule is that `input_schema` has
 * `type: "object"` at its top level, so a root that is an object only through `$ref`/`allOf` gets
 * the `type` spelled out, and any other root is refused here rather than hours later.
 */
export function prepareAnthropicSchema<T>(schema: ResolvedSchema<T>): PreparedOutputSchema<T> {
  const root = schema.jsonSchema;
  const problem = rootProblem(root);
  if (problem !== undefined) {
    throw new UnsupportedSchemaError(`The root is ${problem}. ${WRAP_HINT}`, "#");
  }
  const wireSchema = root.type === "object" ? root : { ...root, type: "object" };
  return { schema, wireSchema, normalize: identity };
}
