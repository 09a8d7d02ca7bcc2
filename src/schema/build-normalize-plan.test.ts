import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { resolveSchema } from "./resolve-schema.js";
import { toOpenAIStrictSchema } from "./to-openai-strict-schema.js";
import type { JsonSchema } from "./types.js";

function pipeline<T>(schema: z.ZodType<T>) {
  const resolved = resolveSchema(schema);
  const { normalize } = toOpenAIStrictSchema(resolved.jsonSchema);
  return { resolved, normalize };
}

const normalizerOf = (jsonSchema: JsonSchema) => toOpenAIStrictSchema(jsonSchema).normalize;

describe("normalize: objects, refs, arrays", () => {
  it("removes null for optional fields and keeps it where the original accepts null", () => {
    const { normalize } = pipeline(
      z.object({
        a: z.string().optional(),
        b: z.string().nullable(),
        c: z.string().nullable().optional(),
        d: z.string(),
      }),
    );
    const value = { a: null, b: null, c: null, d: null };
    expect(normalize(value)).toEqual({ b: null, c: null, d: null });
  });

  it("mutates the parsed value in place and returns it", () => {
    const { normalize } = pipeline(z.object({ a: z.string().optional() }));
    const value = { a: null };
    expect(normalize(value)).toBe(value);
    expect(value).toEqual({});
  });

  it("returns values untouched when the schema has nothing optional", () => {
    const { normalize } = pipeline(z.object({ a: z.string().nullable(), b: z.array(z.number()) }));
    const value = { a: null, b: [1] };
    expect(normalize(value)).toEqual({ a: null, b: [1] });
    expect(normalize("text")).toBe("text");
    expect(normalize(null)).toBe(null);
  });

  it("follows $refs, arrays of objects, nested objects and recursion", () => {
    const Address = z
      .object({ city: z.string(), zip: z.string().optional() })
      .meta({ id: "Address" });
    const Node = z.object({
      label: z.string().optional(),
      get children(): z.ZodArray<typeof Node> {
        return z.array(Node);
      },
    });
    const { normalize } = pipeline(
      z.object({
        home: Address,
        others: z.array(Address),
        nested: z.object({ inner: z.object({ deep: z.number().optional() }) }),
        tree: Node,
      }),
    );
    const value = {
      home: { city: "a", zip: null },
      others: [
        { city: "b", zip: null },
        { city: "c", zip: "1" },
      ],
      nested: { inner: { deep: null } },
      tree: { label: null, children: [{ label: "x", children: [{ label: null, children: [] }] }] },
    };
    expect(normalize(value)).toEqual({
      home: { city: "a" },
      others: [{ city: "b" }, { city: "c", zip: "1" }],
      nested: { inner: {} },
      tree: { children: [{ label: "x", children: [{ children: [] }] }] },
    });
  });

  it("removes null for a field that has a default, so the default applies", () => {
    const { resolved, normalize } = pipeline(z.object({ level: z.number().default(3) }));
    expect(resolved.validate(normalize({ level: null }))).toEqual({
      value: { level: 3 },
    });
  });
});

