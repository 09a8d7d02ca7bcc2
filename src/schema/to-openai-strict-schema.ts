import { InvalidArgumentError } from "../errors/index.js";
import { buildNormalizePlan } from "./build-normalize-plan.js";
import { applyPlan } from "./normalize-plan.js";
import { effectiveSchema, isPlainObject } from "./schema-refs.js";
import { StrictConverter } from "./strict-converter.js";
import { checkOpenAIStrictLimits } from "./strict-limits.js";
import { unsupported } from "./strict-rules.js";
import type { JsonSchema } from "./types.js";

/** A schema rewritten for OpenAI strict mode, and the way back for the answers it produces. */
export interface OpenAIStrictSchema {
  /** What goes into `response_format.json_schema.schema` with `strict: true`. */
  schema: JsonSchema;
  /**
   * Maps a parsed answer back to the original schema's shape before validation: a `null` for a
   * property that was optional (and not nullable) in the original schema is removed, so that
   * `.optional()` fields validate as absent. Mutates `value` in place and returns it, which is
   * what a freshly `JSON.parse`d answer wants; pass a copy to keep the original.
   */
  normalize(value: unknown): unknown;
}

const WRAP_HINT =
  'OpenAI strict mode needs an object at the root: wrap the schema in one, e.g. z.object({ result: yourSchema }), and read ".result"';

function describeRoot(root: JsonSchema): string | undefined {
  const shape = effectiveSchema(root, root);
  if (shape === undefined) return "a $ref that does not resolve";
  if ("anyOf" in shape || "oneOf" in shape) {
    return "a union (anyOf/oneOf, e.g. a discriminated union)";
  }
  if (Array.isArray(shape.allOf) && shape.allOf.length > 1) return undefined;
  const { type } = shape;
  if (type === "object") return undefined;
  if (type === undefined) return isPlainObject(shape.properties) ? undefined : "untyped";
  return `of type ${JSON.stringify(type)}`;
}

const identity = (value: unknown): unknown => value;

/**
 * Converts a JSON Schema (draft 2020-12, as `resolveSchema` produces it) to the form OpenAI
 * Structured Outputs accepts with `strict: true`: every property required (optional ones become
 * nullable), `additionalProperties: false` on every object, `oneOf` as `anyOf`, single-member
 * `allOf` inlined, and value-only constraints strict mode lacks dropped (they are still checked
 * by the local validator). Throws `UnsupportedSchemaError`, with a JSON pointer, for what strict
 * mode cannot express. The list of keywords is `OPENAI_STRICT_KEYWORDS`.
 *
 * @example
 * const { schema, normalize } = toOpenAIStrictSchema(resolved.jsonSchema);
 * const result = await resolved.validate(normalize(JSON.parse(content)));
 */
export function toOpenAIStrictSchema(jsonSchema: JsonSchema): OpenAIStrictSchema {
  if (!isPlainObject(jsonSchema)) {
    throw new InvalidArgumentError(
      [{ code: "invalid_schema", path: ["jsonSchema"], message: "expected a JSON Schema object" }],
      { code: "invalid_schema" },
    );
  }
  const rootProblem = describeRoot(jsonSchema);
  if (rootProblem !== undefined) throw unsupported(`the root is ${rootProblem}. ${WRAP_HINT}`, "#");
  const schema = new StrictConverter(jsonSchema).convertRoot();
  if (schema.type !== "object") {
    throw unsupported(
      `the root must be exactly an object, got type ${JSON.stringify(schema.type)}. ${WRAP_HINT}`,
      "#",
    );
  }
  checkOpenAIStrictLimits(schema);
  const plan = buildNormalizePlan(jsonSchema);
  if (plan === null) return { schema, normalize: identity };
  return {
    schema,
    normalize(value) {
      if (typeof value === "object" && value !== null) applyPlan(plan, value);
      return value;
    },
  };
}
