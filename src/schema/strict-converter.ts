import {
  acceptsNull,
  childPointer,
  isPlainObject,
  parseLocalRef,
  resolveLocalRef,
} from "./schema-refs.js";
import {
  ANNOTATIONS,
  copyAnnotations,
  FORMATS,
  JSON_TYPES,
  makeNullable,
  NUMERIC_KEPT,
  REJECTED,
  rejectedHint,
  TYPE_DETERMINING,
  unsupported,
} from "./strict-rules.js";
import type { JsonSchema } from "./types.js";

/** Converters may leave `key: undefined` placeholders, which JSON would drop: drop them too. */
function withoutUndefined(node: unknown): unknown {
  if (!isPlainObject(node) || !Object.values(node).includes(undefined)) return node;
  return Object.fromEntries(Object.entries(node).filter(([, value]) => value !== undefined));
}

/**
 * Rewrites one JSON Schema into the subset OpenAI strict mode accepts. Pointers in errors refer
 * to the schema given (`#/properties/tags`), so the user can find the offending part.
 */
export class StrictConverter {
  /** Refs being inlined right now: a recursive described `$ref` stays a plain `$ref` instead of looping. */
  private readonly inlining = new Set<string>();

  constructor(private readonly root: JsonSchema) {}

  /** Converts the root, inlining a root `$ref` (strict mode wants the object itself at the root). */
  convertRoot(): JsonSchema {
    let out = this.convertShape(this.root, "#");
    const seen = new Set<string>();
    while (typeof out.$ref === "string") {
      const ref = out.$ref;
      if (seen.has(ref)) throw unsupported(`the root $ref ${ref} only refers to itself`, "#");
      seen.add(ref);
      out = copyAnnotations(out, { ...this.convertShape(resolveLocalRef(this.root, ref), ref) });
    }
    return this.withDefs(this.root, "#", out);
  }

  /** Converts a node and the definitions it carries. */
  convert(node: unknown, ptr: string): JsonSchema {
    return this.withDefs(node, ptr, this.convertShape(node, ptr));
  }

  private withDefs(node: unknown, ptr: string, out: JsonSchema): JsonSchema {
    if (!isPlainObject(node)) return out;
    for (const key of ["$defs", "definitions"] as const) {
      const defs = node[key];
      if (!isPlainObject(defs)) continue;
      const converted: JsonSchema = {};
      for (const [name, def] of Object.entries(defs)) {
        converted[name] = this.convert(def, childPointer(ptr, key, name));
      }
      out[key] = converted;
    }
    return out;
  }

  private refNode(ref: unknown, ptr: string): { $ref: string } {
    if (typeof ref !== "string" || parseLocalRef(ref) === undefined) {
      throw unsupported(
        `$ref ${JSON.stringify(ref)} is not a local JSON pointer (#/$defs/...); remote and anchor references are not supported`,
        ptr,
      );
    }
    if (resolveLocalRef(this.root, ref) === undefined) {
      throw unsupported(`$ref ${ref} does not resolve to a schema`, ptr);
    }
    return { $ref: ref };
  }

  /**
   * Strict mode takes no keyword beside `$ref`, so a `$ref` that carries a title or description
   * is replaced by its converted target to keep them (the model reads descriptions).
   */
  private describedRef(ref: unknown, source: JsonSchema, ptr: string): JsonSchema {
    const plain = this.refNode(ref, ptr);
    const described = ANNOTATIONS.some((k) => typeof source[k] === "string");
    if (!described || this.inlining.has(plain.$ref)) return plain;
    this.inlining.add(plain.$ref);
    try {
      const target = this.convertShape(resolveLocalRef(this.root, plain.$ref), plain.$ref);
      if (typeof target.$ref === "string") {
        return this.describedRef(target.$ref, copyAnnotations(source, { ...target }), ptr);
      }
      return copyAnnotations(source, { ...target });
    } finally {
      this.inlining.delete(plain.$ref);
    }
  }

  private convertShape(raw: unknown, ptr: string): JsonSchema {
    const node = withoutUndefined(raw);
    if (node === true || (isPlainObject(node) && this.acceptsAnything(node))) {
      throw unsupported(
        "this schema accepts any JSON value (an empty schema, z.any() or z.unknown()); strict mode needs a type for every value",
        ptr,
      );
    }
    if (node === false) throw unsupported("this schema accepts no value at all", ptr);
    if (!isPlainObject(node)) throw unsupported("expected a JSON Schema object", ptr);
    this.checkRejected(node, ptr);
    if (Array.isArray(node.allOf) && node.allOf.length > 0) return this.convertAllOf(node, ptr);
    if ("$ref" in node) {
      this.checkNoShapeSiblings(node, "$ref", ptr);
      return this.describedRef(node.$ref, node, ptr);
    }
    if ("anyOf" in node || "oneOf" in node) return this.convertUnion(node, ptr);
    return this.convertPlain(node, ptr);
  }

  private acceptsAnything(node: JsonSchema): boolean {
    return !Object.keys(node).some((k) => TYPE_DETERMINING.has(k) || REJECTED.has(k));
  }

