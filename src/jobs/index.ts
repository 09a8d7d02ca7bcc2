/**
 * Durable jobs: rows in PostgreSQL (or embedded PGlite), sent as provider batches by `step()`
 * from any number of processes, each row answered exactly once. Database drivers are optional
 * peers, loaded only when a store of theirs is opened.
 */

export {
  JobConfigMismatchError,
  JobNotFoundError,
  JobStoreUnavailableError,
} from "../errors/index.js";
export { type AddOptions, MAX_ROW_ID_LENGTH } from "./add-rows.js";
export * from "./input/index.js";
export {
  Job,
  type JobFailure,
  type JobResult,
  openJob,
  type RunOptions,
  type StepOptions,
} from "./job.js";
export type { JobGenerationParams, JobOptions } from "./job-options.js";
export { DEFAULT_RETRY_ON } from "./retry-policy.js";
export type { JobProgress, StepReport } from "./step-report.js";
export type {
  JobRecord,
  JobStore,
  RowState,
  StoredBatch,
  StoredBatchState,
  StoredRowError,
} from "./stores/job-store.js";
export { describeStore, type JobStoreTarget, openJobStore } from "./stores/open-job-store.js";
