import type { StandardSchemaV1 } from "@standard-schema/spec";
import { InvalidArgumentError, UnsupportedSchemaError } from "../errors/index.js";
import { isPlainObject, resolveLocalRef } from "./schema-refs.js";
import { cleanJsonSchema } from "./schema-walk.js";
import type {
  JsonSchema,
  JsonSchemaWithValidator,
  ResolvedSchema,
  SchemaInput,
  SchemaValidationResult,
} from "./types.js";
import { failureFromThrown, fromStandardResult, isThenable } from "./validation-result.js";

export interface ResolveSchemaOptions {
  /** Name sent to the provider; must match `^[a-zA-Z0-9_-]{1,64}$`. */
  name?: string;
}

/** What OpenAI accepts as `json_schema.name` (and what the other providers are given too). */
export const SCHEMA_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

const DEFAULT_SCHEMA_NAME = "response";

/** Turns a free-form title into a valid name; undefined when nothing usable is left. */
export function sanitizeSchemaName(raw: unknown): string | undefined {
  if (typeof raw !== "string") return undefined;
  const cleaned = raw
    .trim()
    .replace(/[^a-zA-Z0-9_-]/g, "_")
    .slice(0, 64);
  return cleaned === "" ? undefined : cleaned;
}

/**
 * An explicit name is the caller's choice, so it is checked rather than silently rewritten:
 * a mangled name would be a surprise in the provider's dashboard.
 */
function checkExplicitSchemaName(name: unknown): string {
  if (typeof name === "string" && SCHEMA_NAME_PATTERN.test(name)) return name;
  throw new InvalidArgumentError(
    [
      {
        code: "invalid_schema_name",
        path: ["name"],
        message: `schema name ${JSON.stringify(name)} must match ^[a-zA-Z0-9_-]{1,64}$ (1 to 64 letters, digits, "_" or "-")`,
      },
    ],
    { code: "invalid_schema_name" },
  );
}

/** Picks the first usable name: explicit option, then the schema's title, then the input's own name. */
function pickSchemaName(explicit: unknown, title: unknown, inputName: unknown): string {
  if (explicit !== undefined) return checkExplicitSchemaName(explicit);
  return sanitizeSchemaName(title) ?? sanitizeSchemaName(inputName) ?? DEFAULT_SCHEMA_NAME;
}

type StandardProps = StandardSchemaV1.Props<unknown, unknown> & { jsonSchema?: unknown };

function standardProps(input: unknown): StandardProps | undefined {
  if ((typeof input !== "object" && typeof input !== "function") || input === null) return;
  const props = (input as { "~standard"?: unknown })["~standard"];
  if (!isPlainObject(props) || typeof props.validate !== "function") return;
  return props as unknown as StandardProps;
}

function invalidSchema(message: string): InvalidArgumentError {
  return new InvalidArgumentError([{ code: "invalid_schema", path: ["schema"], message }], {
    code: "invalid_schema",
  });
}

function describeInput(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "an array";
  if (typeof input !== "object") return `a ${typeof input}`;
  const keys = Object.keys(input).slice(0, 5);
  return keys.length === 0 ? "an empty object" : `an object with keys ${keys.join(", ")}`;
}

