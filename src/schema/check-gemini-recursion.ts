import { unsupportedByGemini } from "./gemini-json-schema-keywords.js";
import { childPointer, isPlainObject, resolveLocalRef } from "./schema-refs.js";
import type { JsonSchema } from "./types.js";

/**
 * Gemini unrolls recursion a few levels deep and then drops the reference, which only works
 * where the value may be left out: every cycle of `$ref`s must pass a non-required property.
 */
export function checkGeminiRecursion(schema: JsonSchema): void {
  // For each referenced schema, the refs reachable from it without crossing an optional property.
  const edges = new Map<string, Map<string, string>>();
  const collect = (node: unknown, ptr: string, out: Map<string, string>): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) collect(node[i], childPointer(ptr, i), out);
      return;
    }
    if (!isPlainObject(node)) return;
    if (typeof node.$ref === "string") {
      if (!out.has(node.$ref)) out.set(node.$ref, ptr);
      return;
    }
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    if (isPlainObject(node.properties)) {
      for (const [name, sub] of Object.entries(node.properties)) {
        if (required.has(name)) collect(sub, childPointer(ptr, "properties", name), out);
      }
    }
    for (const key of ["items", "prefixItems", "anyOf"]) {
      if (node[key] !== undefined) collect(node[key], childPointer(ptr, key), out);
    }
  };
  const refsFrom = (ref: string): Map<string, string> => {
    let out = edges.get(ref);
    if (out === undefined) {
      out = new Map();
      edges.set(ref, out);
      collect(resolveLocalRef(schema, ref), ref, out);
    }
    return out;
  };
  const state = new Map<string, "visiting" | "done">();
  const visit = (ref: string, usedAt: string): void => {
    if (state.get(ref) === "done") return;
    if (state.get(ref) === "visiting") {
      throw unsupportedByGemini(
        `${ref} refers back to itself through required properties only; Gemini unrolls recursion to a limited depth, so the recursive field must be optional (e.g. children: z.array(Node).optional())`,
        usedAt,
      );
    }
    state.set(ref, "visiting");
    for (const [next, at] of refsFrom(ref)) visit(next, at);
    state.set(ref, "done");
  };
  const all = new Map<string, string>();
  const gather = (node: unknown, ptr: string): void => {
    if (!isPlainObject(node) && !Array.isArray(node)) return;
    if (!Array.isArray(node) && typeof node.$ref === "string" && !all.has(node.$ref)) {
      all.set(node.$ref, ptr);
    }
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === "object" && value !== null) gather(value, childPointer(ptr, key));
    }
  };
  gather(schema, "#");
  for (const [ref, at] of all) visit(ref, at);
}