  private checkRejected(node: JsonSchema, ptr: string): void {
    if ("additionalProperties" in node && node.additionalProperties !== false) {
      throw unsupported(
        "this is an open object or record (additionalProperties is not false, as with z.record(), .catchall() or .loose()); strict mode only accepts objects whose keys are all declared: declare the keys, or use an array of { key, value } objects",
        ptr,
      );
    }
    for (const key of Object.keys(node)) {
      if (!REJECTED.has(key)) continue;
      // `false` only forbids what strict mode already forbids, so it can simply go.
      if ((key === "unevaluatedProperties" || key === "unevaluatedItems") && node[key] === false)
        continue;
      throw unsupported(`"${key}" is not supported${rejectedHint(key)}`, ptr);
    }
    const deps = node.dependencies;
    if (isPlainObject(deps) && Object.values(deps).some((d) => !Array.isArray(d))) {
      throw unsupported(`"dependencies" with schemas is not supported`, ptr);
    }
    if (Array.isArray(node.items)) {
      throw unsupported(
        `tuple-form "items" is not supported: use an array of one item type, or an object with named fields`,
        ptr,
      );
    }
    if (node.items === false)
      throw unsupported(`"items: false" (an always-empty array) is not supported`, ptr);
    if (typeof node.$id === "string" && ptr !== "#") {
      throw unsupported(`a nested "$id" (a separate schema resource) is not supported`, ptr);
    }
  }

  private convertAllOf(node: JsonSchema, ptr: string): JsonSchema {
    const members = node.allOf as unknown[];
    if (members.length > 1) {
      throw unsupported(
        `allOf with ${members.length} members (an intersection) is not supported: merge them into one object (e.g. A.extend(B.shape))`,
        ptr,
      );
    }
    this.checkNoShapeSiblings(node, "allOf", ptr);
    const member = this.convert(members[0], childPointer(ptr, "allOf", 0));
    if (typeof member.$ref === "string") {
      return this.describedRef(member.$ref, copyAnnotations(node, { ...member }), ptr);
    }
    return copyAnnotations(node, member);
  }

  private convertUnion(node: JsonSchema, ptr: string): JsonSchema {
    if ("anyOf" in node && "oneOf" in node)
      throw unsupported("anyOf and oneOf on the same schema are not supported", ptr);
    const keyword = "anyOf" in node ? "anyOf" : "oneOf";
    const branches = node[keyword];
    if (!Array.isArray(branches) || branches.length === 0) {
      throw unsupported(`${keyword} must be a non-empty array`, ptr);
    }
    this.checkNoShapeSiblings(node, keyword, ptr);
    // oneOf becomes anyOf: strict mode has no oneOf, and the local validator still enforces exclusivity.
    const anyOf = branches.map((b, i) => this.convert(b, childPointer(ptr, keyword, i)));
    return copyAnnotations(node, { anyOf });
  }

  private checkNoShapeSiblings(node: JsonSchema, keyword: string, ptr: string): void {
    const sibling = Object.keys(node).find((k) => k !== keyword && TYPE_DETERMINING.has(k));
    if (sibling !== undefined) {
      throw unsupported(
        `"${keyword}" next to "${sibling}" is not supported: move "${sibling}" into the ${keyword} member(s)`,
        ptr,
      );
    }
  }

  private convertPlain(node: JsonSchema, ptr: string): JsonSchema {
    const out: JsonSchema = {};
    const types = this.typesOf(node, ptr);
    if (types.length > 0) out.type = Array.isArray(node.type) ? [...types] : types[0];
    if (Array.isArray(node.enum)) out.enum = node.enum;
    if ("const" in node) out.const = node.const;
    copyAnnotations(node, out);
    if (typeof node.pattern === "string") out.pattern = node.pattern;
    if (typeof node.format === "string" && FORMATS.has(node.format)) out.format = node.format;
    for (const key of NUMERIC_KEPT) if (typeof node[key] === "number") out[key] = node[key];
    if (types.includes("object")) this.convertObject(node, ptr, out);
    if (types.includes("array")) {
      if (node.items === undefined) {
        throw unsupported(
          `an array without "items" (an array of anything) is not supported: give its item type`,
          ptr,
        );
      }
      out.items = this.convert(node.items, childPointer(ptr, "items"));
    }
    return out;
  }

  private typesOf(node: JsonSchema, ptr: string): string[] {
    const { type } = node;
    if (type === undefined) {
      if (["properties", "required", "additionalProperties"].some((k) => k in node))
        return ["object"];
      return "items" in node ? ["array"] : [];
    }
    const types = Array.isArray(type) ? type : [type];
    const bad = types.find((t) => typeof t !== "string" || !JSON_TYPES.has(t));
    if (types.length === 0 || bad !== undefined) {
      throw unsupported(
        `"type" must be one or more of ${[...JSON_TYPES].join(", ")}; got ${JSON.stringify(type)}`,
        ptr,
      );
    }
    return types as string[];
  }

  private convertObject(node: JsonSchema, ptr: string, out: JsonSchema): void {
    const properties = node.properties ?? {};
    if (!isPlainObject(properties)) throw unsupported(`"properties" must be an object`, ptr);
    const keys = Object.keys(properties);
    if (keys.length === 0 && node.additionalProperties !== false) {
      throw unsupported(
        "an object with no declared properties is an open object (any keys); strict mode needs its keys declared",
        ptr,
      );
    }
    const required = node.required ?? [];
    if (!Array.isArray(required) || required.some((k) => typeof k !== "string")) {
      throw unsupported(`"required" must be an array of property names`, ptr);
    }
    const missing = required.find((k) => !Object.hasOwn(properties, k));
    if (missing !== undefined)
      throw unsupported(`"required" lists "${missing}", which is not in "properties"`, ptr);
    const requiredSet = new Set<string>(required);
    const converted: JsonSchema = {};
    for (const key of keys) {
      const original = properties[key];
      const wire = this.convert(original, childPointer(ptr, "properties", key));
      // Strict mode requires every key, so "may be absent" becomes "may be null"; normalize() undoes it.
      converted[key] =
        requiredSet.has(key) || acceptsNull(original, this.root) ? wire : makeNullable(wire);
    }
    out.properties = converted;
    out.required = keys;
    out.additionalProperties = false;
  }
}
