import { type InputIssue, InvalidArgumentError } from "./invalid-argument-error.js";

/**
 * A row has no value for a placeholder of the prompt template (the column is absent, or a dotted
 * path leads nowhere). Names the row id, the placeholder and the columns the row does have.
 * A `null` value is not missing: it renders as an empty string.
 */
export class MissingTemplateValueError extends InvalidArgumentError {
  override name = "MissingTemplateValueError";
  readonly rowId: string;
  /** The placeholder as written between the braces, trimmed: `address.city`. */
  readonly placeholder: string;
  /** The row's own top-level keys (columns). */
  readonly columns: string[];

  constructor(issue: InputIssue, rowId: string, placeholder: string, columns: string[]) {
    super([issue], { code: "missing_template_value" });
    this.rowId = rowId;
    this.placeholder = placeholder;
    this.columns = columns;
  }
}
