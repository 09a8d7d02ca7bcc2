import { OPENAI_STRICT_LIMITS } from "./openai-strict-keywords.js";
import { childPointer, isPlainObject, resolveLocalRef } from "./schema-refs.js";
import { unsupported } from "./strict-rules.js";
import type { JsonSchema } from "./types.js";

function isObjectSchema(node: JsonSchema): boolean {
  const { type } = node;
  return type === "object" || (Array.isArray(type) && type.includes("object"));
}

/** Children of a converted (strict) schema node, which only uses these keywords. */
function* children(node: JsonSchema, ptr: string): Generator<[unknown, string]> {
  if (isPlainObject(node.properties)) {
    for (const [key, child] of Object.entries(node.properties)) {
      yield [child, childPointer(ptr, "properties", key)];
    }
  }
  if (isPlainObject(node.items)) yield [node.items, childPointer(ptr, "items")];
  if (Array.isArray(node.anyOf)) {
    for (const [i, child] of node.anyOf.entries()) yield [child, childPointer(ptr, "anyOf", i)];
  }
}

function stringLength(value: unknown): number {
  return typeof value === "string" ? value.length : 0;
}

/** Counts every node once (definitions included), as OpenAI counts the schema it is sent. */
function checkSizes(schema: JsonSchema): void {
  const limits = OPENAI_STRICT_LIMITS;
  let properties = 0;
  let enumValues = 0;
  let strings = 0;
  const visit = (node: unknown, ptr: string): void => {
    if (!isPlainObject(node)) return;
    if (isPlainObject(node.properties)) {
      for (const key of Object.keys(node.properties)) strings += key.length;
      properties += Object.keys(node.properties).length;
    }
    if (Array.isArray(node.enum)) {
      enumValues += node.enum.length;
      const enumChars = node.enum.reduce((n: number, v) => n + stringLength(v), 0);
      strings += enumChars;
      if (
        node.enum.length > limits.largeEnumThreshold &&
        enumChars > limits.maxLargeEnumStringLength
      ) {
        throw unsupported(
          `an enum of ${node.enum.length} values totalling ${enumChars} characters; OpenAI allows at most ${limits.maxLargeEnumStringLength} characters in an enum of more than ${limits.largeEnumThreshold} values`,
          ptr,
        );
      }
    }
    strings += stringLength(node.const);
    for (const key of ["$defs", "definitions"] as const) {
      const defs = node[key];
      if (!isPlainObject(defs)) continue;
      for (const [name, def] of Object.entries(defs)) {
        strings += name.length;
        visit(def, childPointer(ptr, key, name));
      }
    }
    for (const [child, childPtr] of children(node, ptr)) visit(child, childPtr);
  };
  visit(schema, "#");
  if (properties > limits.maxProperties) {
    throw unsupported(
      `the schema has ${properties} object properties in total; OpenAI allows at most ${limits.maxProperties}`,
      "#",
    );
  }
  if (enumValues > limits.maxEnumValues) {
    throw unsupported(
      `the schema has ${enumValues} enum values in total; OpenAI allows at most ${limits.maxEnumValues}`,
      "#",
    );
  }
  if (strings > limits.maxTotalStringLength) {
    throw unsupported(
      `property names, definition names, enum and const values total ${strings} characters; OpenAI allows at most ${limits.maxTotalStringLength}`,
      "#",
    );
  }
}

/**
 * Follows the schema from the root through `$ref`s. A recursive `$ref` already being followed
 * adds no depth: OpenAI accepts recursion, only the written nesting counts.
 */
function checkDepth(schema: JsonSchema): void {
  const max = OPENAI_STRICT_LIMITS.maxObjectDepth;
  const deepestEntry = new Map<string, number>();
  const active = new Set<string>();
  const visit = (node: unknown, ptr: string, depth: number): void => {
    if (!isPlainObject(node)) return;
    if (typeof node.$ref === "string") {
      const ref = node.$ref;
      if (active.has(ref) || (deepestEntry.get(ref) ?? -1) >= depth) return;
      deepestEntry.set(ref, depth);
      active.add(ref);
      visit(resolveLocalRef(schema, ref), ref, depth);
      active.delete(ref);
      return;
    }
    const level = isObjectSchema(node) ? depth + 1 : depth;
    if (level > max) {
      throw unsupported(
        `objects are nested ${level} levels deep here; OpenAI allows at most ${max} levels of nesting`,
        ptr,
      );
    }
    for (const [child, childPtr] of children(node, ptr)) visit(child, childPtr, level);
  };
  active.add("#");
  visit(schema, "#", 0);
}

/** Throws `UnsupportedSchemaError` when a converted schema exceeds OpenAI's documented limits. */
export function checkOpenAIStrictLimits(schema: JsonSchema): void {
  checkSizes(schema);
  checkDepth(schema);
}
