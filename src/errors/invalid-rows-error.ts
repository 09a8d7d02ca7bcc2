import { type InputIssue, InvalidArgumentError } from "./invalid-argument-error.js";

/** One problem in a row input (JSONL or CSV): where it is, as plain data. */
export interface RowIssue extends InputIssue {
  /** 1-based line of the input where the bad row (or the header) starts. */
  line: number;
  /** The row's id, when it was read before the problem was found. */
  rowId?: string;
}

/**
 * A row input (the JSONL or CSV file of a job) has a bad line: no id, a line that is not a JSON
 * object, a ragged CSV line, a bad header, bytes that are not UTF-8, ... Reading stops at the
 * first one, so nothing is half-imported; `line` names it, `issues[0].code` says what it is.
 */
export class InvalidRowsError extends InvalidArgumentError {
  override name = "InvalidRowsError";
  /** 1-based line of the input, as an editor shows it. */
  readonly line: number;
  declare readonly issues: RowIssue[];

  constructor(issue: RowIssue, options?: { cause?: unknown }) {
    super([issue], { ...options, code: "invalid_rows" });
    this.line = issue.line;
  }
}
