import { StructuredBatchError } from "./structured-batch-error.js";

/** One batch-level error reported by the provider, e.g. a bad line in the input file. */
export interface BatchLevelError {
  code: string | undefined;
  message: string;
  /** 1-based line of the input file, when the provider names one. */
  line: number | undefined;
  param: string | undefined;
}

/**
 * The batch as a whole failed (usually: the provider rejected the input file), so there are no
 * per-request results. `errors` carries every provider error with its input line.
 */
export class BatchFailedError extends StructuredBatchError {
  override name = "BatchFailedError";
  readonly batchId: string;
  readonly errors: BatchLevelError[];

  constructor(batchId: string, errors: BatchLevelError[]) {
    const detail = errors
      .slice(0, 5)
      .map(
        (e) =>
          `${e.line === undefined ? "" : `line ${e.line}: `}${e.message}${e.code ? ` [${e.code}]` : ""}`,
      )
      .join("; ");
    super(
      "batch_failed",
      `Batch ${batchId} failed${errors.length ? `: ${detail}${errors.length > 5 ? `; and ${errors.length - 5} more` : ""}` : " without an error message from the provider"}`,
    );
    this.batchId = batchId;
    this.errors = errors;
  }
}
