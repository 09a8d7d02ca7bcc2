export { OPENAI_STRICT_KEYWORDS, OPENAI_STRICT_LIMITS } from "./openai-strict-keywords.js";
export {
  type ResolveSchemaOptions,
  resolveSchema,
  SCHEMA_NAME_PATTERN,
  sanitizeSchemaName,
} from "./resolve-schema.js";
export { type OpenAIStrictSchema, toOpenAIStrictSchema } from "./to-openai-strict-schema.js";
export type {
  InferSchemaOutput,
  JsonSchema,
  JsonSchemaWithValidator,
  ResolvedSchema,
  SchemaInput,
  SchemaValidationResult,
} from "./types.js";
