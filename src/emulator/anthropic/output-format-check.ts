import { DEFINITION_KEYS, findRefProblem } from "../../schema/local-ref-graph.js";
import { isObject } from "../message-text.js";
import type { BlockRejection } from "./image-block-check.js";

/*
 * The JSON-schema subset of Anthropic's structured output, as its structured-outputs guide lists
 * it: no numeric bounds, no string lengths, `minItems` only 0 or 1, no other array bounds,
 * `additionalProperties` only false, the listed string formats, local non-recursive references.
 * The SDK's transformJSONSchema (1.14) writes exactly that subset (it also turns `oneOf` into
 * `anyOf`, so `oneOf` is refused here). Wording "For '<type>' type, property '<kw>' is not
 * supported" is from memory of the real API (unverified); the others are chosen.
 */
const UNSUPPORTED: Record<string, readonly string[]> = {
  number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  integer: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  string: ["minLength", "maxLength"],
  array: ["maxItems", "uniqueItems", "contains", "minContains", "maxContains"],
};
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
const AT = "output_config.format.schema";

function typesOf(node: Record<string, unknown>): string[] {
  const { type } = node;
  if (typeof type === "string") return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === "string") : [];
}

function nodeProblem(node: Record<string, unknown>, path: string): string | undefined {
  for (const type of typesOf(node)) {
    for (const keyword of UNSUPPORTED[type] ?? []) {
      if (keyword in node)
        return `${path}: For '${type}' type, property '${keyword}' is not supported`;
    }
  }
  const { minItems, additionalProperties, format } = node;
  if (minItems !== undefined && minItems !== 0 && minItems !== 1) {
    return `${path}: For 'array' type, 'minItems' values other than 0 or 1 are not supported`;
  }
  if (additionalProperties !== undefined && additionalProperties !== false) {
    return `${path}: For 'object' type, 'additionalProperties' must be explicitly set to false`;
  }
  if (format !== undefined && !FORMATS.has(format as string)) {
    return `${path}: String format '${String(format)}' is not supported`;
  }
  if ("oneOf" in node) return `${path}: 'oneOf' is not supported; use 'anyOf'`;
  return undefined;
}

/** Child schemas, with their paths, in one list (an explicit stack keeps deep schemas safe). */
function children(node: Record<string, unknown>, path: string): [unknown, string][] {
  const out: [unknown, string][] = [];
  for (const key of ["properties", ...DEFINITION_KEYS]) {
    const table = node[key];
    if (isObject(table))
      for (const [k, v] of Object.entries(table)) out.push([v, `${path}.${key}.${k}`]);
  }
  for (const key of ["anyOf", "allOf", "oneOf"]) {
    const list = node[key];
    if (Array.isArray(list))
      for (const [i, v] of list.entries()) out.push([v, `${path}.${key}.${i}`]);
  }
  if (node.items !== undefined) out.push([node.items, `${path}.items`]);
  return out;
}

/** What the API refuses in `output_config`, checked when the request runs; undefined if none. */
export function outputFormatRejection(params: Record<string, unknown>): BlockRejection | undefined {
  const config = params.output_config;
  if (config === undefined) return undefined;
  if (!isObject(config)) {
    return { param: "output_config", message: "output_config: Input should be a valid dictionary" };
  }
  const format = config.format;
  if (format === undefined || format === null) return undefined;
  if (!isObject(format) || format.type !== "json_schema") {
    return {
      param: "output_config.format",
      message: "output_config.format.type: Input should be 'json_schema'",
    };
  }
  if (!isObject(format.schema)) {
    return { param: AT, message: `${AT}: Input should be a valid dictionary` };
  }
  const refs = findRefProblem(format.schema);
  if (refs) {
    const what = refs.kind === "recursive" ? "Recursive schemas are" : "External references are";
    return { param: AT, message: `${AT}: ${what} not supported (${refs.ref} at ${refs.at})` };
  }
  const stack: [unknown, string][] = [[format.schema, AT]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (!isObject(node)) continue;
    const problem = nodeProblem(node, path);
    if (problem) return { param: AT, message: problem };
    for (const child of children(node, path)) stack.push(child);
  }
  return undefined;
}
