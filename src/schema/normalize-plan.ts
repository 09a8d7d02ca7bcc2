/**
 * The precomputed plan that `normalize()` follows, and the code that follows it. A plan mirrors
 * only the parts of the schema where a `null` may have to be removed, so a value is walked only
 * as deep as that; everything else is skipped without looking.
 */

export interface NodePlan {
  /** Keys whose `null` is removed: optional and not nullable in the original schema. */
  drop: string[] | null;
  /** Plans for property values, for properties below which something may be removed. */
  props: [string, NodePlan][] | null;
  /** Plan for every item of an array value. */
  items: NodePlan | null;
  /** anyOf / oneOf: which branch an object or array value belongs to. */
  union: UnionPlan | null;
  /** Other plans for the same value: a `$ref` target, single `allOf` members. */
  also: NodePlan[] | null;
  /** Set while building: whether following this plan can change anything. */
  useful: boolean;
}

export interface ObjectBranch {
  /** Declared property names. */
  keys: Set<string>;
  /** Properties fixed to one primitive value (`const` or one-value `enum`): discriminators. */
  consts: [string, unknown][];
  plan: NodePlan | null;
}

export interface UnionPlan {
  objects: ObjectBranch[];
  /** A key whose constant tells every object branch apart, as in a discriminated union. */
  discriminator: { key: string; branches: Map<unknown, ObjectBranch> } | null;
  /**
   * Used when no single branch matches an object: removes only the nulls that no branch
   * declares required or nullable, so a null that some branch may need is never removed.
   */
  fallback: NodePlan | null;
  /** Plan applied to an array value (its item plan combines every array branch). */
  arrays: NodePlan | null;
}

export function emptyPlan(): NodePlan {
  return { drop: null, props: null, items: null, union: null, also: null, useful: false };
}

function matchesBranch(branch: ObjectBranch, value: Record<string, unknown>): boolean {
  for (const key in value) if (!branch.keys.has(key)) return false;
  for (const [key, constant] of branch.consts) if (value[key] !== constant) return false;
  return true;
}

function applyUnion(plan: UnionPlan, value: object): void {
  if (Array.isArray(value)) {
    if (plan.arrays !== null) applyPlan(plan.arrays, value);
    return;
  }
  const record = value as Record<string, unknown>;
  if (plan.discriminator !== null) {
    const branch = plan.discriminator.branches.get(record[plan.discriminator.key]);
    if (branch !== undefined) {
      if (branch.plan !== null) applyPlan(branch.plan, record);
      return;
    }
  }
  let match: ObjectBranch | undefined;
  for (const branch of plan.objects) {
    if (!matchesBranch(branch, record)) continue;
    if (match !== undefined) {
      match = undefined;
      break;
    }
    match = branch;
  }
  if (match !== undefined) {
    if (match.plan !== null) applyPlan(match.plan, record);
  } else if (plan.fallback !== null) {
    applyPlan(plan.fallback, record);
  }
}

/** Removes, in place, the nulls the plan marks; `value` must be an object or an array. */
export function applyPlan(plan: NodePlan, value: object): void {
  if (Array.isArray(value)) {
    if (plan.items !== null) {
      for (const item of value) {
        if (typeof item === "object" && item !== null) applyPlan(plan.items, item);
      }
    }
  } else {
    const record = value as Record<string, unknown>;
    if (plan.drop !== null) {
      for (const key of plan.drop) if (record[key] === null) delete record[key];
    }
    if (plan.props !== null) {
      for (const [key, child] of plan.props) {
        const inner = record[key];
        if (typeof inner === "object" && inner !== null) applyPlan(child, inner);
      }
    }
  }
  if (plan.union !== null) applyUnion(plan.union, value);
  if (plan.also !== null) for (const other of plan.also) applyPlan(other, value);
}

/** Marks useful plans (a fixed point, since recursive schemas make the plan graph cyclic) and prunes the rest. */
export function prunePlans(plans: NodePlan[]): void {
  const usefulUnion = (u: UnionPlan): boolean =>
    u.objects.some((b) => b.plan?.useful) || !!u.fallback?.useful || !!u.arrays?.useful;
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of plans) {
      if (p.useful) continue;
      p.useful =
        (p.drop !== null && p.drop.length > 0) ||
        !!p.props?.some(([, c]) => c.useful) ||
        !!p.items?.useful ||
        (p.union !== null && usefulUnion(p.union)) ||
        !!p.also?.some((a) => a.useful);
      changed ||= p.useful;
    }
  }
  for (const p of plans) {
    if (p.drop?.length === 0) p.drop = null;
    const props = p.props?.filter(([, c]) => c.useful) ?? [];
    p.props = props.length > 0 ? props : null;
    if (p.items !== null && !p.items.useful) p.items = null;
    const also = p.also?.filter((a) => a.useful) ?? [];
    p.also = also.length > 0 ? also : null;
    if (p.union !== null && !usefulUnion(p.union)) p.union = null;
    if (p.union !== null) {
      for (const b of p.union.objects) if (b.plan !== null && !b.plan.useful) b.plan = null;
      if (p.union.fallback !== null && !p.union.fallback.useful) p.union.fallback = null;
      if (p.union.arrays !== null && !p.union.arrays.useful) p.union.arrays = null;
    }
  }
}
