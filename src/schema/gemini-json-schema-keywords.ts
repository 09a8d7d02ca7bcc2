import { UnsupportedSchemaError } from "../errors/index.js";

/**
 * What Gemini's `generationConfig.responseJsonSchema` accepts, from the field's API reference
 * (as shipped in @google/genai 3.3.0's `GenerationConfig.responseJsonSchema` docs): "only the
 * following properties are supported: $id, $defs, $ref, $anchor, type, format, title,
 * description, enum (for strings and numbers), items, prefixItems, minItems, maxItems, minimum,
 * maximum, anyOf, oneOf (interpreted the same as anyOf), properties, additionalProperties,
 * required", "cyclic references are unrolled to a limited degree and, as such, may only be
 * used within non-required properties (nullable properties are not sufficient)", and "if $ref
 * is set on a sub-schema, no other properties, except for those starting as a $, may be set".
 *
 * Everything else that only narrows the valid values (`pattern`, `minLength`, `multipleOf`,
 * `uniqueItems`, `default`, other `format`s, `propertyNames`, ...) is left out of the wire
 * schema and still enforced by the local validator on every answer. `rejected` keywords would
 * leave the model without the shape the schema means, so they raise `UnsupportedSchemaError`.
 */
const CONDITIONAL = "conditional schemas cannot be expressed: use anyOf of complete alternatives";

export const GEMINI_JSON_SCHEMA_KEYWORDS = {
  kept: ["type", "title", "description", "minItems", "maxItems", "minimum", "maximum"],
  formats: ["date-time", "date", "time"],
  /** Keyword and the hint shown when it is refused. */
  rejected: new Map<string, string>([
    ["allOf", "intersections cannot be expressed: merge the members into one object"],
    ["not", "negated schemas cannot be expressed"],
    ["if", CONDITIONAL],
    ["then", CONDITIONAL],
    ["else", CONDITIONAL],
    ["dependentSchemas", "schemas that depend on other keys cannot be expressed"],
    ["patternProperties", "keys matched by pattern cannot be expressed: declare the keys"],
    ["$dynamicRef", "dynamic references are not supported"],
    ["$recursiveRef", "dynamic references are not supported"],
  ]),
} as const;

export function unsupportedByGemini(message: string, pointer: string): UnsupportedSchemaError {
  return new UnsupportedSchemaError(`Gemini responseJsonSchema: ${message}`, pointer);
}
