import { describe, expect, it } from "vitest";
import { z } from "zod";
import { UnsupportedSchemaError } from "../../errors/unsupported-schema-error.js";
import { resolveSchema } from "../../schema/resolve-schema.js";
import type { JsonSchema } from "../../schema/types.js";
import { prepareAnthropicSchema } from "./prepare-anthropic-schema.js";

const fromJson = (jsonSchema: JsonSchema) =>
  prepareAnthropicSchema(resolveSchema({ jsonSchema, validate: (v) => v }));

describe("prepareAnthropicSchema", () => {
  it("sends an object schema as it is (not strict: optional fields stay optional)", () => {
    const resolved = resolveSchema(z.object({ name: z.string(), nick: z.string().optional() }));
    const prepared = prepareAnthropicSchema(resolved);
    expect(prepared.wireSchema).toBe(resolved.jsonSchema);
    expect(prepared.wireSchema).toMatchObject({ type: "object", required: ["name"] });
    const value = { name: "A", nick: null };
    expect(prepared.normalize(value)).toBe(value);
  });

  it("spells out type object for a root that is an object through $ref", () => {
    const prepared = fromJson({
      $ref: "#/$defs/User",
      $defs: { User: { type: "object", properties: { n: { type: "string" } } } },
    });
    expect(prepared.wireSchema).toMatchObject({ type: "object", $ref: "#/$defs/User" });
  });

  it("refuses a root that is not an object, naming the fix", () => {
    expect(() => fromJson({ type: "array", items: { type: "string" } })).toThrow(
      UnsupportedSchemaError,
    );
    expect(() => fromJson({ type: "string" })).toThrow(/wrap the schema/);
    expect(() => fromJson({ anyOf: [{ type: "object" }, { type: "string" }] })).toThrow(/union/);
    expect(() => fromJson({ $ref: "#/$defs/Missing" })).toThrow(/does not resolve/);
  });
});
