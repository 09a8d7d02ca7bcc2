import { describe, expect, it } from "vitest";
import { z } from "zod";
import { UnsupportedSchemaError } from "../errors/index.js";
import { resolveSchema } from "./resolve-schema.js";
import { toOpenAIStrictSchema } from "./to-openai-strict-schema.js";
import type { JsonSchema } from "./types.js";

function rejection(schema: JsonSchema | z.ZodType): UnsupportedSchemaError {
  const json = schema instanceof z.ZodType ? resolveSchema(schema).jsonSchema : schema;
  try {
    toOpenAIStrictSchema(json);
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedSchemaError);
    return error as UnsupportedSchemaError;
  }
  throw new Error("expected toOpenAIStrictSchema to throw");
}

function expectRejected(schema: JsonSchema | z.ZodType, pointer: string, pattern: RegExp): void {
  const error = rejection(schema);
  expect(error.pointer).toBe(pointer);
  expect(error.message).toContain(`(at ${pointer})`);
  expect(error.message).toMatch(pattern);
}

describe("toOpenAIStrictSchema: rejected constructs", () => {
  it("rejects records, loose and catchall objects, and open objects, with their pointer", () => {
    expectRejected(
      z.object({ tags: z.record(z.string(), z.number()) }),
      "#/properties/tags",
      /record/,
    );
    expectRejected(
      z.object({ m: z.looseObject({ a: z.string() }) }),
      "#/properties/m",
      /open object/,
    );
    expectRejected(
      z.object({ m: z.object({ a: z.string() }).catchall(z.number()) }),
      "#/properties/m",
      /additionalProperties/,
    );
    expectRejected(
      { type: "object", properties: { o: { type: "object" } } },
      "#/properties/o",
      /no declared properties/,
    );
    expectRejected(
      {
        type: "object",
        properties: { "a/b": { type: "object", additionalProperties: true, properties: {} } },
      },
      "#/properties/a~1b",
      /open object/,
    );
  });

  it("rejects keyword constructs strict mode cannot express", () => {
    const inObject = (sub: JsonSchema): JsonSchema => ({
      type: "object",
      properties: { x: sub },
      required: ["x"],
    });
    const obj = {
      type: "object",
      properties: { a: { type: "string" } },
      additionalProperties: false,
    };
    expectRejected(
      inObject({ ...obj, patternProperties: { "^a": { type: "string" } } }),
      "#/properties/x",
      /patternProperties/,
    );
    expectRejected(
      inObject({ ...obj, propertyNames: { pattern: "^a" } }),
      "#/properties/x",
      /propertyNames/,
    );
    expectRejected(
      inObject({
        type: "string",
        if: { minLength: 2 },
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword, not a thenable
        then: { pattern: "a" },
      }),
      "#/properties/x",
      /"if".*conditional/,
    );
    expectRejected(inObject({ type: "string", not: { const: "a" } }), "#/properties/x", /"not"/);
    expectRejected(
      inObject({ ...obj, dependentSchemas: { a: { required: ["b"] } } }),
      "#/properties/x",
      /dependentSchemas/,
    );
    expectRejected(
      z.object({ pair: z.tuple([z.string(), z.number()]) }),
      "#/properties/pair",
      /prefixItems.*tuples/,
    );
    expectRejected(inObject({ allOf: [obj, obj] }), "#/properties/x", /allOf with 2 members/);
    expectRejected(z.object({ v: z.any() }), "#/properties/v", /accepts any JSON value/);
    expectRejected(
      z.object({ v: z.unknown().optional() }),
      "#/properties/v",
      /accepts any JSON value/,
    );
    expectRejected(inObject({ type: "array" }), "#/properties/x", /without "items"/);
    expectRejected(
      inObject({ $ref: "other.json#/A" }),
      "#/properties/x",
      /not a local JSON pointer/,
    );
    expectRejected(inObject({ $ref: "#/$defs/Missing" }), "#/properties/x", /does not resolve/);
  });

  it("rejects a non-object root with a hint to wrap it", () => {
    expectRejected(z.array(z.string()), "#", /root is of type "array".*wrap/);
    expectRejected(
      z.discriminatedUnion("k", [z.object({ k: z.literal("a") }), z.object({ k: z.literal("b") })]),
      "#",
      /root is a union.*z\.object\(\{ result: yourSchema \}\)/,
    );
    expectRejected(z.object({ a: z.string() }).nullable(), "#", /root is a union/);
    expectRejected(
      { type: ["object", "null"], properties: { a: { type: "string" } } },
      "#",
      /root/,
    );
  });
});
