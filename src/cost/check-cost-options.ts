import type { InputIssue } from "../errors/invalid-argument-error.js";

const isAmount = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v) && v >= 0;

/** Issues of a `price` option (`{ inputPerMillion, outputPerMillion }`, USD, not negative). */
export function priceIssues(price: unknown, path: (string | number)[]): InputIssue[] {
  if (price === undefined) return [];
  if (typeof price !== "object" || price === null || Array.isArray(price)) {
    return [
      { code: "invalid_price", path, message: "must be { inputPerMillion, outputPerMillion }" },
    ];
  }
  const issues: InputIssue[] = [];
  const p = price as Record<string, unknown>;
  for (const key of ["inputPerMillion", "outputPerMillion"]) {
    if (!isAmount(p[key])) {
      issues.push({
        code: "invalid_price",
        path: [...path, key],
        message: `must be a finite number of USD per million tokens, 0 or more, got ${String(p[key])}`,
      });
    }
  }
  for (const key of Object.keys(p)) {
    if (key !== "inputPerMillion" && key !== "outputPerMillion") {
      issues.push({
        code: "unknown_option",
        path: [...path, key],
        message: "is not a price field (known: inputPerMillion, outputPerMillion)",
      });
    }
  }
  return issues;
}

/** Issues of the processor's `maxCost` and `price` options. */
export function costOptionIssues(options: { maxCost?: unknown; price?: unknown }): InputIssue[] {
  const issues = priceIssues(options.price, ["price"]);
  const max = options.maxCost;
  if (max !== undefined && !(isAmount(max) && (max as number) > 0)) {
    issues.push({
      code: "invalid_max_cost",
      path: ["maxCost"],
      message: `must be a positive finite number of USD, got ${String(max)}`,
    });
  }
  return issues;
}
