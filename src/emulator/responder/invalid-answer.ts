import { conversationText } from "./default-responder.js";
import { generateFromSchema } from "./schema-answer.js";
import type { EmulatedRequest } from "./types.js";

type Schema = Record<string, unknown>;

function isRecord(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a root `$ref` (`#/$defs/...`) so the required list of the real root is found. */
function resolveRoot(schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return schema;
  let node: unknown = schema;
  for (const segment of ref.slice(2).split("/")) {
    node = isRecord(node) ? node[segment] : undefined;
  }
  return isRecord(node) ? node : schema;
}

/** A value of another JSON type, so no single-type schema accepts it. */
function otherType(value: unknown): unknown {
  if (typeof value === "string") return 0;
  if (typeof value === "number") return "not a number";
  if (typeof value === "boolean") return "not a boolean";
  if (Array.isArray(value)) return "not an array";
  if (isRecord(value)) return "not an object";
  return 0;
}

/**
 * JSON that parses but breaks the request's schema: the default answer with its first
 * required field removed, or else with its first non-null field's type changed, or else of
 * the wrong type altogether. Undefined when the request has no schema (nothing to break).
 *
 * @example
 * invalidAnswer(request); // '{"age":25,"email":"john@example.com"}' for a required `name`
 */
export function invalidAnswer(request: EmulatedRequest): string | undefined {
  if (!request.jsonSchema) return undefined;
  const root = resolveRoot(request.jsonSchema);
  const value = generateFromSchema(request.jsonSchema, conversationText(request));
  if (!isRecord(value)) return JSON.stringify(otherType(value));
  const required = Array.isArray(root.required) ? root.required : [];
  const missing = required.find(
    (name): name is string => typeof name === "string" && name in value,
  );
  if (missing !== undefined) {
    delete value[missing];
    return JSON.stringify(value);
  }
  const changed = Object.keys(value).find((name) => value[name] !== null);
  if (changed !== undefined) {
    value[changed] = otherType(value[changed]);
    return JSON.stringify(value);
  }
  // An empty object (or only nulls) cannot be broken field by field: an array is no object.
  return "[]";
}
