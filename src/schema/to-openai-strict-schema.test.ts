import { toStrictJsonSchema } from "openai/lib/transform";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { resolveSchema } from "./resolve-schema.js";
import { toOpenAIStrictSchema } from "./to-openai-strict-schema.js";
import type { JsonSchema } from "./types.js";

const strictOf = (schema: z.ZodType) =>
  toOpenAIStrictSchema(resolveSchema(schema).jsonSchema).schema;

describe("toOpenAIStrictSchema: objects", () => {
  it("requires every property, making optional ones nullable, and closes every object", () => {
    const schema = strictOf(
      z.object({
        name: z.string(),
        age: z.number().optional(),
        address: z.object({ city: z.string(), zip: z.string().optional() }).optional(),
      }),
    );
    expect(schema).toEqual({
      type: "object",
      properties: {
        name: { type: "string" },
        age: { type: ["number", "null"] },
        address: {
          type: ["object", "null"],
          properties: { city: { type: "string" }, zip: { type: ["string", "null"] } },
          required: ["city", "zip"],
          additionalProperties: false,
        },
      },
      required: ["name", "age", "address"],
      additionalProperties: false,
    });
  });

  it("picks the nullable form that fits each schema, never adding null twice", () => {
    const props = strictOf(
      z.object({
        e: z.enum(["a", "b"]).optional(),
        c: z.literal("x").optional(),
        t: z.union([z.string(), z.number()]).optional(),
        u: z.union([z.string(), z.object({ a: z.string() })]).optional(),
        n: z.string().nullable().optional(),
        no: z.object({ a: z.string() }).nullable().optional(),
        nn: z.string().nullable(),
      }),
    ).properties as Record<string, unknown>;
    expect(props.e).toEqual({ type: ["string", "null"], enum: ["a", "b", null] });
    expect(props.c).toEqual({ anyOf: [{ type: "string", const: "x" }, { type: "null" }] });
    expect(props.t).toEqual({ type: ["string", "number", "null"] });
    expect(props.u).toEqual({
      anyOf: [
        { type: "string" },
        {
          type: "object",
          properties: { a: { type: "string" } },
          required: ["a"],
          additionalProperties: false,
        },
        { type: "null" },
      ],
    });
    expect(props.n).toEqual({ type: ["string", "null"] });
    expect((props.no as { anyOf: unknown[] }).anyOf).toHaveLength(2);
    expect(props.nn).toEqual({ type: ["string", "null"] });
  });

  it("keeps $defs and refs (optional refs wrapped in anyOf), inlines described refs", () => {
    const Address = z
      .object({ city: z.string(), zip: z.string().optional() })
      .meta({ id: "Address" });
    const schema = strictOf(
      z.object({ home: Address, work: Address.optional(), mail: Address.describe("Postal") }),
    );
    const closedAddress = {
      type: "object",
      properties: { city: { type: "string" }, zip: { type: ["string", "null"] } },
      required: ["city", "zip"],
      additionalProperties: false,
    };
    expect(schema.properties).toEqual({
      home: { $ref: "#/$defs/Address" },
      work: { anyOf: [{ $ref: "#/$defs/Address" }, { type: "null" }] },
      mail: { ...closedAddress, description: "Postal" },
    });
    expect(schema.$defs).toEqual({ Address: closedAddress });
  });

  it("keeps recursion through $ref and through the root '#'", () => {
    const Node = z.object({
      value: z.number(),
      get next(): z.ZodOptional<typeof Node> {
        return Node.optional();
      },
    });
    const schema = strictOf(Node);
    expect(schema.properties).toEqual({
      value: { type: "number" },
      next: { anyOf: [{ $ref: "#" }, { type: "null" }] },
    });
    const Tree: z.ZodType = z.object({ kids: z.array(z.lazy(() => Tree)) });
    const viaDefs = strictOf(z.object({ tree: Tree }));
    const treeRef = (viaDefs.properties as { tree: { $ref: string } }).tree.$ref;
    const name = treeRef.replace("#/$defs/", "");
    expect((viaDefs.$defs as Record<string, JsonSchema>)[name]).toEqual({
      type: "object",
      properties: { kids: { type: "array", items: { $ref: treeRef } } },
      required: ["kids"],
      additionalProperties: false,
    });
  });

  it("inlines a root $ref (zod .meta({ id }) on the root) and keeps the definitions", () => {
    const schema = strictOf(
      z.object({ x: z.string().optional() }).meta({ id: "Root", title: "R" }),
    );
    expect(schema).toMatchObject({
      type: "object",
      title: "R",
      properties: { x: { type: ["string", "null"] } },
      required: ["x"],
      additionalProperties: false,
    });
    expect(schema.$defs).toHaveProperty("Root");
    expect(schema).not.toHaveProperty("$ref");
  });

  it("inlines a described recursive $ref once instead of looping", () => {
    const schema = toOpenAIStrictSchema({
      type: "object",
      properties: { name: { type: "string" }, parent: { $ref: "#", description: "Parent" } },
      required: ["name", "parent"],
    }).schema;
    const parent = (schema.properties as Record<string, JsonSchema>).parent as JsonSchema;
    expect(parent).toMatchObject({ type: "object", description: "Parent" });
    expect((parent.properties as Record<string, unknown>).parent).toEqual({ $ref: "#" });
  });

  it("ignores undefined placeholders and drops unevaluatedProperties: false", () => {
    const schema = toOpenAIStrictSchema({
      type: "object",
      properties: { a: { type: "string", anyOf: undefined } },
      required: ["a"],
      additionalProperties: undefined,
      unevaluatedProperties: false,
    }).schema;
    expect(schema).toEqual({
      type: "object",
      properties: { a: { type: "string" } },
      required: ["a"],
      additionalProperties: false,
    });
  });

  it("does not modify the schema it is given", () => {
    const input = resolveSchema(z.object({ a: z.string().optional().describe("A") })).jsonSchema;
    const before = structuredClone(input);
    toOpenAIStrictSchema(input);
    expect(input).toEqual(before);
  });
});

