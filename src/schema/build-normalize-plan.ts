import {
  emptyPlan,
  type NodePlan,
  type ObjectBranch,
  prunePlans,
  type UnionPlan,
} from "./normalize-plan.js";
import { acceptsNull, effectiveSchema, isPlainObject, resolveLocalRef } from "./schema-refs.js";
import type { JsonSchema } from "./types.js";

function hasType(node: JsonSchema, type: string): boolean {
  return node.type === type || (Array.isArray(node.type) && node.type.includes(type));
}

function isObjectLike(node: JsonSchema): boolean {
  return hasType(node, "object") || (node.type === undefined && isPlainObject(node.properties));
}

function isArrayLike(node: JsonSchema): boolean {
  return hasType(node, "array") || (node.type === undefined && "items" in node);
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== "object" && typeof value !== "function");
}

function requiredSet(node: JsonSchema): Set<string> {
  return new Set(
    Array.isArray(node.required) ? node.required.filter((k) => typeof k === "string") : [],
  );
}

/** Builds the plan from the ORIGINAL schema, whose optional/nullable distinction the wire schema lost. */
class PlanBuilder {
  readonly plans: NodePlan[] = [];
  private readonly memo = new Map<object, NodePlan>();
  private readonly syntheticMemo = new Map<string, NodePlan>();
  private readonly ids = new Map<object, number>();

  constructor(private readonly root: JsonSchema) {}

  private newPlan(): NodePlan {
    const plan = emptyPlan();
    this.plans.push(plan);
    return plan;
  }

  /** Null for schemas whose values never need a change: no properties, items, union or ref. */
  build(node: unknown): NodePlan | null {
    if (!isPlainObject(node)) return null;
    const cached = this.memo.get(node);
    if (cached !== undefined) return cached;
    const plan = this.newPlan();
    // Registered before the children are built, so a recursive schema reuses this plan.
    this.memo.set(node, plan);
    const also: NodePlan[] = [];
    const push = (p: NodePlan | null) => p !== null && also.push(p);
    if (typeof node.$ref === "string") push(this.build(resolveLocalRef(this.root, node.$ref)));
    if (Array.isArray(node.allOf)) for (const member of node.allOf) push(this.build(member));
    if (isPlainObject(node.properties)) this.fillObject(plan, node, node.properties);
    if (isPlainObject(node.items)) plan.items = this.build(node.items);
    const unions = [node.anyOf, node.oneOf].filter(Array.isArray);
    if (unions[0] !== undefined) plan.union = this.buildUnion(unions[0]);
    if (unions[1] !== undefined) {
      const second = this.newPlan();
      second.union = this.buildUnion(unions[1]);
      also.push(second);
    }
    plan.also = also;
    return plan;
  }

  private fillObject(plan: NodePlan, node: JsonSchema, properties: JsonSchema): void {
    const required = requiredSet(node);
    const drop: string[] = [];
    const props: [string, NodePlan][] = [];
    for (const [key, schema] of Object.entries(properties)) {
      // The same test the strict conversion used to make the property nullable.
      if (!required.has(key) && !acceptsNull(schema, this.root)) drop.push(key);
      const child = this.build(schema);
      if (child !== null) props.push([key, child]);
    }
    plan.drop = drop;
    plan.props = props;
  }

  /** Nested unions are the same union: `anyOf: [A, anyOf: [B, C]]` is `anyOf: [A, B, C]`. */
  private flatten(branches: unknown[], out: unknown[] = [], depth = 0): unknown[] {
    for (const branch of branches) {
      const shape = effectiveSchema(this.root, branch);
      const inner =
        shape && !isPlainObject(shape.properties) ? (shape.anyOf ?? shape.oneOf) : undefined;
      if (Array.isArray(inner) && depth < 32) this.flatten(inner, out, depth + 1);
      else out.push(branch);
    }
    return out;
  }

