import type {
  JobRecord,
  RowState,
  StoredBatch,
  StoredBatchState,
  StoredRowError,
  StoredRowOutcome,
} from "./job-store.js";

// Column lists and row mappers shared by the store's statements: ids are read as text (pg reads
// int8 as a string, PGlite as a number), so both drivers give the same values.

export const BATCH_COLUMNS = `id::text AS id, job, token, state, provider_batch_id, request_count,
  provider_status, created_at, submitted_at, collected_at, input_tokens::float8 AS input_tokens,
  output_tokens::float8 AS output_tokens`;

export interface BatchRow {
  id: string;
  job: string;
  token: string;
  state: StoredBatchState;
  provider_batch_id: string | null;
  request_count: number;
  provider_status: string | null;
  created_at: Date;
  submitted_at: Date | null;
  collected_at: Date | null;
  input_tokens: number;
  output_tokens: number;
}

export function toBatch(row: BatchRow): StoredBatch {
  return {
    id: row.id,
    job: row.job,
    token: row.token,
    state: row.state,
    providerBatchId: row.provider_batch_id ?? undefined,
    requestCount: Number(row.request_count),
    providerStatus: row.provider_status ?? undefined,
    createdAt: new Date(row.created_at),
    submittedAt: row.submitted_at === null ? undefined : new Date(row.submitted_at),
    collectedAt: row.collected_at === null ? undefined : new Date(row.collected_at),
    usage: { inputTokens: Number(row.input_tokens), outputTokens: Number(row.output_tokens) },
  };
}

export interface JobRow {
  name: string;
  provider: string;
  model: string;
  config_hash: string;
  config: unknown;
  max_retries: number;
  state: "active" | "cancelled";
  created_at: Date;
}

export function toJob(row: JobRow): JobRecord {
  return {
    name: row.name,
    provider: row.provider,
    model: row.model,
    configHash: row.config_hash,
    config: row.config,
    maxRetries: Number(row.max_retries),
    state: row.state,
    createdAt: new Date(row.created_at),
  };
}

/** `now() + ms`, as SQL over a numeric parameter. */
export const leaseUntil = (param: string) =>
  `now() + (${param}::float8 * interval '1 millisecond')`;

/** A row as the outcome reads select it (`seq` as text). */
export interface OutcomeRow {
  seq: string;
  row_id: string;
  input: unknown;
  state: RowState;
  attempts: number;
  result: unknown;
  error: StoredRowError | null;
  usage: StoredRowOutcome["usage"] | null;
}

export function toRowOutcome(r: OutcomeRow): StoredRowOutcome {
  return {
    seq: r.seq,
    rowId: r.row_id,
    input: r.input,
    state: r.state,
    attempts: Number(r.attempts),
    result: r.result,
    error: r.error ?? undefined,
    usage: r.usage ?? undefined,
  };
}
