import type { StandardSchemaV1 } from "@standard-schema/spec";

/** A JSON Schema document (draft 2020-12), as plain data. */
export type JsonSchema = { [key: string]: unknown };

/**
 * Outcome of validating one parsed answer against the user's schema: Standard Schema's own
 * result shape (`issues` present means failure), so a Standard Schema's success result passes
 * through as it is instead of being copied into a wrapper once per result line.
 */
export type SchemaValidationResult<T> =
  | { readonly value: T; readonly issues?: undefined }
  | { readonly issues: { message: string; path: (string | number)[] }[] };

/**
 * A schema given as plain JSON Schema plus a validator: for schema libraries that implement
 * neither Standard Schema nor Standard JSON Schema.
 *
 * @example
 * { jsonSchema: { type: "object", properties: { n: { type: "number" } }, required: ["n"] },
 *   validate: (v) => { if (typeof (v as any)?.n !== "number") throw new Error("n must be a number"); return v as { n: number } } }
 */
export interface JsonSchemaWithValidator<T> {
  jsonSchema: JsonSchema;
  /** Return the validated value, or throw (an error with an `issues` array keeps them). */
  validate: (value: unknown) => T | Promise<T>;
  /** Optional name used for the provider's schema name. */
  name?: string;
}

/**
 * What `BatchProcessor` accepts as a schema: a Zod 4 schema, any Standard Schema that also
 * implements Standard JSON Schema (Valibot, ArkType), or `{ jsonSchema, validate }`.
 */
export type SchemaInput<T = unknown> =
  | (StandardSchemaV1<unknown, T> & {
      readonly "~standard": StandardSchemaV1.Props<unknown, T> & {
        readonly jsonSchema?: unknown;
      };
    })
  | JsonSchemaWithValidator<T>;

/** The output type of a schema input. */
export type InferSchemaOutput<S> =
  S extends StandardSchemaV1<unknown, infer O>
    ? O
    : S extends JsonSchemaWithValidator<infer O>
      ? O
      : never;

/** A schema turned into what the library needs: its JSON Schema, a name, and a validator. */
export interface ResolvedSchema<T> {
  /** Sanitised name matching `[a-zA-Z0-9_-]{1,64}`. */
  name: string;
  /** Optional description (from the schema's top-level `description`). */
  description: string | undefined;
  /** The schema of what the model must produce (the schema's input side), draft 2020-12. */
  jsonSchema: JsonSchema;
  validate(value: unknown): SchemaValidationResult<T> | Promise<SchemaValidationResult<T>>;
}
