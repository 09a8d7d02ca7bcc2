import { describe, expect, it } from "vitest";
import { z } from "zod";
import { expectLinear } from "../../../test/support/linear-growth.js";
import { generateFromSchema } from "./schema-answer.js";

/** Generates from the JSON Schema the library would send and checks the answer with the Zod schema. */
function answerFor<T extends z.ZodType>(schema: T, text: string): z.infer<T> {
  const jsonSchema = z.toJSONSchema(schema);
  const value = generateFromSchema(jsonSchema, text);
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(`${JSON.stringify(value)} does not validate: ${parsed.error.message}`);
  return parsed.data;
}

describe("generateFromSchema", () => {
  it("fills nested objects and arrays, all keys present", () => {
    const Schema = z.strictObject({
      person: z.strictObject({
        name: z.string(),
        age: z.int(),
        contact: z.strictObject({ email: z.string() }),
      }),
      tags: z.array(z.string()),
      scores: z.array(z.number()).min(3),
      active: z.boolean(),
    });
    const answer = answerFor(
      Schema,
      "Extract: Mary Ann Lee is 41 years old, mary@lee.dev, scores 7 8 9.5",
    );
    expect(answer.person).toEqual({
      name: "Mary Ann Lee",
      age: 41,
      contact: { email: "mary@lee.dev" },
    });
    expect(answer.scores).toEqual([7, 8, 9.5]);
    expect(answer.tags).toHaveLength(1);
    expect(answer.active).toBe(false);
  });

  it("picks enum values that occur in the text, else the first", () => {
    const Schema = z.strictObject({
      sentiment: z.enum(["positive", "negative", "neutral"]),
      priority: z.enum(["low", "high"]),
      kind: z.literal("ticket"),
    });
    expect(answerFor(Schema, "This is a NEGATIVE review, honestly.")).toEqual({
      sentiment: "negative",
      priority: "low",
      kind: "ticket",
    });
  });

  it("gives null to nullable fields it found nothing for, values to those it did", () => {
    const Schema = z.strictObject({
      name: z.string().nullable(),
      phone: z.string().nullable(),
      age: z.int().nullable(),
      email: z.email().nullable(),
      subscribed: z.boolean().nullable(),
      address: z.strictObject({ street: z.string().nullable() }).nullable(),
    });
    expect(answerFor(Schema, "Ada Lovelace wrote to ada@math.org")).toEqual({
      name: "Ada Lovelace",
      phone: null,
      age: null,
      email: "ada@math.org",
      subscribed: null,
      address: null,
    });
  });

  it("handles anyOf unions", () => {
    const Schema = z.strictObject({
      id: z.union([z.int(), z.string()]),
      contact: z.union([
        z.strictObject({ email: z.string() }),
        z.strictObject({ phone: z.string() }),
      ]),
    });
    expect(answerFor(Schema, "Ticket 1234 from joe@x.com")).toEqual({
      id: 1234,
      contact: { email: "joe@x.com" },
    });
  });

  it("stops $ref recursion to the root with empty arrays and null", () => {
    const Category: z.ZodType<{ name: string; subcategories: unknown[]; parent: unknown }> =
      z.strictObject({
        name: z.string(),
        get subcategories() {
          return z.array(Category);
        },
        get parent() {
          return Category.nullable();
        },
      });
    const answer = answerFor(Category, "Home and garden");
    expect(answer).toEqual({ name: "example name", subcategories: [], parent: null });
  });

  it("stops recursion through $defs and keeps sibling references independent", () => {
    const Node: z.ZodType<{ label: string; children: unknown[] }> = z.strictObject({
      label: z.string(),
      get children() {
        return z.array(Node);
      },
    });
    const Tree = z.strictObject({ left: z.lazy(() => Node), right: z.lazy(() => Node) });
    const schema = z.toJSONSchema(Tree);
    expect(JSON.stringify(schema)).toContain("#/$defs/");
    expect(answerFor(Tree, "")).toEqual({
      left: { label: "example label", children: [] },
      right: { label: "example label", children: [] },
    });
  });

  it("respects bounds, lengths and formats", () => {
    const Schema = z.strictObject({
      rating: z.int().min(1).max(5),
      year: z.int().min(1900),
      code: z.string().min(8),
      short: z.string().max(3),
      when: z.iso.datetime(),
      site: z.url(),
      uid: z.uuid(),
    });
    const answer = answerFor(Schema, "rated 9 out of 10");
    expect(answer.rating).toBe(5);
    expect(answer.year).toBe(1900);
  });

  it("gives each person of a list the next name and e-mail", () => {
    const Schema = z.strictObject({
      people: z
        .array(z.strictObject({ first_name: z.string(), last_name: z.string(), email: z.string() }))
        .min(2),
    });
    expect(answerFor(Schema, "Anna Bell (anna@b.io) met Carl Dunn (carl@d.io).").people).toEqual([
      { first_name: "Anna", last_name: "Bell", email: "anna@b.io" },
      { first_name: "Carl", last_name: "Dunn", email: "carl@d.io" },
    ]);
  });

  it("is deterministic", () => {
    const schema = {
      type: "object",
      properties: { n: { type: "number" } },
      required: ["n"],
      additionalProperties: false,
    };
    expect(generateFromSchema(schema, "3 and 4")).toEqual(generateFromSchema(schema, "3 and 4"));
  });

  it("leaves out optional properties it found nothing for (non-strict schemas)", () => {
    const Schema = z.object({
      name: z.string(),
      email: z.string().optional(),
      nickname: z.string().optional(),
      age: z.int().optional(),
    });
    expect(answerFor(Schema, "Ann Lee wrote from ann@lee.io")).toEqual({
      name: "Ann Lee",
      email: "ann@lee.io",
    });
  });

  it("reads type arrays, const, allOf and OpenAPI nullable", () => {
    const schema = {
      type: "object",
      properties: {
        a: { type: ["integer", "null"] },
        b: { const: 3 },
        c: {
          allOf: [
            { type: "object", properties: { x: { type: "string" } } },
            { properties: { y: { type: "integer" } } },
          ],
        },
        d: { type: "string", nullable: true },
        e: { enum: ["x", null] },
      },
    };
    expect(generateFromSchema(schema, "")).toEqual({
      a: null,
      b: 3,
      c: { x: "example x", y: 0 },
      d: null,
      e: null,
    });
  });

  it("fills many number fields in time linear in the numbers of the text", async () => {
    // One number per item: each item takes the next unused number, never rescanning the used.
    const answer = (n: number) =>
      generateFromSchema(
        { type: "array", items: { type: "integer" }, minItems: n, maxItems: n },
        "7 ".repeat(n),
      ) as number[];
    expect(answer(3)).toEqual([7, 7, 7]);
    await expectLinear(answer, { start: 12_500, maxSmall: 50_000, factor: 8 });
  });
});
