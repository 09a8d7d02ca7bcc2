import { StructuredBatchError } from "./structured-batch-error.js";

/**
 * The schema cannot be used with the chosen provider's structured output (for example an open
 * record under OpenAI strict mode). Raised when the processor is created, not hours later.
 */
export class UnsupportedSchemaError extends StructuredBatchError {
  override name = "UnsupportedSchemaError";
  /** JSON pointer to the offending part of the JSON Schema, e.g. `#/properties/tags`. */
  readonly pointer: string;

  constructor(message: string, pointer: string, options?: { cause?: unknown }) {
    super("unsupported_schema", `${message} (at ${pointer})`, options);
    this.pointer = pointer;
  }
}
