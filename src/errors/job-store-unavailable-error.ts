import { StructuredBatchError } from "./structured-batch-error.js";

/**
 * The job store could not be opened: the database did not answer, refused the credentials, or
 * the directory cannot be used. `store` names it without its password.
 */
export class JobStoreUnavailableError extends StructuredBatchError {
  override name = "JobStoreUnavailableError";
  /** The store as given, with any password replaced by `***`. */
  readonly store: string;

  constructor(store: string, reason: string, options?: { cause?: unknown }) {
    super("job_store_unavailable", `cannot open the job store ${store}: ${reason}`, options);
    this.store = store;
  }
}