describe("normalize: unions", () => {
  const Shape = z.object({
    shape: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("circle"), r: z.number(), label: z.string().optional() }),
      z.object({ kind: z.literal("box"), w: z.number(), label: z.string().nullable() }),
    ]),
  });

  it("uses the discriminator to pick the branch whose rules apply", () => {
    const { normalize } = pipeline(Shape);
    expect(normalize({ shape: { kind: "circle", r: 1, label: null } })).toEqual({
      shape: { kind: "circle", r: 1 },
    });
    expect(normalize({ shape: { kind: "box", w: 1, label: null } })).toEqual({
      shape: { kind: "box", w: 1, label: null },
    });
  });

  it("picks the only branch whose keys fit when there is no discriminator", () => {
    const normalize = normalizerOf({
      type: "object",
      properties: {
        u: {
          anyOf: [
            {
              type: "object",
              properties: { a: { type: "string" }, c: { type: "number" } },
              required: ["c"],
            },
            { type: "object", properties: { b: { type: "string" } }, required: ["b"] },
          ],
        },
      },
      required: ["u"],
    });
    expect(normalize({ u: { a: null, c: 1 } })).toEqual({ u: { c: 1 } });
  });

  it("when branches cannot be told apart, removes only nulls that no branch needs", () => {
    const branch = (a: JsonSchema, b: JsonSchema, required: string[]): JsonSchema => ({
      type: "object",
      properties: { a, b, c: { type: "string" } },
      required,
    });
    const normalize = normalizerOf({
      type: "object",
      properties: {
        u: {
          anyOf: [
            branch({ type: "string" }, { type: "string" }, []),
            branch({ type: "number" }, { type: ["number", "null"] }, []),
          ],
        },
      },
      required: ["u"],
    });
    // "a" is optional and non-nullable in both branches; "b" is nullable in the second.
    expect(normalize({ u: { a: null, b: null, c: null } })).toEqual({ u: { b: null } });
  });

  it("follows union branches given as $refs and arrays inside unions", () => {
    const normalize = normalizerOf({
      type: "object",
      properties: {
        items: {
          anyOf: [{ type: "array", items: { $ref: "#/$defs/Item" } }, { type: "string" }],
        },
      },
      required: ["items"],
      $defs: { Item: { type: "object", properties: { note: { type: "string" } } } },
    });
    expect(normalize({ items: [{ note: null }, { note: "n" }] })).toEqual({
      items: [{}, { note: "n" }],
    });
    expect(normalize({ items: "none" })).toEqual({ items: "none" });
  });
});

describe("normalize then validate", () => {
  it("makes the strict-mode answer valid for the original zod schema", () => {
    const Address = z
      .object({ city: z.string(), zip: z.string().optional() })
      .meta({ id: "Address" });
    const Schema = z.object({
      name: z.string(),
      age: z.number().int().optional(),
      nickname: z.string().nullable(),
      addresses: z.array(Address),
      contact: z
        .discriminatedUnion("type", [
          z.object({
            type: z.literal("email"),
            email: z.string(),
            verified: z.boolean().optional(),
          }),
          z.object({ type: z.literal("phone"), phone: z.string() }),
        ])
        .optional(),
    });
    const { resolved, normalize } = pipeline(Schema);
    // What strict mode makes the model produce: every key present, null for absent ones.
    const answer = () => ({
      name: "Ann",
      age: null,
      nickname: null,
      addresses: [{ city: "Oslo", zip: null }],
      contact: { type: "email", email: "a@b.c", verified: null },
    });
    expect(resolved.validate(answer())).toMatchObject({ issues: expect.any(Array) });
    expect(resolved.validate(normalize(answer()))).toEqual({
      value: {
        name: "Ann",
        nickname: null,
        addresses: [{ city: "Oslo" }],
        contact: { type: "email", email: "a@b.c" },
      },
    });
    const noContact = { ...answer(), contact: null };
    expect(resolved.validate(normalize(noContact))).toEqual({ value: expect.anything() });
  });
});

describe("normalize with other Standard JSON Schema libraries", () => {
  it("lets a Valibot schema validate a strict-mode answer", async () => {
    const resolved = resolveSchema(
      toStandardJsonSchema(
        v.object({ name: v.string(), note: v.optional(v.string()), tag: v.nullable(v.string()) }),
      ),
    );
    const { schema, normalize } = toOpenAIStrictSchema(resolved.jsonSchema);
    expect(schema.required).toEqual(["name", "note", "tag"]);
    const answer = { name: "a", note: null, tag: null };
    expect(await resolved.validate(structuredClone(answer))).toMatchObject({
      issues: expect.any(Array),
    });
    // Valibot's own success result passes through, with its extra `typed` flag.
    const checked = await resolved.validate(normalize(answer));
    expect(checked.issues).toBeUndefined();
    expect(checked.issues === undefined && checked.value).toEqual({ name: "a", tag: null });
  });

  it("lets an ArkType schema validate a strict-mode answer", async () => {
    const resolved = resolveSchema(type({ name: "string", "age?": "number" }));
    const { normalize } = toOpenAIStrictSchema(resolved.jsonSchema);
    expect(await resolved.validate({ name: "a", age: null })).toMatchObject({
      issues: expect.any(Array),
    });
    expect(await resolved.validate(normalize({ name: "a", age: null }))).toEqual({
      value: { name: "a" },
    });
  });
});
