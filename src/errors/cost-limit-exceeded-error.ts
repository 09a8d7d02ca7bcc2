import { formatIssues, type InputIssue } from "./invalid-argument-error.js";
import { StructuredBatchError } from "./structured-batch-error.js";

/** Why a batch was refused by `maxCost`: plain data, with the figures compared. */
export interface CostLimitIssue extends InputIssue {
  /** `cost_limit_exceeded` (the estimate is over the limit) or `cost_unknown` (no price). */
  code: "cost_limit_exceeded" | "cost_unknown";
  /** The limit, in USD. */
  limit: number;
  /** The estimate (total at most, USD), when there is one. */
  estimate?: number;
}

/**
 * `maxCost` refused a batch before anything was sent: its estimated cost (the most it can
 * cost, with every request's output at its limit) is over the limit, or it has no price. With
 * streamed parts, the part that would go over is refused and the parts before it are sent
 * (then this error is the `cause` of a `PartialSubmitError`).
 */
export class CostLimitExceededError extends StructuredBatchError {
  override name = "CostLimitExceededError";
  readonly issues: CostLimitIssue[];
  /** The estimate that was compared (see `CostEstimate`), as plain data. */
  readonly estimate: unknown;

  constructor(issue: CostLimitIssue, estimate: unknown, options?: { cause?: unknown }) {
    super(issue.code, formatIssues([issue]), options);
    this.issues = [issue];
    this.estimate = estimate;
  }
}
