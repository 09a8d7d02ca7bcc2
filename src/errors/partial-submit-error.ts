import { StructuredBatchError } from "./structured-batch-error.js";

/**
 * A batch sent in several parts stopped partway: the parts already created keep running.
 * `handle` covers them (read, wait for or cancel them with it); `submittedRequests` says how
 * many requests they hold, so the rest can be sent again. `cause` is what stopped it.
 */
export class PartialSubmitError extends StructuredBatchError {
  override name = "PartialSubmitError";
  /** Handle of the parts created before the failure; undefined when none was. */
  readonly handle: string | undefined;
  /** Requests in the created parts (they are the first ones of the input). */
  readonly submittedRequests: number;

  constructor(handle: string | undefined, submittedRequests: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      "partial_submit",
      handle === undefined
        ? `Submitting failed before any part was created: ${reason}`
        : `Submitting stopped after ${submittedRequests} requests had been sent in parts that keep running (handle: ${handle}): ${reason}`,
      { cause },
    );
    this.handle = handle;
    this.submittedRequests = submittedRequests;
  }
}
