import { describe, expect, it } from "vitest";
import { z } from "zod";
import { UnsupportedSchemaError } from "../errors/index.js";
import { resolveSchema } from "./resolve-schema.js";
import { toGeminiJsonSchema } from "./to-gemini-json-schema.js";
import type { JsonSchema } from "./types.js";

const wire = (schema: z.ZodType) => toGeminiJsonSchema(resolveSchema(schema).jsonSchema).schema;

function refusal(schema: JsonSchema): UnsupportedSchemaError {
  try {
    toGeminiJsonSchema(schema);
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedSchemaError);
    return error as UnsupportedSchemaError;
  }
  throw new Error("expected UnsupportedSchemaError");
}

describe("toGeminiJsonSchema", () => {
  it("keeps a plain object as it is: optional stays optional, no additionalProperties added", () => {
    const User = z.object({
      name: z.string(),
      age: z.number().int(),
      email: z.string().optional(),
    });
    expect(wire(User)).toEqual({
      type: "object",
      properties: { name: { type: "string" }, age: { type: "integer" }, email: { type: "string" } },
      required: ["name", "age"],
    });
    expect(toGeminiJsonSchema({ type: "object" }).normalize).toBeTypeOf("function");
    const value = { a: null };
    expect(toGeminiJsonSchema({ type: "object" }).normalize(value)).toBe(value);
  });

  it("turns const into a one-value enum and oneOf into anyOf (discriminated unions)", () => {
    const Shape = z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("circle"), r: z.number() }),
      z.object({ kind: z.literal("square"), side: z.number() }),
    ]);
    const schema = wire(Shape);
    expect(schema.oneOf).toBeUndefined();
    expect(schema.anyOf).toEqual([
      {
        type: "object",
        properties: { kind: { type: "string", enum: ["circle"] }, r: { type: "number" } },
        required: ["kind", "r"],
      },
      {
        type: "object",
        properties: { kind: { type: "string", enum: ["square"] }, side: { type: "number" } },
        required: ["kind", "side"],
      },
    ]);
  });

  it("splits enums holding null or booleans into anyOf branches", () => {
    expect(toGeminiJsonSchema({ type: ["string", "null"], enum: ["a", "b", null] }).schema).toEqual(
      {
        anyOf: [{ type: "string", enum: ["a", "b"] }, { type: "null" }],
      },
    );
    expect(toGeminiJsonSchema({ type: "boolean", const: true }).schema).toEqual({
      type: "boolean",
    });
    expect(toGeminiJsonSchema({ enum: [1, 2, "x"] }).schema).toEqual({
      type: ["string", "number"],
      enum: [1, 2, "x"],
    });
    expect(toGeminiJsonSchema({ type: "integer", enum: [1, 2] }).schema).toEqual({
      type: "integer",
      enum: [1, 2],
    });
    expect(refusal({ enum: [{ a: 1 }] }).pointer).toBe("#");
  });

  it("drops value-only keywords the field does not list; keeps bounds, item counts, date formats", () => {
    const schema = wire(
      z.object({
        email: z.email(),
        when: z.iso.datetime(),
        code: z
          .string()
          .min(2)
          .max(5)
          .regex(/^[A-Z]+$/),
        n: z.number().int().gt(0).lt(10),
        tags: z.array(z.string()).min(1).max(3),
        x: z.number().default(1),
      }),
    ).properties as Record<string, JsonSchema>;
    expect(schema.email).toEqual({ type: "string" });
    expect(schema.when).toEqual({ type: "string", format: "date-time" });
    expect(schema.code).toEqual({ type: "string" });
    expect(schema.n).toEqual({ type: "integer", minimum: 1, maximum: 9 });
    expect(schema.tags).toEqual({
      type: "array",
      items: { type: "string" },
      minItems: 1,
      maxItems: 3,
    });
    expect(schema.x).toEqual({ type: "number" });
  });

  it("keeps tuples as prefixItems and records as additionalProperties", () => {
    const schema = wire(
      z.object({
        point: z.tuple([z.number(), z.number()]),
        scores: z.record(z.string(), z.number()),
        byKey: z.record(z.enum(["x", "y"]), z.number()),
      }),
    ).properties as Record<string, JsonSchema>;
    expect(schema.point).toEqual({
      type: "array",
      prefixItems: [{ type: "number" }, { type: "number" }],
      minItems: 2,
      maxItems: 2,
    });
    expect(schema.scores).toEqual({ type: "object", additionalProperties: { type: "number" } });
    // Undeclared required keys are left to the local validator.
    expect(schema.byKey).toEqual({ type: "object", additionalProperties: { type: "number" } });
  });

  it("keeps $defs and $ref, wrapping a described $ref so nothing but $-keys sits beside it", () => {
    const schema = toGeminiJsonSchema({
      type: "object",
      properties: {
        home: { $ref: "#/$defs/Address", description: "where they live" },
        work: { allOf: [{ $ref: "#/$defs/Address" }], title: "Office" },
        other: { $ref: "#/$defs/Address" },
      },
      $defs: { Address: { type: "object", properties: { city: { type: "string" } } } },
    }).schema;
    expect(schema.properties).toEqual({
      home: { anyOf: [{ $ref: "#/$defs/Address" }], description: "where they live" },
      work: { anyOf: [{ $ref: "#/$defs/Address" }], title: "Office" },
      other: { $ref: "#/$defs/Address" },
    });
    expect(schema.$defs).toEqual({
      Address: { type: "object", properties: { city: { type: "string" } } },
    });
  });

  it("moves root draft-07 definitions to $defs and rewrites the references", () => {
    const schema = toGeminiJsonSchema({
      type: "object",
      properties: { a: { $ref: "#/definitions/A" } },
      definitions: { A: { type: "string" } },
    }).schema;
    expect(schema).toEqual({
      type: "object",
      properties: { a: { $ref: "#/$defs/A" } },
      $defs: { A: { type: "string" } },
    });
  });

  it("accepts recursion through an optional property, refuses it through required ones only", () => {
    type Node = { value: string; children?: Node[] };
    const Node: z.ZodType<Node> = z.object({
      value: z.string(),
      children: z.array(z.lazy(() => Node)).optional(),
    });
    expect(() => wire(z.object({ tree: Node }))).not.toThrow();

    type Strict = { value: string; children: Strict[] };
    const StrictNode: z.ZodType<Strict> = z.object({
      value: z.string(),
      children: z.array(z.lazy(() => StrictNode)),
    });
    const error = (() => {
      try {
        wire(z.object({ tree: StrictNode }));
      } catch (e) {
        return e as UnsupportedSchemaError;
      }
    })();
    expect(error).toBeInstanceOf(UnsupportedSchemaError);
    expect(error?.message).toMatch(/must be optional/);
    expect(error?.pointer).toMatch(/^#\/\$defs\/.+\/properties\/children\/items$/);
    // Nullable is not enough, as the field's documentation says.
    expect(() =>
      toGeminiJsonSchema({
        $ref: "#/$defs/N",
        $defs: {
          N: {
            type: "object",
            properties: { next: { anyOf: [{ $ref: "#/$defs/N" }, { type: "null" }] } },
            required: ["next"],
          },
        },
      }),
    ).toThrow(UnsupportedSchemaError);
  });

  it("refuses what Gemini cannot express, with the place", () => {
    expect(
      refusal({ type: "object", properties: { a: { not: { type: "string" } } } }).pointer,
    ).toBe("#/properties/a");
    expect(refusal({ allOf: [{ type: "object" }, { type: "object" }] }).message).toMatch(
      /intersections/,
    );
    expect(refusal({ type: "object", patternProperties: { "^x": {} } }).message).toMatch(
      /patternProperties/,
    );
    expect(refusal(JSON.parse('{"if":{"type":"string"},"then":{"minLength":1}}')).message).toMatch(
      /conditional/,
    );
    expect(refusal({ $ref: "https://example.com/s.json" }).message).toMatch(/local JSON pointer/);
    expect(refusal({ $ref: "#/$defs/Missing" }).message).toMatch(/does not resolve/);
    expect(refusal({ $ref: "#/$defs/A", type: "object", $defs: { A: {} } }).message).toMatch(
      /"\$ref" next to "type"/,
    );
    expect(refusal({ type: "strin" }).message).toMatch(/"type" must be/);
    expect(refusal({ type: "object", properties: { a: false } }).pointer).toBe("#/properties/a");
  });

  it("takes any root type, as Gemini does (no wrapping needed)", () => {
    expect(wire(z.array(z.string()))).toEqual({ type: "array", items: { type: "string" } });
    expect(wire(z.enum(["a", "b"]))).toEqual({ type: "string", enum: ["a", "b"] });
  });
});
