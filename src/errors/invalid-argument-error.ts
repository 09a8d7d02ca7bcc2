import { StructuredBatchError } from "./structured-batch-error.js";

/** One problem found in the caller's input: plain data, formatted separately. */
export interface InputIssue {
  /** Machine-readable kind of problem, e.g. `invalid_role`, `duplicate_custom_id`. */
  code: string;
  /** Where it is: `["messagesList", 3, "messages", 1, "role"]`. */
  path: (string | number)[];
  /** Human sentence naming what is wrong and what was expected. */
  message: string;
}

export function formatIssuePath(path: (string | number)[]): string {
  let out = "";
  for (const part of path) {
    out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  }
  return out;
}

export function formatIssues(issues: InputIssue[], max = 5): string {
  const shown = issues.slice(0, max).map((i) => `${formatIssuePath(i.path)}: ${i.message}`);
  const more = issues.length > max ? `; and ${issues.length - max} more` : "";
  return shown.join("; ") + more;
}

/**
 * A bad argument (options, custom ids, model string, ...), caught before anything is sent or
 * written. `issues` lists every problem found, not just the first.
 */
export class InvalidArgumentError extends StructuredBatchError {
  override name = "InvalidArgumentError";
  readonly issues: InputIssue[];

  constructor(issues: InputIssue[], options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? "invalid_argument", formatIssues(issues), options);
    this.issues = issues;
  }
}