describe("toOpenAIStrictSchema: unions, enums, arrays", () => {
  it("turns oneOf (zod discriminated unions) into anyOf and closes each branch", () => {
    const schema = strictOf(
      z.object({
        shape: z.discriminatedUnion("kind", [
          z.object({ kind: z.literal("circle"), r: z.number() }),
          z.object({ kind: z.literal("box"), w: z.number().optional() }),
        ]),
      }),
    );
    const shape = (schema.properties as Record<string, JsonSchema>).shape as JsonSchema;
    expect(shape).not.toHaveProperty("oneOf");
    expect(shape.anyOf).toEqual([
      {
        type: "object",
        properties: { kind: { type: "string", const: "circle" }, r: { type: "number" } },
        required: ["kind", "r"],
        additionalProperties: false,
      },
      {
        type: "object",
        properties: { kind: { type: "string", const: "box" }, w: { type: ["number", "null"] } },
        required: ["kind", "w"],
        additionalProperties: false,
      },
    ]);
  });

  it("inlines a single-member allOf, keeping its annotations", () => {
    const schema = toOpenAIStrictSchema({
      type: "object",
      properties: { a: { allOf: [{ $ref: "#/$defs/A" }], description: "the A" } },
      required: ["a"],
      $defs: { A: { type: "object", properties: { b: { type: "string" } }, required: ["b"] } },
    }).schema;
    expect((schema.properties as Record<string, unknown>).a).toEqual({
      type: "object",
      properties: { b: { type: "string" } },
      required: ["b"],
      additionalProperties: false,
      description: "the A",
    });
  });

  it("keeps enums, consts, nested arrays and type arrays", () => {
    const schema = strictOf(
      z.object({
        grid: z.array(z.array(z.number().int())),
        level: z.enum(["low", "high"]),
        tag: z.literal("fixed"),
        value: z.union([z.string(), z.number()]),
      }),
    );
    expect(schema.properties).toEqual({
      grid: { type: "array", items: { type: "array", items: { type: "integer" } } },
      level: { type: "string", enum: ["low", "high"] },
      tag: { type: "string", const: "fixed" },
      value: { type: ["string", "number"] },
    });
  });

  it("drops value-only keywords strict mode lacks and keeps the documented ones", () => {
    const schema = toOpenAIStrictSchema({
      type: "object",
      properties: {
        s: { type: "string", minLength: 1, maxLength: 5, pattern: "^a", format: "email" },
        u: { type: "string", format: "uri", default: "x", examples: ["y"] },
        n: { type: "number", minimum: 0, exclusiveMaximum: 9, multipleOf: 3 },
        l: {
          type: "array",
          items: { type: "string" },
          minItems: 1,
          uniqueItems: true,
          contains: { const: "a" },
        },
      },
      required: ["s", "u", "n", "l"],
      minProperties: 1,
      $comment: "x",
    }).schema;
    expect(schema).toEqual({
      type: "object",
      properties: {
        s: { type: "string", pattern: "^a", format: "email" },
        u: { type: "string" },
        n: { type: "number", minimum: 0, exclusiveMaximum: 9, multipleOf: 3 },
        l: { type: "array", items: { type: "string" }, minItems: 1 },
      },
      required: ["s", "u", "n", "l"],
      additionalProperties: false,
    });
  });
});

describe("toOpenAIStrictSchema against the official SDK", () => {
  it("produces a schema the openai SDK's own strict transform accepts unchanged", () => {
    const Address = z
      .object({ city: z.string(), zip: z.string().optional() })
      .meta({ id: "Address" });
    const Node = z.object({
      name: z.string(),
      get kids(): z.ZodOptional<z.ZodArray<typeof Node>> {
        return z.array(Node).optional();
      },
    });
    const wire = strictOf(
      z
        .object({
          email: z.string().min(3).email(),
          age: z.number().int().optional(),
          note: z.string().nullable().optional(),
          level: z.number().default(1),
          kind: z.enum(["a", "b"]).optional(),
          fixed: z.literal("q").optional(),
          home: Address.describe("Home address"),
          work: Address.optional(),
          shape: z
            .discriminatedUnion("k", [
              z.object({ k: z.literal("a"), x: z.number().optional() }),
              z.object({ k: z.literal("b"), y: z.string() }),
            ])
            .optional(),
          tree: Node,
          tags: z.array(z.string()).max(3),
        })
        .meta({ id: "Root" }),
    );
    expect(toStrictJsonSchema(structuredClone(wire) as never)).toEqual(wire);
  });
});
