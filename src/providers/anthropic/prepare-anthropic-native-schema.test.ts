import { transformJSONSchema } from "@anthropic-ai/sdk/lib/transform-json-schema";
import { describe, expect, it } from "vitest";
import { UnsupportedSchemaError } from "../../errors/unsupported-schema-error.js";
import { findRefProblem } from "../../schema/local-ref-graph.js";
import type { JsonSchema } from "../../schema/types.js";
import { prepareAnthropicNativeSchema } from "./prepare-anthropic-native-schema.js";

const prepare = (jsonSchema: JsonSchema) =>
  prepareAnthropicNativeSchema({
    name: "user",
    description: undefined,
    jsonSchema,
    validate: (v) => ({ success: true, value: v }),
  }).wireSchema;

function pointerOf(jsonSchema: JsonSchema): string {
  try {
    prepare(jsonSchema);
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedSchemaError);
    return (error as UnsupportedSchemaError).pointer;
  }
  throw new Error("expected an UnsupportedSchemaError");
}

const RICH: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  title: "Invoice",
  properties: {
    id: { type: "string", format: "uuid", pattern: "^[a-f0-9-]+$" },
    total: { type: "number", minimum: 0, description: "In euros" },
    lines: { type: "array", items: { $ref: "#/$defs/line" }, minItems: 1, maxItems: 50 },
    tags: { type: "array", items: { type: "string" }, minItems: 2 },
    kind: { oneOf: [{ type: "string", enum: ["a", "b"] }, { type: "null" }] },
    note: { type: ["string", "null"], maxLength: 10 },
  },
  required: ["id", "total", "lines"],
  $defs: { line: { type: "object", properties: { sku: { type: "string" } } } },
};

describe("prepareAnthropicNativeSchema", () => {
  it("makes exactly what the official SDK's transformJSONSchema makes", () => {
    expect(prepare(RICH)).toEqual(transformJSONSchema(RICH));
    // And leaves the caller's schema as it was.
    expect(RICH.properties).toHaveProperty("total.minimum", 0);
  });

  it("keeps optional properties optional, closes every object, keeps draft-07 definitions", () => {
    const out = prepare({
      type: "object",
      properties: { a: { $ref: "#/definitions/A" }, b: { type: "string" } },
      required: ["a"],
      definitions: { A: { type: "object", properties: { x: { type: "integer" } } } },
    }) as any;
    expect(out.required).toEqual(["a"]);
    expect(out.additionalProperties).toBe(false);
    expect(out.definitions.A).toEqual({
      type: "object",
      properties: { x: { type: "integer" } },
      additionalProperties: false,
    });
  });

  it("refuses what the API cannot take, at its pointer", () => {
    expect(pointerOf({ type: "array", items: { type: "string" } })).toBe("#");
    expect(pointerOf({ type: "object", properties: { x: {} } })).toBe("#/properties/x");
    expect(
      pointerOf({
        type: "object",
        properties: { m: { type: "object", additionalProperties: { type: "string" } } },
      }),
    ).toBe("#/properties/m/additionalProperties");
    expect(
      pointerOf({ type: "object", properties: { r: { $ref: "https://example.com/s.json" } } }),
    ).toBe("#/properties/r");
    expect(
      pointerOf({
        type: "object",
        properties: { n: { $ref: "#/$defs/node" } },
        $defs: {
          node: { type: "object", properties: { next: { $ref: "#/$defs/node" } } },
        },
      }),
    ).toBe("#/$defs/node/properties/next");
  });
});

describe("findRefProblem", () => {
  it("finds a cycle through several definitions, and none in a shared diamond", () => {
    const cycle = findRefProblem({
      $ref: "#/$defs/a",
      $defs: {
        a: { properties: { b: { $ref: "#/$defs/b" } } },
        b: { items: { $ref: "#/$defs/a/properties/b" } },
      },
    });
    expect(cycle).toMatchObject({ kind: "recursive" });
    expect(
      findRefProblem({
        properties: { x: { $ref: "#/$defs/a" }, y: { $ref: "#/$defs/b" } },
        $defs: { a: { $ref: "#/$defs/c" }, b: { $ref: "#/$defs/c" }, c: { type: "string" } },
      }),
    ).toBeUndefined();
  });

  it("stays linear on a long chain of definitions", () => {
    const chain = (n: number) => {
      const defs: JsonSchema = {};
      for (let i = 0; i < n; i++) defs[`d${i}`] = i + 1 < n ? { $ref: `#/$defs/d${i + 1}` } : {};
      return { $ref: "#/$defs/d0", $defs: defs };
    };
    const time = (n: number) => {
      const schema = chain(n);
      const start = performance.now();
      expect(findRefProblem(schema)).toBeUndefined();
      return performance.now() - start;
    };
    time(1_000);
    // A quadratic walk would take ~100x longer for 10x the chain; linear takes ~10x.
    expect(time(40_000)).toBeLessThan(Math.max(20, time(4_000)) * 40);
  });
});
