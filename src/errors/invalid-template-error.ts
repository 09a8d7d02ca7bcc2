import { type InputIssue, InvalidArgumentError } from "./invalid-argument-error.js";

/** Where in the template text a problem is. */
export interface TemplateIssue extends InputIssue {
  /** 0-based offset in the template text (UTF-16 code units, as JavaScript counts). */
  offset: number;
  /** 1-based line and column of that offset. */
  line: number;
  column: number;
}

/**
 * A prompt template cannot be compiled: a `{{` never closed by `}}`, an empty `{{ }}`, or a
 * placeholder name that is not a column name or dotted path. Thrown by `compileTemplate`, before
 * any row is read.
 */
export class InvalidTemplateError extends InvalidArgumentError {
  override name = "InvalidTemplateError";
  declare readonly issues: TemplateIssue[];

  constructor(issue: TemplateIssue, options?: { cause?: unknown }) {
    super([issue], { ...options, code: "invalid_template" });
  }
}
