import type { SqlClient } from "./sql-client.js";

/**
 * The store's schema, one entry per version, applied in order on open and never edited once
 * released: a change is a new entry. Tables are prefixed `sb_` so they can live in a user's
 * own database next to theirs.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE sb_jobs (
  name text PRIMARY KEY,
  provider text NOT NULL,
  model text NOT NULL,
  config_hash text NOT NULL,
  config jsonb NOT NULL,
  max_retries integer NOT NULL,
  state text NOT NULL DEFAULT 'active',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE sb_batches (
  id bigserial PRIMARY KEY,
  job text NOT NULL REFERENCES sb_jobs(name) ON DELETE CASCADE,
  token text NOT NULL UNIQUE,
  state text NOT NULL,
  provider_batch_id text,
  request_count integer NOT NULL,
  provider_status text,
  lease_owner text,
  lease_until timestamptz,
  next_check_at timestamptz NOT NULL DEFAULT now(),
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  collected_at timestamptz
);
CREATE INDEX sb_batches_work ON sb_batches (job, state, next_check_at);
CREATE UNIQUE INDEX sb_batches_provider_id ON sb_batches (provider_batch_id)
  WHERE provider_batch_id IS NOT NULL;
CREATE TABLE sb_rows (
  seq bigserial PRIMARY KEY,
  job text NOT NULL REFERENCES sb_jobs(name) ON DELETE CASCADE,
  row_id text NOT NULL,
  input jsonb NOT NULL,
  state text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  batch_id bigint,
  add_id text,
  result jsonb,
  error jsonb,
  usage jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (job, row_id)
);
CREATE INDEX sb_rows_pending ON sb_rows (job, seq) WHERE state = 'pending';
CREATE INDEX sb_rows_batch ON sb_rows (batch_id) WHERE state = 'submitted';
CREATE INDEX sb_rows_state ON sb_rows (job, state, seq);
`,
  },
  {
    // The dashboard's needs: progress over time (a sample per step that changed something, or
    // a minute after the last), and the rows with an error found without a scan of the job.
    version: 2,
    sql: `
CREATE TABLE sb_job_samples (
  id bigserial PRIMARY KEY,
  job text NOT NULL REFERENCES sb_jobs(name) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  pending bigint NOT NULL,
  submitted bigint NOT NULL,
  succeeded bigint NOT NULL,
  failed bigint NOT NULL,
  cancelled bigint NOT NULL,
  input_tokens bigint NOT NULL,
  output_tokens bigint NOT NULL
);
-- Not (job, at): two steps can record within one tick of the clock (PGlite's is coarse).
CREATE INDEX sb_job_samples_job ON sb_job_samples (job, id);
CREATE INDEX sb_rows_errors ON sb_rows (job, seq) WHERE error IS NOT NULL;
`,
  },
];

/** Held while migrating so that many processes opening one database at once apply each once. */
const MIGRATION_LOCK = 7_142_016_001;

/** Applies the migrations the database lacks, in one transaction under an advisory lock. */
export async function migrate(client: SqlClient): Promise<number> {
  return client.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS sb_schema_migrations (
         version integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const [row] = await tx.query<{ v: number | null }>(
      "SELECT max(version)::int AS v FROM sb_schema_migrations",
    );
    const current = row?.v ?? 0;
    const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
    if (current > latest) {
      throw new Error(
        `the job store's schema is version ${current}, newer than this library knows (${latest}): upgrade structured-batch`,
      );
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      for (const statement of m.sql.split(";")) {
        if (statement.trim() !== "") await tx.query(statement);
      }
      await tx.query("INSERT INTO sb_schema_migrations (version) VALUES ($1)", [m.version]);
    }
    return latest;
  });
}
