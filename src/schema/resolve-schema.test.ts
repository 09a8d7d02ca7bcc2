import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { InvalidArgumentError, UnsupportedSchemaError } from "../errors/index.js";
import { resolveSchema, sanitizeSchemaName } from "./resolve-schema.js";
import type { ResolvedSchema, SchemaInput } from "./types.js";

describe("resolveSchema with zod", () => {
  const User = z
    .object({
      name: z.string(),
      age: z.number().int().optional(),
      nickname: z.string().nullable(),
      role: z.enum(["admin", "user"]).default("user"),
    })
    .meta({ title: "User record", description: "A person" });

  it("produces the input-side JSON Schema without $schema or safe-integer noise", () => {
    const resolved = resolveSchema(User);
    expect(resolved.jsonSchema).toEqual({
      type: "object",
      title: "User record",
      description: "A person",
      properties: {
        name: { type: "string" },
        age: { type: "integer" },
        nickname: { type: ["string", "null"] },
        role: { type: "string", enum: ["admin", "user"], default: "user" },
      },
      required: ["name", "nickname"],
    });
    expect(resolved.description).toBe("A person");
    expect(resolved.name).toBe("User_record");
  });

  it("types the validated value as the schema's output", () => {
    expectTypeOf(resolveSchema(User)).toEqualTypeOf<ResolvedSchema<z.output<typeof User>>>();
    const custom = resolveSchema({ jsonSchema: {}, validate: (x) => x as { n: number } });
    expectTypeOf(custom).toEqualTypeOf<ResolvedSchema<{ n: number }>>();
  });

  it("keeps integer bounds that are not zod's safe-integer noise", () => {
    const resolved = resolveSchema(z.object({ n: z.number().int().min(1), m: z.int32() }));
    expect(resolved.jsonSchema.properties).toEqual({
      n: { type: "integer", minimum: 1 },
      m: { type: "integer", minimum: -2147483648, maximum: 2147483647 },
    });
  });

  it("validates synchronously, applying defaults, and reports issues with paths", () => {
    const resolved = resolveSchema(User);
    expect(resolved.validate({ name: "Ann", nickname: null })).toEqual({
      value: { name: "Ann", nickname: null, role: "user" },
    });
    const bad = resolved.validate({ name: 3, nickname: null, age: 1.5 });
    expect(bad).not.toBeInstanceOf(Promise);
    expect(bad).toMatchObject({ issues: expect.any(Array) });
    const paths = (bad as { issues: { path: unknown[] }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining([["name"], ["age"]]));
  });

  it("handles discriminated unions, recursive getters and .meta({ id }) references", () => {
    const Address = z.object({ city: z.string() }).meta({ id: "Address" });
    const Category = z.object({
      name: z.string(),
      get children(): z.ZodArray<typeof Category> {
        return z.array(Category);
      },
    });
    const Shape = z.object({
      shape: z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("circle"), r: z.number() }),
        z.object({ kind: z.literal("square"), side: z.number() }),
      ]),
      home: Address,
      work: Address.optional(),
      category: Category,
    });
    const resolved = resolveSchema(Shape);
    const props = resolved.jsonSchema.properties as Record<string, any>;
    expect(props.shape.oneOf).toHaveLength(2);
    expect(props.home).toEqual({ $ref: "#/$defs/Address" });
    expect(resolved.jsonSchema.$defs).toMatchObject({ Address: { type: "object" } });
    const categoryRef = props.category.$ref as string;
    const category = (resolved.jsonSchema.$defs as any)[categoryRef.replace("#/$defs/", "")];
    expect(category.properties.children.items).toEqual({ $ref: categoryRef });
    const ok = resolved.validate({
      shape: { kind: "square", side: 2 },
      home: { city: "Oslo" },
      category: { name: "a", children: [{ name: "b", children: [] }] },
    });
    expect(ok).toEqual({ value: expect.anything() });
  });

  it("rejects z.date() with UnsupportedSchemaError naming zod's reason and keeping the cause", () => {
    let error: unknown;
    try {
      resolveSchema(z.object({ at: z.date() }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsupportedSchemaError);
    expect((error as Error).message).toMatch(/Date cannot be represented in JSON Schema/);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it("looks through a root $ref for the name and description", () => {
    const resolved = resolveSchema(
      z.object({ x: z.string() }).meta({ id: "Root", title: "Root thing", description: "d" }),
    );
    expect(resolved.jsonSchema.$ref).toBe("#/$defs/Root");
    expect(resolved.name).toBe("Root_thing");
    expect(resolved.description).toBe("d");
  });
});

describe("resolveSchema with { jsonSchema, validate }", () => {
  const jsonSchema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: { n: { type: "number" } },
    required: ["n"],
  };

  it("returns the validator's value and strips $schema without touching the caller's object", () => {
    const resolved = resolveSchema({ jsonSchema, validate: (x) => ({ ...(x as object), ok: 1 }) });
    expect(resolved.validate({ n: 1 })).toEqual({ value: { n: 1, ok: 1 } });
    expect(resolved.jsonSchema).not.toHaveProperty("$schema");
    expect(jsonSchema).toHaveProperty("$schema");
    expect(resolved.name).toBe("response");
  });

  it("turns a thrown error into one issue at the root", () => {
    const resolved = resolveSchema({
      jsonSchema,
      validate: () => {
        throw new Error("n must be a number");
      },
    });
    expect(resolved.validate({})).toEqual({
      issues: [{ message: "n must be a number", path: [] }],
    });
  });

  it("keeps the issues array of a thrown error, including zod's", () => {
    const resolved = resolveSchema({
      jsonSchema,
      validate: (x) => z.object({ n: z.number() }).parse(x),
    });
    expect(resolved.validate({ n: "1" })).toEqual({
      issues: [{ message: "Invalid input: expected number, received string", path: ["n"] }],
    });
  });

  it("awaits async validators, resolved and rejected", async () => {
    const ok = resolveSchema({ jsonSchema, validate: async (x) => x as { n: number } });
    const no = resolveSchema({
      jsonSchema,
      validate: async () => {
        throw Object.assign(new Error("bad"), { issues: [{ message: "too big", path: ["n"] }] });
      },
    });
    await expect(ok.validate({ n: 1 })).resolves.toEqual({ value: { n: 1 } });
    await expect(no.validate({ n: 1 })).resolves.toEqual({
      issues: [{ message: "too big", path: ["n"] }],
    });
  });

  it("uses the input's name, sanitised, when the schema has no title", () => {
    const resolved = resolveSchema({ jsonSchema, validate: (x) => x, name: "my schema.v2" });
    expect(resolved.name).toBe("my_schema_v2");
  });

  it("rejects a missing validate function or a non-object jsonSchema", () => {
    const noValidate = { jsonSchema } as unknown as SchemaInput;
    expect(() => resolveSchema(noValidate)).toThrow(/validate must be a function/);
    const badSchema = { jsonSchema: "x", validate: (x: unknown) => x } as unknown as SchemaInput;
    expect(() => resolveSchema(badSchema)).toThrow(InvalidArgumentError);
  });
});

describe("resolveSchema with other Standard JSON Schema libraries", () => {
  it("accepts Valibot through toStandardJsonSchema and flattens { key } path segments", async () => {
    const schema = toStandardJsonSchema(
      v.object({ name: v.string(), tags: v.array(v.string()), note: v.optional(v.string()) }),
    );
    const resolved = resolveSchema(schema);
    expect(resolved.jsonSchema).toEqual({
      type: "object",
      properties: {
        name: { type: "string" },
        tags: { type: "array", items: { type: "string" } },
        note: { type: "string" },
      },
      required: ["name", "tags"],
    });
    const result = await resolved.validate({ name: "a", tags: ["x", 2] });
    expect(result).toEqual({
      issues: [{ message: expect.stringContaining("Expected string"), path: ["tags", 1] }],
    });
  });

  it("accepts ArkType types (functions carrying ~standard)", async () => {
    const T = type({ name: "string", "age?": "number" });
    const resolved = resolveSchema(T);
    expect(resolved.jsonSchema).toMatchObject({
      type: "object",
      properties: { name: { type: "string" }, age: { type: "number" } },
      required: ["name"],
    });
    expect(await resolved.validate({ name: "a" })).toEqual({ value: { name: "a" } });
    const bad = await resolved.validate({ name: 1 });
    expect(bad).toMatchObject({ issues: [{ path: ["name"] }] });
  });

  it("accepts any Standard JSON Schema, calling its methods on their object, async validate included", async () => {
    class Handmade {
      readonly schema = { type: "object", properties: { n: { type: "number" } }, required: ["n"] };
      readonly message = "n must be a number";
      readonly "~standard" = {
        version: 1 as const,
        vendor: "handmade",
        owner: this,
        jsonSchema: {
          owner: this,
          input(this: { owner: Handmade }) {
            return this.owner.schema;
          },
          output(this: { owner: Handmade }) {
            return this.owner.schema;
          },
        },
        async validate(this: { owner: Handmade }, value: unknown) {
          if (typeof (value as { n?: unknown }).n === "number")
            return { value: value as { n: number } };
          return {
            issues: [{ message: this.owner.message, path: [{ key: "n" }, Symbol("s"), 0] }],
          };
        },
      };
    }
    const resolved = resolveSchema(new Handmade() as unknown as SchemaInput<{ n: number }>);
    expect(resolved.jsonSchema).toEqual(new Handmade().schema);
    await expect(resolved.validate({ n: 1 })).resolves.toEqual({ value: { n: 1 } });
    await expect(resolved.validate({})).resolves.toEqual({
      issues: [{ message: "n must be a number", path: ["n", "s", 0] }],
    });
  });

  it("rejects a Standard Schema without Standard JSON Schema, saying what to do instead", () => {
    const plain = {
      "~standard": { version: 1, vendor: "acme", validate: (x: unknown) => ({ value: x }) },
    } as unknown as SchemaInput;
    expect(() => resolveSchema(plain)).toThrow(UnsupportedSchemaError);
    expect(() => resolveSchema(plain)).toThrow(/acme.*\{ jsonSchema, validate \}/);
  });
});

describe("resolveSchema arguments and names", () => {
  it("rejects anything that is not a schema with code invalid_schema", () => {
    for (const input of [null, 42, "x", { validate: () => 1 }, []]) {
      let error: unknown;
      try {
        resolveSchema(input as unknown as SchemaInput);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).code).toBe("invalid_schema");
    }
  });

  it("uses a valid explicit name as is and rejects an invalid one naming the rule", () => {
    const schema = z.object({ a: z.string() }).meta({ title: "Ignored" });
    expect(resolveSchema(schema, { name: "extract-v1" }).name).toBe("extract-v1");
    expect(() => resolveSchema(schema, { name: "has space" })).toThrow(
      /\^\[a-zA-Z0-9_-\]\{1,64\}\$/,
    );
    expect(() => resolveSchema(schema, { name: "x".repeat(65) })).toThrow(InvalidArgumentError);
    expect(() => resolveSchema(schema, { name: "" })).toThrow(InvalidArgumentError);
  });

  it("sanitises titles: invalid characters become _, cut to 64", () => {
    expect(sanitizeSchemaName("Invoice (v2)/line")).toBe("Invoice__v2__line");
    expect(sanitizeSchemaName("é".repeat(80))).toBe("_".repeat(64));
    expect(sanitizeSchemaName("")).toBeUndefined();
    expect(sanitizeSchemaName(7)).toBeUndefined();
    expect(resolveSchema(z.object({ a: z.string() })).name).toBe("response");
  });
});
