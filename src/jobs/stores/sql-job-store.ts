import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import type {
  BatchPlanner,
  ClaimedRow,
  JobRecord,
  JobStore,
  ResultWrite,
  RowSearch,
  RowState,
  StoredBatchState,
  StoredRowError,
  StoreProgress,
} from "./job-store.js";
import type { SqlClient, SqlExecutor } from "./sql-client.js";
import {
  errorGroups,
  progressHistory,
  recordSample,
  retryFailed,
  searchRows,
} from "./sql-dashboard-queries.js";
import { applyResults, finishCollect } from "./sql-result-writes.js";
import {
  BATCH_COLUMNS,
  type BatchRow,
  type JobRow,
  leaseUntil,
  toBatch,
  toJob,
} from "./sql-rows.js";

/**
 * The job store in SQL, the same statements on PGlite and on PostgreSQL. Claims lock rows with
 * `FOR UPDATE SKIP LOCKED`, so concurrent claimers take disjoint rows without waiting; leases
 * (owner + expiry, kept alive by heartbeats) say which process works on a batch, so a dead
 * process's work is taken over once its lease runs out, and never before.
 */
export class SqlJobStore implements JobStore {
  readonly #sql: SqlClient;

  constructor(sql: SqlClient) {
    this.#sql = sql;
  }

  get kind() {
    return this.#sql.kind;
  }

