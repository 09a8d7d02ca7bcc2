/**
 * OpenAI rejects a strict structured-output schema when the request runs (in a batch: a 400 in
 * the error file, hours later). The two rules checked here are the ones clients trip over;
 * the wording is the real API's (observed), `param: "response_format"` with a null code is
 * from memory of real replies (unverified).
 */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The strict schema of a request and its name, if the request asked for strict output. */
function strictFormat(body: Record<string, unknown>, endpoint: string) {
  if (endpoint === "/v1/responses") {
    const format = isObject(body.text) ? body.text.format : undefined;
    if (!isObject(format) || format.type !== "json_schema" || format.strict !== true)
      return undefined;
    return { name: String(format.name ?? ""), schema: format.schema, param: "text.format" };
  }
  const format = body.response_format;
  if (!isObject(format) || format.type !== "json_schema" || !isObject(format.json_schema))
    return undefined;
  if (format.json_schema.strict !== true) return undefined;
  return {
    name: String(format.json_schema.name ?? ""),
    schema: format.json_schema.schema,
    param: "response_format",
  };
}

/** Python's tuple repr, which the real messages use for the location: (), ('a',), ('a', 'b'). */
function context(path: string[]): string {
  const parts = path.map((p) => `'${p}'`);
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
}

function firstViolation(schema: unknown, path: string[]): string | undefined {
  if (!isObject(schema)) return undefined;
  if (schema.type === "object" || isObject(schema.properties)) {
    const where = `In context=${context(path)}`;
    if (schema.additionalProperties !== false) {
      return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
    }
    const keys = Object.keys(isObject(schema.properties) ? schema.properties : {});
    // A set: a schema of thousands of properties must not cost properties x required.
    const required = Array.isArray(schema.required) ? new Set(schema.required) : undefined;
    const missing = keys.find((k) => !required?.has(k));
    if (!required || missing !== undefined) {
      const tail = missing === undefined ? "" : ` Missing '${missing}'.`;
      return `${where}, 'required' is required to be supplied and to be an array including every key in properties.${tail}`;
    }
  }
  const children: [string[], unknown][] = [];
  for (const key of ["properties", "$defs", "definitions"]) {
    const group = schema[key];
    if (!isObject(group)) continue;
    for (const [name, sub] of Object.entries(group)) children.push([[...path, key, name], sub]);
  }
  if (schema.items !== undefined) children.push([[...path, "items"], schema.items]);
  for (const key of ["anyOf", "allOf", "oneOf"]) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (const [i, sub] of list.entries()) children.push([[...path, key, String(i)], sub]);
  }
  for (const [childPath, sub] of children) {
    const violation = firstViolation(sub, childPath);
    if (violation) return violation;
  }
  return undefined;
}

export interface SchemaRejection {
  message: string;
  param: string;
}

export function strictSchemaRejection(
  body: Record<string, unknown>,
  endpoint: string,
): SchemaRejection | undefined {
  const format = strictFormat(body, endpoint);
  if (!format) return undefined;
  const violation = firstViolation(format.schema, []);
  if (!violation) return undefined;
  return {
    message: `Invalid schema for response_format '${format.name}': ${violation}`,
    param: format.param,
  };
}
