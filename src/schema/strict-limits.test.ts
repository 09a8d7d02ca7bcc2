import { describe, expect, it } from "vitest";
import { z } from "zod";
import { UnsupportedSchemaError } from "../errors/index.js";
import { resolveSchema } from "./resolve-schema.js";
import { toOpenAIStrictSchema } from "./to-openai-strict-schema.js";
import type { JsonSchema } from "./types.js";

const strictOf = (schema: z.ZodType) =>
  toOpenAIStrictSchema(resolveSchema(schema).jsonSchema).schema;

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

describe("toOpenAIStrictSchema: OpenAI size limits", () => {
  it("rejects objects nested more than 10 levels deep, pointing at the 11th", () => {
    let deep: z.ZodType = z.object({ leaf: z.string() });
    for (let i = 0; i < 9; i++) deep = z.object({ c: deep });
    expect(() => strictOf(deep)).not.toThrow();
    const tooDeep = z.object({ c: deep });
    const error = rejection(tooDeep);
    expect(error.pointer).toBe(`#${"/properties/c".repeat(10)}`);
    expect(error.message).toMatch(/nested 11 levels.*at most 10/);
  });

  it("rejects more than 5000 properties and more than 1000 enum values in total", () => {
    const wide = (n: number): JsonSchema => ({
      type: "object",
      properties: Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`p${i}`, { type: "string" }]),
      ),
      required: [],
    });
    expect(() => toOpenAIStrictSchema(wide(5000))).not.toThrow();
    expectRejected(wide(5001), "#", /5001 object properties.*at most 5000/);
    const enumOf = (n: number) => ({
      type: "string",
      enum: Array.from({ length: n }, (_, i) => `v${i}`),
    });
    const enums: JsonSchema = {
      type: "object",
      properties: { a: enumOf(600), b: enumOf(401) },
      required: ["a", "b"],
    };
    expectRejected(enums, "#", /1001 enum values.*at most 1000/);
    const long = {
      type: "string",
      enum: Array.from({ length: 251 }, (_, i) => `${i}`.padEnd(60, "x")),
    };
    expectRejected(
      { type: "object", properties: { big: long }, required: ["big"] },
      "#/properties/big",
      /251 values totalling 15060 characters/,
    );
  });
});
