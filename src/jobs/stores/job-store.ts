import type { BatchErrorType, TokenUsage } from "../../results/types.js";

/** A job as stored: what `openJob` compares a reopening against. */
export interface JobRecord {
  name: string;
  provider: string;
  model: string;
  configHash: string;
  config: unknown;
  maxRetries: number;
  state: "active" | "cancelled";
  createdAt: Date;
}

/** A row's life: pending -> submitted -> succeeded | failed (| back to pending while retries last). */
export type RowState = "pending" | "submitted" | "succeeded" | "failed" | "cancelled";

/** A provider batch's life in the store. `intent` is recorded before the create call. */
export type StoredBatchState = "intent" | "submitted" | "collecting" | "collected" | "abandoned";

export interface StoredBatch {
  id: string;
  job: string;
  /** Sent to the provider (metadata / display name) so a crashed create can be found again. */
  token: string;
  state: StoredBatchState;
  providerBatchId: string | undefined;
  requestCount: number;
  providerStatus: string | undefined;
  /** When the intent was recorded (just before the create call). */
  createdAt: Date;
  /** When the provider accepted it (undefined while an intent, or abandoned). */
  submittedAt?: Date | undefined;
  /** When its results were written. */
  collectedAt?: Date | undefined;
  /** Tokens of the results written from it so far. */
  usage?: { inputTokens: number; outputTokens: number };
}

/** A row handed to the submit phase: its store key, its id and the stored input. */
export interface ClaimedRow {
  seq: string;
  rowId: string;
  input: unknown;
}

/** One result to write: `seq` from the custom id, the outcome, and whether a retry may help. */
export interface ResultWrite {
  seq: string;
  ok: boolean;
  value?: unknown;
  error?: StoredRowError;
  usage?: TokenUsage | undefined;
  retryable: boolean;
}

/** A failure as kept in `sb_rows.error` (JSONB). */
export interface StoredRowError {
  type: BatchErrorType;
  message: string;
  code?: string;
  statusCode?: number;
  issues?: unknown;
  text?: string;
  providerBatchId?: string;
}

export interface StoreProgress {
  rows: Record<RowState, number>;
  batches: Record<StoredBatchState, number>;
  usage: { inputTokens: number; outputTokens: number };
}

export interface StoredRowOutcome {
  seq: string;
  rowId: string;
  input: unknown;
  state: RowState;
  attempts: number;
  result: unknown;
  error: StoredRowError | undefined;
  usage: TokenUsage | undefined;
}

/** Rows per state and tokens at one moment: a point of the dashboard's progress chart. */
export interface ProgressSample {
  at: Date;
  rows: StoreProgress["rows"];
  usage: StoreProgress["usage"];
}

/** Failed (or retrying, or cancelled) rows of one error type, with a few of them to show. */
export interface ErrorGroup {
  type: string;
  /** Rows that ended with this error. */
  failed: number;
  /** Rows that got this error and wait for (or are in) a retry. */
  retrying: number;
  /** Rows cancelled with this error recorded. */
  cancelled: number;
  samples: { seq: string; rowId: string; state: RowState; message: string }[];
}

/** What the dashboard's results table asks for: one page of rows, optionally filtered. */
export interface RowSearch {
  states: RowState[];
  /** Case-insensitive text looked for in the row id, the input, the result and the error. */
  text?: string | undefined;
  /** Rows after this cursor (a `seq`), in store order. */
  afterSeq?: string | undefined;
  /** Rows before this cursor, newest first: the previous page. */
  beforeSeq?: string | undefined;
  limit: number;
}

/** Whether the submit phase wants a claimed row sent now (it fits the provider's limits). */
export type BatchPlanner = (rows: ClaimedRow[]) => Promise<{ take: number; token: string }>;

/**
 * Where jobs live. Every method is one short transaction (except the claim, which also runs the
 * planner), and every claim is made with row locks (`FOR UPDATE SKIP LOCKED`) and leases, so any
 * number of processes can call them at once. PGlite and PostgreSQL implement it with the same
 * SQL (`SqlJobStore`); a conformance suite runs over both.
 */
