import type { JobRecord, StoredBatch, StoredBatchState } from "./job-store.js";

// Column lists and row mappers shared by the store's statements: ids are read as text (pg reads
// int8 as a string, PGlite as a number), so both drivers give the same values.

export const BATCH_COLUMNS = `id::text AS id, job, token, state, provider_batch_id, request_count,
  provider_status, created_at`;

export interface BatchRow {
  id: string;
  job: string;
  token: string;
  state: StoredBatchState;
  provider_batch_id: string | null;
  request_count: number;
  provider_status: string | null;
  created_at: Date;
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
