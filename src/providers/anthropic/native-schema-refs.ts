import { UnsupportedSchemaError } from "../../errors/unsupported-schema-error.js";
import { childPointer, isPlainObject, parseLocalRef } from "../../schema/schema-refs.js";
import type { JsonSchema } from "../../schema/types.js";

/** Where definitions live: `$defs` (2020-12, Zod) or `definitions` (draft-07). */
export const DEFINITION_KEYS = ["$defs", "definitions"] as const;

/** The definition (`#/$defs/Name`) or the root (`#`) a local reference lands in. */
function ownerOf(ref: string): string | undefined {
  const segments = parseLocalRef(ref);
  if (segments === undefined) return undefined;
  const [first, name] = segments;
  if ((first === "$defs" || first === "definitions") && name !== undefined) {
    return childPointer("#", first, name);
  }
  return "#";
}

/** Every `$ref` under `node`, with its pointer, not entering nested definition tables. */
function collectRefs(node: unknown, pointer: string, out: [string, string][]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => collectRefs(item, childPointer(pointer, i), out));
    return;
  }
  if (!isPlainObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") out.push([value, pointer]);
    else if (pointer !== "#" || !(DEFINITION_KEYS as readonly string[]).includes(key)) {
      collectRefs(value, childPointer(pointer, key), out);
    }
  }
}

/**
 * Refuses what Anthropic's structured output cannot take in references: a reference outside
 * the schema, and a recursive schema (a cycle of references, which the structured-outputs
 * guide lists as unsupported). One pass over the schema, then a walk of the reference graph:
 * linear in the schema's size.
 */
export function checkNativeRefs(root: JsonSchema): void {
  const edges = new Map<string, [string, string][]>();
  const rootRefs: [string, string][] = [];
  collectRefs(root, "#", rootRefs);
  edges.set("#", rootRefs);
  for (const table of DEFINITION_KEYS) {
    const defs = root[table];
    if (!isPlainObject(defs)) continue;
    for (const [name, schema] of Object.entries(defs)) {
      const at = childPointer("#", table, name);
      const refs: [string, string][] = [];
      collectRefs(schema, at, refs);
      edges.set(at, refs);
    }
  }
  for (const refs of edges.values()) {
    for (const [ref, at] of refs) {
      if (ownerOf(ref) === undefined) {
        throw new UnsupportedSchemaError(
          `The reference ${JSON.stringify(ref)} points outside the schema: Anthropic's structured output takes only local references (#/$defs/...)`,
          at,
        );
      }
    }
  }
  // Iterative depth-first search: 0 unseen, 1 on the current path, 2 done.
  const state = new Map<string, number>();
  const stack: { id: string; next: number }[] = [{ id: "#", next: 0 }];
  state.set("#", 1);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const refs = edges.get(top.id) ?? [];
    if (top.next >= refs.length) {
      state.set(top.id, 2);
      stack.pop();
      continue;
    }
    const [ref, at] = refs[top.next++]!;
    const target = ownerOf(ref)!;
    const seen = state.get(target) ?? 0;
    if (seen === 1) {
      throw new UnsupportedSchemaError(
        `The schema is recursive (${JSON.stringify(ref)} refers back to a schema that contains it): Anthropic's native structured output does not take recursive schemas; use structuredOutput "tool"`,
        at,
      );
    }
    if (seen === 0 && edges.has(target)) {
      state.set(target, 1);
      stack.push({ id: target, next: 0 });
    }
  }
}