  async ensureJob(job: Omit<JobRecord, "createdAt" | "state">) {
    const inserted = await this.#sql.query<JobRow>(
      `INSERT INTO sb_jobs (name, provider, model, config_hash, config, max_retries)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6)
       ON CONFLICT (name) DO NOTHING
       RETURNING *`,
      [
        job.name,
        job.provider,
        job.model,
        job.configHash,
        JSON.stringify(job.config),
        job.maxRetries,
      ],
    );
    if (inserted[0] !== undefined) return { record: toJob(inserted[0]), created: true };
    const record = await this.getJob(job.name);
    if (record === undefined) throw new Error(`job "${job.name}" vanished while being opened`);
    return { record, created: false };
  }

  async updateJobConfig(job: Omit<JobRecord, "createdAt" | "state">) {
    await this.#sql.query(
      `UPDATE sb_jobs SET provider = $2, model = $3, config_hash = $4, config = $5::jsonb,
         max_retries = $6, updated_at = now()
       WHERE name = $1`,
      [
        job.name,
        job.provider,
        job.model,
        job.configHash,
        JSON.stringify(job.config),
        job.maxRetries,
      ],
    );
  }

  async getJob(name: string) {
    const [row] = await this.#sql.query<JobRow>("SELECT * FROM sb_jobs WHERE name = $1", [name]);
    return row === undefined ? undefined : toJob(row);
  }

  async listJobs() {
    const rows = await this.#sql.query<JobRow>("SELECT * FROM sb_jobs ORDER BY created_at, name");
    return rows.map(toJob);
  }

  async addRows(job: string, chunks: AsyncIterable<{ id: string; input: unknown }[]>) {
    const addId = crypto.randomUUID();
    return this.#sql.transaction(async (tx) => {
      let added = 0;
      let skipped = 0;
      for await (const chunk of chunks) {
        if (chunk.length === 0) continue;
        const inserted = await tx.query<{ row_id: string }>(
          `INSERT INTO sb_rows (job, row_id, input, add_id)
           SELECT $1, e->>'id', e->'input', $3
           FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, ord)
           ORDER BY ord
           ON CONFLICT (job, row_id) DO NOTHING
           RETURNING row_id`,
          [job, JSON.stringify(chunk), addId],
        );
        added += inserted.length;
        if (inserted.length === chunk.length) continue;
        const fresh = new Set(inserted.map((r) => r.row_id));
        const others = chunk.filter((r) => !fresh.has(r.id)).map((r) => r.id);
        // A conflict with a row this same call wrote is a duplicate id in the input, not a
        // re-run: the whole call is rolled back.
        const [dup] = await tx.query<{ row_id: string }>(
          "SELECT row_id FROM sb_rows WHERE job = $1 AND add_id = $2 AND row_id = ANY($3::text[]) LIMIT 1",
          [job, addId, others],
        );
        if (dup !== undefined) {
          throw new InvalidArgumentError(
            [
              {
                code: "duplicate_row_id",
                path: ["rows", dup.row_id],
                message: `row id "${dup.row_id}" appears more than once in this add; nothing was added`,
              },
            ],
            { code: "invalid_rows" },
          );
        }
        skipped += others.length;
      }
      return { added, skipped };
    });
  }

  async claimRows(job: string, max: number, owner: string, leaseMs: number, plan: BatchPlanner) {
    return this.#sql.transaction(async (tx) => {
      const rows = await tx.query<{ seq: string; row_id: string; input: unknown }>(
        `SELECT seq::text AS seq, row_id, input FROM sb_rows
         WHERE job = $1 AND state = 'pending'
         ORDER BY sb_rows.seq LIMIT $2
         FOR UPDATE SKIP LOCKED`,
        [job, max],
      );
      if (rows.length === 0) return undefined;
      const claimed: ClaimedRow[] = rows.map((r) => ({
        seq: r.seq,
        rowId: r.row_id,
        input: r.input,
      }));
      const { take, token } = await plan(claimed);
      if (take <= 0) return undefined;
      const sending = claimed.slice(0, take);
      const [batch] = await tx.query<BatchRow>(
        `INSERT INTO sb_batches (job, token, state, request_count, lease_owner, lease_until)
         VALUES ($1, $2, 'intent', $3, $4, ${leaseUntil("$5")})
         RETURNING ${BATCH_COLUMNS}`,
        [job, token, sending.length, owner, leaseMs],
      );
      await tx.query(
        `UPDATE sb_rows SET state = 'submitted', batch_id = $1::bigint, attempts = attempts + 1,
           updated_at = now()
         WHERE seq = ANY($2::bigint[])`,
        [batch!.id, sending.map((r) => r.seq)],
      );
      return { batch: toBatch(batch!), rows: sending };
    });
  }

  async recordCreated(batchId: string, owner: string, providerBatchId: string) {
    let updated: unknown[];
    try {
      updated = await this.#sql.query(
        `UPDATE sb_batches SET state = 'submitted', provider_batch_id = $3, submitted_at = now(),
         lease_owner = NULL, lease_until = NULL, next_check_at = now()
       WHERE id = $1::bigint AND state = 'intent' AND lease_owner = $2
       RETURNING id`,
        [batchId, owner, providerBatchId],
      );
    } catch (error) {
      // Another intent holds this provider batch already (two recoveries matched the same
      // Anthropic batch): this one is not it.
      if ((error as { code?: unknown }).code === "23505") return false;
      throw error;
    }
    if (updated.length > 0) return true;
    // Recovery may have found this very batch by its token in the meantime: that is fine.
    const [row] = await this.#sql.query<{ provider_batch_id: string | null }>(
      "SELECT provider_batch_id FROM sb_batches WHERE id = $1::bigint",
      [batchId],
    );
    return row?.provider_batch_id === providerBatchId;
  }

  async failIntent(batchId: string, owner: string, error: StoredRowError) {
    return this.#sql.transaction(async (tx) => {
      if (!(await endIntent(tx, batchId, owner))) return 0;
      const rows = await tx.query(
        `UPDATE sb_rows SET state = 'failed', error = $2::jsonb, updated_at = now()
         WHERE batch_id = $1::bigint AND state = 'submitted' RETURNING seq`,
        [batchId, JSON.stringify(error)],
      );
      return rows.length;
    });
  }

  async countActiveBatches(job: string) {
    const [row] = await this.#sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sb_batches
       WHERE job = $1 AND state IN ('intent', 'submitted', 'collecting')`,
      [job],
    );
    return Number(row?.n ?? 0);
  }

  async markCollecting(batchId: string, owner: string, providerStatus: string) {
    const rows = await this.#sql.query(
      `UPDATE sb_batches SET state = 'collecting', provider_status = $3
       WHERE id = $1::bigint AND lease_owner = $2 AND state IN ('submitted', 'collecting')
       RETURNING id`,
      [batchId, owner, providerStatus],
    );
    return rows.length > 0;
  }

  async heartbeat(batchId: string, owner: string, leaseMs: number) {
    const rows = await this.#sql.query(
      `UPDATE sb_batches SET lease_until = ${leaseUntil("$3")}
       WHERE id = $1::bigint AND lease_owner = $2 RETURNING id`,
      [batchId, owner, leaseMs],
    );
    return rows.length > 0;
  }

  async claimStaleIntents(job: string, owner: string, leaseMs: number, limit: number) {
    const rows = await this.#sql.query<BatchRow>(
      `UPDATE sb_batches SET lease_owner = $2, lease_until = ${leaseUntil("$3")}
       WHERE id IN (
         SELECT id FROM sb_batches
         WHERE job = $1 AND state = 'intent' AND lease_until < now()
         ORDER BY id LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING ${BATCH_COLUMNS}`,
      [job, owner, leaseMs, limit],
    );
    return rows.map(toBatch);
  }

  async adoptIntent(batchId: string, owner: string, providerBatchId: string) {
    return this.recordCreated(batchId, owner, providerBatchId);
  }

  async abandonIntent(batchId: string, owner: string) {
    return this.#sql.transaction(async (tx) => {
      if (!(await endIntent(tx, batchId, owner))) return 0;
      // The provider never saw these rows: the attempt does not count against their retries.
      const rows = await tx.query(
        `UPDATE sb_rows SET state = 'pending', batch_id = NULL,
           attempts = greatest(attempts - 1, 0), updated_at = now()
         WHERE batch_id = $1::bigint AND state = 'submitted' RETURNING seq`,
        [batchId],
      );
      return rows.length;
    });
  }

  async knownProviderBatchIds() {
    const rows = await this.#sql.query<{ provider_batch_id: string }>(
      "SELECT provider_batch_id FROM sb_batches WHERE provider_batch_id IS NOT NULL",
    );
    return new Set(rows.map((r) => r.provider_batch_id));
  }

  async claimDueBatches(job: string, owner: string, leaseMs: number, limit: number) {
    const rows = await this.#sql.query<BatchRow>(
      `UPDATE sb_batches SET lease_owner = $2, lease_until = ${leaseUntil("$3")}
       WHERE id IN (
         SELECT id FROM sb_batches
         WHERE job = $1 AND state IN ('submitted', 'collecting') AND next_check_at <= now()
           AND (lease_until IS NULL OR lease_until < now())
         ORDER BY next_check_at, id LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING ${BATCH_COLUMNS}`,
      [job, owner, leaseMs, limit],
    );
    return rows.map(toBatch);
  }

  async releaseBatch(
    batchId: string,
    owner: string,
    update: { nextCheckInMs: number; providerStatus?: string; state?: "submitted" | "collecting" },
  ) {
    await this.#sql.query(
      `UPDATE sb_batches SET lease_owner = NULL, lease_until = NULL,
         next_check_at = ${leaseUntil("$3")},
         provider_status = coalesce($4, provider_status), state = coalesce($5, state)
       WHERE id = $1::bigint AND lease_owner = $2`,
      [batchId, owner, update.nextCheckInMs, update.providerStatus ?? null, update.state ?? null],
    );
  }

  applyResults(job: string, batchId: string, results: ResultWrite[], retriesAllowed: boolean) {
    return applyResults(this.#sql, job, batchId, results, retriesAllowed);
  }

  finishCollect(
    job: string,
    batchId: string,
    owner: string,
    missing: StoredRowError,
    then: "retry" | "fail" | "cancel",
  ) {
    return finishCollect(this.#sql, job, batchId, owner, missing, then);
  }

  async progress(job: string): Promise<StoreProgress> {
    const rowCounts = await this.#sql.query<{ state: RowState; n: number }>(
      "SELECT state, count(*)::float8 AS n FROM sb_rows WHERE job = $1 GROUP BY state",
      [job],
    );
    const batchCounts = await this.#sql.query<{
      state: StoredBatchState;
      n: number;
      i: number;
      o: number;
    }>(
      `SELECT state, count(*)::float8 AS n, sum(input_tokens)::float8 AS i,
         sum(output_tokens)::float8 AS o
       FROM sb_batches WHERE job = $1 GROUP BY state`,
      [job],
    );
    const rows: StoreProgress["rows"] = {
      pending: 0,
      submitted: 0,
      succeeded: 0,
      failed: 0,
      cancelled: 0,
    };
    for (const r of rowCounts) rows[r.state] = Number(r.n);
    const batches: StoreProgress["batches"] = {
      intent: 0,
      submitted: 0,
      collecting: 0,
      collected: 0,
      abandoned: 0,
    };
    const usage = { inputTokens: 0, outputTokens: 0 };
    for (const b of batchCounts) {
      batches[b.state] = Number(b.n);
      usage.inputTokens += Number(b.i ?? 0);
      usage.outputTokens += Number(b.o ?? 0);
    }
    return { rows, batches, usage };
  }

  readRows(job: string, states: RowState[], afterSeq: string, limit: number) {
    return searchRows(this.#sql, job, { states, afterSeq, limit });
  }

  async listBatches(job: string) {
    const rows = await this.#sql.query<BatchRow>(
      `SELECT ${BATCH_COLUMNS} FROM sb_batches WHERE job = $1 ORDER BY sb_batches.id`,
      [job],
    );
    return rows.map(toBatch);
  }

  recordSample(job: string, progress: StoreProgress, minIntervalMs: number) {
    return recordSample(this.#sql, job, progress, minIntervalMs);
  }

  progressHistory(job: string, maxPoints: number) {
    return progressHistory(this.#sql, job, maxPoints);
  }

  errorGroups(job: string, samples: number) {
    return errorGroups(this.#sql, job, samples);
  }

  searchRows(job: string, search: RowSearch) {
    return searchRows(this.#sql, job, search);
  }

  retryFailed(job: string, errorType?: string) {
    return retryFailed(this.#sql, job, errorType);
  }

  async cancelJob(job: string) {
    return this.#sql.transaction(async (tx) => {
      await tx.query("UPDATE sb_jobs SET state = 'cancelled', updated_at = now() WHERE name = $1", [
        job,
      ]);
      await tx.query(
        `UPDATE sb_rows SET state = 'cancelled', updated_at = now()
         WHERE job = $1 AND state = 'pending'`,
        [job],
      );
      const running = await tx.query<BatchRow>(
        `SELECT ${BATCH_COLUMNS} FROM sb_batches
         WHERE job = $1 AND state IN ('intent', 'submitted', 'collecting') ORDER BY sb_batches.id`,
        [job],
      );
      return running.map(toBatch);
    });
  }

  close() {
    return this.#sql.close();
  }
}

/** An intent `owner` holds becomes `abandoned`; false when it was not (or no longer) its own. */
async function endIntent(tx: SqlExecutor, batchId: string, owner: string): Promise<boolean> {
  const ended = await tx.query(
    `UPDATE sb_batches SET state = 'abandoned', lease_owner = NULL, lease_until = NULL
     WHERE id = $1::bigint AND state = 'intent' AND lease_owner = $2 RETURNING id`,
    [batchId, owner],
  );
  return ended.length > 0;
}