  buildUnion(rawBranches: unknown[]): UnionPlan {
    const objects: ObjectBranch[] = [];
    const shapes: JsonSchema[] = [];
    const arrayBranches: unknown[] = [];
    const itemSchemas: unknown[] = [];
    for (const branch of this.flatten(rawBranches)) {
      const shape = effectiveSchema(this.root, branch);
      if (shape === undefined) continue;
      if (isObjectLike(shape)) {
        shapes.push(shape);
        objects.push({ ...this.branchKeys(shape), plan: this.build(branch) });
      }
      if (isArrayLike(shape)) {
        arrayBranches.push(branch);
        if (shape.items !== undefined) itemSchemas.push(shape.items);
      }
    }
    let arrays: NodePlan | null = null;
    if (arrayBranches.length === 1) {
      arrays = this.build(arrayBranches[0]);
    } else if (itemSchemas.length > 0) {
      // Items of several array branches are told apart like the branches of one union.
      arrays = this.newPlan();
      arrays.items = this.syntheticUnion(itemSchemas);
    }
    return {
      objects,
      discriminator: findDiscriminator(objects),
      fallback: shapes.length > 0 ? this.buildFallback(shapes) : null,
      arrays,
    };
  }

  /**
   * A plan for "one of these schemas", memoised by the set of schemas: recursive unions reach
   * the same set again, and must get the same plan instead of building forever.
   */
  private syntheticUnion(schemas: unknown[]): NodePlan | null {
    const members = schemas.filter(isPlainObject);
    if (members.length === 0) return null;
    const key = members
      .map((m) => {
        let id = this.ids.get(m);
        if (id === undefined) {
          id = this.ids.size;
          this.ids.set(m, id);
        }
        return id;
      })
      .sort((a, b) => a - b)
      .join(",");
    const cached = this.syntheticMemo.get(key);
    if (cached !== undefined) return cached;
    const plan = this.newPlan();
    this.syntheticMemo.set(key, plan);
    plan.union = this.buildUnion(members);
    return plan;
  }

  private branchKeys(shape: JsonSchema): Pick<ObjectBranch, "keys" | "consts"> {
    const properties = isPlainObject(shape.properties) ? shape.properties : {};
    const consts: [string, unknown][] = [];
    for (const [key, schema] of Object.entries(properties)) {
      const prop = effectiveSchema(this.root, schema);
      if (prop === undefined) continue;
      if ("const" in prop && isPrimitive(prop.const)) consts.push([key, prop.const]);
      else if (Array.isArray(prop.enum) && prop.enum.length === 1 && isPrimitive(prop.enum[0])) {
        consts.push([key, prop.enum[0]]);
      }
    }
    return { keys: new Set(Object.keys(properties)), consts };
  }

  private buildFallback(shapes: JsonSchema[]): NodePlan {
    const keep = new Set<string>();
    const candidates = new Set<string>();
    const schemasByKey = new Map<string, unknown[]>();
    for (const shape of shapes) {
      const required = requiredSet(shape);
      const properties = isPlainObject(shape.properties) ? shape.properties : {};
      for (const [key, schema] of Object.entries(properties)) {
        if (required.has(key) || acceptsNull(schema, this.root)) keep.add(key);
        else candidates.add(key);
        const list = schemasByKey.get(key) ?? [];
        if (!list.includes(schema)) list.push(schema);
        schemasByKey.set(key, list);
      }
    }
    const plan = this.newPlan();
    plan.drop = [...candidates].filter((key) => !keep.has(key));
    plan.props = [];
    for (const [key, schemas] of schemasByKey) {
      const child = schemas.length === 1 ? this.build(schemas[0]) : this.syntheticUnion(schemas);
      if (child !== null) plan.props.push([key, child]);
    }
    return plan;
  }
}

function findDiscriminator(objects: ObjectBranch[]): UnionPlan["discriminator"] {
  const first = objects[0];
  if (first === undefined || objects.length < 2) return null;
  for (const [key] of first.consts) {
    const branches = new Map<unknown, ObjectBranch>();
    for (const branch of objects) {
      const entry = branch.consts.find(([k]) => k === key);
      if (entry === undefined || branches.has(entry[1])) break;
      branches.set(entry[1], branch);
    }
    if (branches.size === objects.length) return { key, branches };
  }
  return null;
}

/** The plan `normalize()` follows, or null when no value of this schema can ever need a change. */
export function buildNormalizePlan(root: JsonSchema): NodePlan | null {
  const builder = new PlanBuilder(root);
  const plan = builder.build(root);
  prunePlans(builder.plans);
  return plan?.useful ? plan : null;
}
