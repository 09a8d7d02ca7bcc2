/**
 * What OpenAI Structured Outputs accepts with `strict: true`, in one place so that a change on
 * OpenAI's side is a one-line edit here.
 *
 * Source: OpenAI API guide "Structured model outputs", section "Supported schemas"
 * (platform.openai.com/docs/guides/structured-outputs#supported-schemas), read 2026: supported
 * types (string, number, boolean, integer, object, array, enum, anyOf), supported string
 * properties (`pattern`, `format` with the nine formats listed below), number properties
 * (`multipleOf`, `maximum`, `exclusiveMaximum`, `minimum`, `exclusiveMinimum`), array properties
 * (`minItems`, `maxItems`), definitions (`$defs`) and recursion (`$ref`, including `"#"`), the
 * limits below, and "not yet supported: allOf, not, dependentRequired, dependentSchemas, if,
 * then, else". Cross-checked against the unsupported-keyword set of the official `openai` npm
 * SDK (6.49.0, `lib/transform`), which also rejects `prefixItems`, `patternProperties`,
 * `propertyNames`, `unevaluated*`, `$dynamicRef` and friends.
 *
 * Keywords outside `kept` that only narrow which values are valid (`minLength`, `uniqueItems`,
 * `default`, unlisted `format` values, ...) are dropped from the wire schema: the model gets a
 * looser schema and the local validator still enforces them on every result. Keywords in
 * `rejected` change the shape of the data, so dropping them would let the model produce
 * something the schema never meant: those raise `UnsupportedSchemaError`.
 */
/** Kept constraints whose values are numbers (bounds and item counts). */
export const NUMERIC_CONSTRAINTS = [
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "minItems",
  "maxItems",
] as const;

export const OPENAI_STRICT_KEYWORDS = {
  /** Kept on the wire schema (everything else is dropped or rejected). */
  kept: [
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "anyOf",
    "enum",
    "const",
    "$ref",
    "$defs",
    "definitions",
    "title",
    "description",
    "pattern",
    "format",
    ...NUMERIC_CONSTRAINTS,
  ],
  /** `format` values OpenAI lists; any other `format` is dropped (validated locally). */
  formats: ["date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"],
  /** Constructs with no strict-mode equivalent: the conversion throws on them. */
  rejected: [
    "patternProperties",
    "propertyNames",
    "if",
    "then",
    "else",
    "not",
    "dependentSchemas",
    "prefixItems",
    "additionalItems",
    "unevaluatedProperties",
    "unevaluatedItems",
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
    "$recursiveAnchor",
  ],
} as const;

/** Size limits from the same section of the guide ("Objects have limitations on nesting depth and size" and the string and enum limits after it). */
export const OPENAI_STRICT_LIMITS = {
  /** "A schema may have up to 5000 object properties total". */
  maxProperties: 5000,
  /** "... with up to 10 levels of nesting": counted in objects, the root object being level 1. */
  maxObjectDepth: 10,
  /** "total string length of all property names, definition names, enum values, and const values". */
  maxTotalStringLength: 120_000,
  /** "up to 1000 enum values across all enum properties". */
  maxEnumValues: 1000,
  /** One string enum with more than `largeEnumThreshold` values may total at most this many characters. */
  maxLargeEnumStringLength: 15_000,
  largeEnumThreshold: 250,
} as const;
