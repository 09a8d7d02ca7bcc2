import type { PreparedOutputSchema } from "../types.js";

/**
 * The structured-output schema both OpenAI endpoints send, strict: Chat Completions as
 * `response_format.json_schema`, the Responses API as `text.format` (with `type` beside it).
 */
export function strictJsonSchema(output: PreparedOutputSchema<unknown>): Record<string, unknown> {
  return {
    name: output.schema.name,
    ...(output.schema.description !== undefined && { description: output.schema.description }),
    schema: output.wireSchema,
    strict: true,
  };
}