function jsonSchemaFromStandard(props: StandardProps): JsonSchema {
  const converter = props.jsonSchema as { input?: unknown } | undefined;
  const vendor = typeof props.vendor === "string" ? props.vendor : "unknown";
  if (!isPlainObject(converter) || typeof converter.input !== "function") {
    throw new UnsupportedSchemaError(
      `This ${vendor} schema implements Standard Schema but not Standard JSON Schema, so its JSON Schema cannot be derived: pass { jsonSchema, validate } instead, or use a library that implements Standard JSON Schema (Zod 4, Valibot with @valibot/to-json-schema's toStandardJsonSchema, ArkType)`,
      "#",
    );
  }
  let produced: unknown;
  try {
    // The input side: the model must produce what the schema parses, not what it outputs.
    produced = (converter as { input: (o: { target: string }) => unknown }).input({
      target: "draft-2020-12",
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnsupportedSchemaError(
      `The ${vendor} schema cannot be turned into JSON Schema: ${reason}. Use JSON-representable types (e.g. z.iso.datetime() instead of z.date()), or pass { jsonSchema, validate }`,
      "#",
      { cause: error },
    );
  }
  if (!isPlainObject(produced)) {
    throw new UnsupportedSchemaError(
      `The ${vendor} schema's JSON Schema converter returned ${describeInput(produced)} instead of a JSON Schema object`,
      "#",
    );
  }
  return produced;
}

/** The root's own title/description, or those of the definition a root `$ref` points at. */
function rootAnnotation(schema: JsonSchema, key: "title" | "description"): string | undefined {
  if (typeof schema[key] === "string") return schema[key];
  if (typeof schema.$ref !== "string") return undefined;
  const target = resolveLocalRef(schema, schema.$ref);
  return isPlainObject(target) && typeof target[key] === "string" ? target[key] : undefined;
}

function standardValidator<T>(
  validate: StandardSchemaV1.Props<unknown, T>["validate"],
): (value: unknown) => SchemaValidationResult<T> | Promise<SchemaValidationResult<T>> {
  // Sync results stay sync: this runs once per result line, and a Promise per line is measurable.
  return (value) => {
    const result = validate(value);
    return isThenable(result)
      ? Promise.resolve(result).then(fromStandardResult)
      : fromStandardResult(result);
  };
}

function customValidator<T>(
  validate: JsonSchemaWithValidator<T>["validate"],
): (value: unknown) => SchemaValidationResult<T> | Promise<SchemaValidationResult<T>> {
  return (value) => {
    let out: T | Promise<T>;
    try {
      out = validate(value);
    } catch (error) {
      return failureFromThrown(error);
    }
    if (isThenable(out)) {
      return Promise.resolve(out).then(
        (v): SchemaValidationResult<T> => ({ value: v }),
        failureFromThrown,
      );
    }
    return { value: out };
  };
}

/**
 * Turns what the user passed as a schema into a JSON Schema (the input side, draft 2020-12), a
 * provider-safe name, a description, and a validator.
 *
 * Accepts a Zod 4 schema or any Standard Schema that also implements Standard JSON Schema
 * (Valibot via `toStandardJsonSchema`, ArkType), or `{ jsonSchema, validate, name? }`.
 * Throws `UnsupportedSchemaError` when the schema cannot be expressed as JSON Schema and
 * `InvalidArgumentError` (code `invalid_schema` or `invalid_schema_name`) for anything else.
 *
 * @example
 * const resolved = resolveSchema(z.object({ name: z.string() }), { name: "user" });
 * const check = await resolved.validate(JSON.parse(answer));
 */
export function resolveSchema<T>(
  input: SchemaInput<T>,
  options: ResolveSchemaOptions = {},
): ResolvedSchema<T> {
  const props = standardProps(input);
  let raw: JsonSchema;
  let inputName: unknown;
  let validate: ResolvedSchema<T>["validate"];
  if (props !== undefined) {
    raw = jsonSchemaFromStandard(props);
    // Bound once here, not per call, for libraries whose validate reads `this`.
    const bound = props.validate.bind(props) as StandardSchemaV1.Props<unknown, T>["validate"];
    validate = standardValidator(bound);
  } else if (isPlainObject(input) && "jsonSchema" in input) {
    const custom = input as Partial<JsonSchemaWithValidator<T>>;
    if (!isPlainObject(custom.jsonSchema)) {
      throw invalidSchema(
        `schema.jsonSchema must be a JSON Schema object, got ${describeInput(custom.jsonSchema)}`,
      );
    }
    if (typeof custom.validate !== "function") {
      throw invalidSchema(
        "schema.validate must be a function (value) => T that returns the value or throws; without it results cannot be checked",
      );
    }
    raw = custom.jsonSchema;
    inputName = custom.name;
    validate = customValidator(custom.validate);
  } else {
    throw invalidSchema(
      `expected a Zod 4 schema, a Standard Schema with Standard JSON Schema (Valibot, ArkType), or { jsonSchema, validate }; got ${describeInput(input)}`,
    );
  }
  const jsonSchema = cleanJsonSchema(raw);
  return {
    name: pickSchemaName(options.name, rootAnnotation(jsonSchema, "title"), inputName),
    description: rootAnnotation(jsonSchema, "description"),
    jsonSchema,
    validate,
  };
}