export interface JobStore {
  readonly kind: "pglite" | "postgres";
  /** Creates the job, or returns the stored one unchanged (the caller compares configs). */
  ensureJob(
    job: Omit<JobRecord, "createdAt" | "state">,
  ): Promise<{ record: JobRecord; created: boolean }>;
  /** Replaces a job's configuration (a deliberate schema/model change). */
  updateJobConfig(job: Omit<JobRecord, "createdAt" | "state">): Promise<void>;
  getJob(name: string): Promise<JobRecord | undefined>;
  listJobs(): Promise<JobRecord[]>;
  /**
   * Adds rows in one transaction: an id already in the job is skipped, an id given twice in
   * this call throws (and nothing of the call is kept).
   */
  addRows(
    job: string,
    rows: AsyncIterable<{ id: string; input: unknown }[]>,
  ): Promise<{ added: number; skipped: number }>;
  /**
   * Claims up to `max` pending rows, lets `plan` choose how many to send and the token, and
   * records the intent (a batch in state `intent`, leased to `owner`) with the rows in it, all
   * in one transaction. Returns undefined when no row was free.
   */
  claimRows(
    job: string,
    max: number,
    owner: string,
    leaseMs: number,
    plan: BatchPlanner,
  ): Promise<{ batch: StoredBatch; rows: ClaimedRow[] } | undefined>;
  /** Intent -> submitted, if `owner` still holds it. False when the lease was lost. */
  recordCreated(batchId: string, owner: string, providerBatchId: string): Promise<boolean>;
  /**
   * An intent the provider refused for good (a 4xx on create): the batch is `abandoned` and its
   * rows `failed` with `error`, since sending them again would be refused again.
   */
  failIntent(batchId: string, owner: string, error: StoredRowError): Promise<number>;
  /** Batches of the job being created, running or being collected (cheap: no row scan). */
  countActiveBatches(job: string): Promise<number>;
  /** A batch that ended at the provider, leased to `owner`, is now being collected. */
  markCollecting(batchId: string, owner: string, providerStatus: string): Promise<boolean>;
  /** Extends a lease `owner` holds; false when it was lost. */
  heartbeat(batchId: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Intents whose creator died (lease expired), leased to `owner` for recovery. */
  claimStaleIntents(
    job: string,
    owner: string,
    leaseMs: number,
    limit: number,
  ): Promise<StoredBatch[]>;
  /** A recovered intent whose batch was found at the provider. */
  adoptIntent(batchId: string, owner: string, providerBatchId: string): Promise<boolean>;
  /** A recovered intent the provider never saw: its rows go back to pending. */
  abandonIntent(batchId: string, owner: string): Promise<number>;
  /**
   * Provider batches any job of the store knows: a recovery never adopts one of them (an
   * Anthropic batch is matched by size and time, and another job's may match).
   */
  knownProviderBatchIds(): Promise<Set<string>>;
  /** Submitted or collecting batches due for a look, leased to `owner`. */
  claimDueBatches(
    job: string,
    owner: string,
    leaseMs: number,
    limit: number,
  ): Promise<StoredBatch[]>;
  /** Lease released; the batch is looked at again after `nextCheckInMs`. */
  releaseBatch(
    batchId: string,
    owner: string,
    update: { nextCheckInMs: number; providerStatus?: string; state?: "submitted" | "collecting" },
  ): Promise<void>;
  /**
   * Writes results of one batch, idempotently: a row changes only while it is `submitted` in
   * that batch, so a second download of the same file changes nothing. Returns rows changed.
   */
  applyResults(
    job: string,
    batchId: string,
    results: ResultWrite[],
    retriesAllowed: boolean,
  ): Promise<number>;
  /**
   * Ends a collection, if `owner` still holds the batch: rows of the batch that got no result
   * get `missing` as their error and are retried while retries last (`retry`), failed
   * (`fail`) or cancelled (`cancel`); the batch is `collected`.
   */
  finishCollect(
    job: string,
    batchId: string,
    owner: string,
    missing: StoredRowError,
    then: "retry" | "fail" | "cancel",
  ): Promise<number>;
  progress(job: string): Promise<StoreProgress>;
  /** Rows in `states` after `afterSeq`, in store order, at most `limit`. */
  readRows(
    job: string,
    states: RowState[],
    afterSeq: string,
    limit: number,
  ): Promise<StoredRowOutcome[]>;
  listBatches(job: string): Promise<StoredBatch[]>;
  /**
   * Records the job's counts now for the progress chart, unless they equal the last sample's
   * and it is younger than `minIntervalMs`: idle steps add no point, a long wait adds few.
   */
  recordSample(job: string, progress: StoreProgress, minIntervalMs: number): Promise<void>;
  /** The job's samples, oldest first, thinned evenly to at most `maxPoints` (last kept). */
  progressHistory(job: string, maxPoints: number): Promise<ProgressSample[]>;
  /** Rows with an error, grouped by its type (most rows first), `samples` of each. */
  errorGroups(job: string, samples: number): Promise<ErrorGroup[]>;
  /** One page of rows in `search.states` matching `search.text`, in store order. */
  searchRows(job: string, search: RowSearch): Promise<StoredRowOutcome[]>;
  /**
   * Failed rows (of `errorType`, or all) go back to pending for one more attempt each; nothing
   * changes when the job is cancelled. Returns the rows changed.
   */
  retryFailed(job: string, errorType?: string): Promise<number>;
  /** Marks the job cancelled and its pending rows `cancelled`; returns batches still running. */
  cancelJob(job: string): Promise<StoredBatch[]>;
  close(): Promise<void>;
}
