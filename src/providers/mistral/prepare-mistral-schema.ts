import { toOpenAIStrictSchema } from "../../schema/to-openai-strict-schema.js";
import type { JsonSchema, ResolvedSchema } from "../../schema/types.js";
import type { PreparedOutputSchema } from "../types.js";

/**
 * Keywords Mistral's structured output refuses, dropped from the wire schema (the local
 * validator still enforces what they meant on every answer):
 * - `format`: "Received unsupported keyword `format` in schema." (400 invalid_request_error,
 *   quoted in langchain-ai/langchain#29604 for a Pydantic date field).
 * - `$schema`, `$id`: "Grammar error ... failed to compile JSON schema" (BerriAI/litellm#13389,
 *   "their API stopped accepting $id and $schema fields").
 */
const DROPPED = new Set(["format", "$schema", "$id"]);

/**
 * The schema as Mistral's `response_format: { type: "json_schema", json_schema: { name, schema,
 * strict: true } }` takes it. Mistral publishes no list of the keywords its constrained decoding
 * supports, so the schema is first brought to OpenAI's strict subset (every property required,
 * optional ones nullable, `additionalProperties: false`, a root object), which is what strict
 * decoding needs to produce complete objects and what the shapes Mistral's own docs show use
 * (Pydantic/Zod schemas with `required` and `additionalProperties: false`,
 * docs.mistral.ai/capabilities/structured-output/custom_structured_output). What that subset
 * cannot express is refused at construction with `UnsupportedSchemaError`, naming the place.
 */
export function prepareMistralSchema<T>(schema: ResolvedSchema<T>): PreparedOutputSchema<T> {
  const strict = toOpenAIStrictSchema(schema.jsonSchema);
  return { schema, wireSchema: withoutDropped(strict.schema), normalize: strict.normalize };
}

function withoutDropped(node: JsonSchema): JsonSchema {
  // Iterative walk: deep schemas cannot overflow the stack.
  const root = structuredClone(node) as Record<string, unknown>;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      // `properties` maps names to schemas: a property called "format" is kept.
      if (key === "properties" && isRecord(object[key])) {
        stack.push(...Object.values(object[key] as Record<string, unknown>));
        continue;
      }
      if (DROPPED.has(key) && object !== undefined) delete object[key];
      else stack.push(object[key]);
    }
  }
  return root as JsonSchema;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
