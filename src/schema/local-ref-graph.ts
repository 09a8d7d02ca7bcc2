import { childPointer, isPlainObject, parseLocalRef } from "./schema-refs.js";
import type { JsonSchema } from "./types.js";

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
    for (const [i, item] of node.entries()) collectRefs(item, childPointer(pointer, i), out);
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

/** A reference problem: where the `$ref` is (JSON pointer) and what it says. */
export interface RefProblem {
  kind: "external" | "recursive";
  ref: string;
  at: string;
}

/**
 * The first reference that leaves the schema (anything but `#...`), else the first that closes
 * a cycle (a recursive schema), else undefined. One pass over the schema, then an iterative
 * walk of the graph of definitions: linear in the schema's size.
 */
export function findRefProblem(root: JsonSchema): RefProblem | undefined {
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
      if (ownerOf(ref) === undefined) return { kind: "external", ref, at };
    }
  }
  // Depth-first: 1 on the current path, 2 done.
  const state = new Map<string, number>([["#", 1]]);
  const stack: { id: string; next: number }[] = [{ id: "#", next: 0 }];
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
    const seen = state.get(target);
    if (seen === 1) return { kind: "recursive", ref, at };
    if (seen === undefined && edges.has(target)) {
      state.set(target, 1);
      stack.push({ id: target, next: 0 });
    }
  }
  return undefined;
}
