import type { ResultWrite, StoredRowError } from "./job-store.js";
import type { SqlClient } from "./sql-client.js";

// The statements that write results: each changes a row only while it is `submitted` in the
// batch being collected, which is what makes a second download of the same file a no-op.

export async function applyResults(
  sql: SqlClient,
  job: string,
  batchId: string,
  results: ResultWrite[],
  retriesAllowed: boolean,
) {
  if (results.length === 0) return 0;
  const payload = JSON.stringify(
    results.map((r) => ({
      seq: r.seq,
      ok: r.ok,
      value: r.ok ? (r.value ?? null) : null,
      error: r.error ?? null,
      usage: r.usage ?? null,
      retryable: r.retryable,
    })),
  );
  // One statement: rows change only while `submitted` in this batch (so a re-download is a
  // no-op), and the batch's token counts grow only by the rows that changed.
  const [row] = await sql.query<{ n: number }>(
    `WITH r AS (
       SELECT (e->>'seq')::bigint AS seq, (e->>'ok')::boolean AS ok, e->'value' AS value,
         e->'error' AS error, e->'usage' AS usage, (e->>'retryable')::boolean AS retryable
       FROM jsonb_array_elements($3::jsonb) e
     ), changed AS (
       UPDATE sb_rows s SET
         state = CASE
           WHEN r.ok THEN 'succeeded'
           WHEN r.retryable AND $4::boolean AND s.attempts <= j.max_retries THEN 'pending'
           WHEN NOT $4::boolean AND r.error->>'type' = 'cancelled' THEN 'cancelled'
           ELSE 'failed' END,
         batch_id = CASE
           WHEN NOT r.ok AND r.retryable AND $4::boolean AND s.attempts <= j.max_retries THEN NULL
           ELSE s.batch_id END,
         result = CASE WHEN r.ok THEN r.value ELSE NULL END,
         error = CASE WHEN r.ok THEN NULL ELSE r.error END,
         usage = CASE WHEN jsonb_typeof(r.usage) = 'object' THEN r.usage ELSE NULL END,
         updated_at = now()
       FROM r, sb_jobs j
       -- IS NOT DISTINCT FROM cannot use the batch index: each row is found by its key, so a
       -- chunk costs its own size, not a scan of the whole batch (quadratic per batch).
       WHERE s.seq = r.seq AND s.job = $1 AND s.batch_id IS NOT DISTINCT FROM $2::bigint
         AND s.state = 'submitted'
         AND j.name = $1
       RETURNING r.usage
     ), sums AS (
       SELECT count(*)::int AS n,
         coalesce(sum((usage->>'inputTokens')::bigint), 0) AS input_tokens,
         coalesce(sum((usage->>'outputTokens')::bigint), 0) AS output_tokens
       FROM changed
     )
     UPDATE sb_batches b SET input_tokens = b.input_tokens + sums.input_tokens,
       output_tokens = b.output_tokens + sums.output_tokens
     FROM sums WHERE b.id = $2::bigint
     RETURNING sums.n AS n`,
    [job, batchId, payload, retriesAllowed],
  );
  return Number(row?.n ?? 0);
}

export async function finishCollect(
  sql: SqlClient,
  job: string,
  batchId: string,
  owner: string,
  missing: StoredRowError,
  then: "retry" | "fail" | "cancel",
) {
  return sql.transaction(async (tx) => {
    const held = await tx.query(
      "SELECT id FROM sb_batches WHERE id = $1::bigint AND lease_owner = $2 FOR UPDATE",
      [batchId, owner],
    );
    // Another process took the batch over (this one was too slow): it will finish it.
    if (held.length === 0) return 0;
    const rows = await tx.query(
      `UPDATE sb_rows s SET
         state = CASE
           WHEN $4 = 'retry' AND s.attempts <= j.max_retries THEN 'pending'
           WHEN $4 = 'cancel' THEN 'cancelled'
           ELSE 'failed' END,
         batch_id = CASE WHEN $4 = 'retry' AND s.attempts <= j.max_retries THEN NULL
           ELSE s.batch_id END,
         error = $3::jsonb, updated_at = now()
       FROM sb_jobs j
       WHERE j.name = $1 AND s.batch_id = $2::bigint AND s.state = 'submitted'
       RETURNING s.seq`,
      [job, batchId, JSON.stringify(missing), then],
    );
    await tx.query(
      `UPDATE sb_batches SET state = 'collected', collected_at = now(), lease_owner = NULL,
         lease_until = NULL
       WHERE id = $1::bigint`,
      [batchId],
    );
    return rows.length;
  });
}
