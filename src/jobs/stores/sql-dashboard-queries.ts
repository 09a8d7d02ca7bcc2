import type {
  ErrorGroup,
  ProgressSample,
  RowSearch,
  RowState,
  StoredRowOutcome,
  StoreProgress,
} from "./job-store.js";
import type { SqlExecutor } from "./sql-client.js";
import { type OutcomeRow, toRowOutcome } from "./sql-rows.js";

// What the dashboard reads (and the one thing it may write: a retry of failed rows). Each read
// is bounded by an index range or by the rows that have an error, never a scan of the job's
// rows, so a page of a two-million-row job costs what a page of a small one does.

const COUNTS = ["pending", "submitted", "succeeded", "failed", "cancelled"] as const;

export async function recordSample(
  sql: SqlExecutor,
  job: string,
  progress: StoreProgress,
  minIntervalMs: number,
): Promise<void> {
  const values = [
    ...COUNTS.map((state) => progress.rows[state]),
    progress.usage.inputTokens,
    progress.usage.outputTokens,
  ];
  await sql.query(
    `INSERT INTO sb_job_samples
       (job, pending, submitted, succeeded, failed, cancelled, input_tokens, output_tokens)
     SELECT $1, $2::bigint, $3::bigint, $4::bigint, $5::bigint, $6::bigint, $7::bigint, $8::bigint
     WHERE NOT EXISTS (
       SELECT 1 FROM (
         SELECT * FROM sb_job_samples WHERE job = $1 ORDER BY id DESC LIMIT 1) l
       WHERE l.pending = $2::bigint AND l.submitted = $3::bigint AND l.succeeded = $4::bigint
         AND l.failed = $5::bigint AND l.cancelled = $6::bigint
         AND l.input_tokens = $7::bigint AND l.output_tokens = $8::bigint
         AND l.at > clock_timestamp() - ($9::float8 * interval '1 millisecond'))`,
    [job, ...values, minIntervalMs],
  );
}

export async function progressHistory(
  sql: SqlExecutor,
  job: string,
  maxPoints: number,
): Promise<ProgressSample[]> {
  const rows = await sql.query<
    Record<(typeof COUNTS)[number], number> & {
      at: Date;
      input_tokens: number;
      output_tokens: number;
    }
  >(
    // Every k-th sample and the last one: an even thinning that keeps the chart's shape.
    `SELECT at, pending::float8 AS pending, submitted::float8 AS submitted,
       succeeded::float8 AS succeeded, failed::float8 AS failed, cancelled::float8 AS cancelled,
       input_tokens::float8 AS input_tokens, output_tokens::float8 AS output_tokens
     FROM (
       SELECT *, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS total
       FROM sb_job_samples WHERE job = $1) s
     WHERE s.total <= $2 OR s.rn = s.total
       OR (s.rn - 1) % ceil(s.total::float8 / $2::float8)::bigint = 0
     ORDER BY s.id`,
    [job, maxPoints],
  );
  return rows.map((r) => ({
    at: new Date(r.at),
    rows: Object.fromEntries(COUNTS.map((state) => [state, Number(r[state])])) as Record<
      RowState,
      number
    >,
    usage: { inputTokens: Number(r.input_tokens), outputTokens: Number(r.output_tokens) },
  }));
}

export async function errorGroups(
  sql: SqlExecutor,
  job: string,
  samples: number,
): Promise<ErrorGroup[]> {
  const rows = await sql.query<{
    type: string;
    failed: number;
    retrying: number;
    cancelled: number;
    seq: string | null;
    row_id: string | null;
    row_state: RowState | null;
    message: string | null;
  }>(
    // Rows keep their last error while a retry is pending, so "retrying" is what is failing now
    // and "failed" what failed for good. Messages are cut: a sample is for reading, not export.
    `WITH g AS (
       SELECT coalesce(error->>'type', 'unknown') AS type,
         count(*) FILTER (WHERE state = 'failed')::float8 AS failed,
         count(*) FILTER (WHERE state IN ('pending', 'submitted'))::float8 AS retrying,
         count(*) FILTER (WHERE state = 'cancelled')::float8 AS cancelled
       FROM sb_rows WHERE job = $1 AND error IS NOT NULL
       GROUP BY 1
     )
     SELECT g.type, g.failed, g.retrying, g.cancelled, s.seq, s.row_id, s.row_state, s.message
     FROM g LEFT JOIN LATERAL (
       SELECT r.seq::text AS seq, r.row_id, r.state AS row_state,
         left(coalesce(r.error->>'message', ''), 500) AS message
       FROM sb_rows r
       WHERE r.job = $1 AND r.error IS NOT NULL
         AND coalesce(r.error->>'type', 'unknown') = g.type
       ORDER BY r.seq LIMIT $2) s ON true
     ORDER BY g.failed + g.retrying + g.cancelled DESC, g.type, s.seq::bigint`,
    [job, samples],
  );
  const groups = new Map<string, ErrorGroup>();
  for (const r of rows) {
    let group = groups.get(r.type);
    if (group === undefined) {
      group = {
        type: r.type,
        failed: Number(r.failed),
        retrying: Number(r.retrying),
        cancelled: Number(r.cancelled),
        samples: [],
      };
      groups.set(r.type, group);
    }
    if (r.seq !== null) {
      group.samples.push({
        seq: r.seq,
        rowId: r.row_id ?? "",
        state: r.row_state ?? "failed",
        message: r.message ?? "",
      });
    }
  }
  return [...groups.values()];
}

/** `text` as an ILIKE pattern that matches it literally anywhere. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function searchRows(
  sql: SqlExecutor,
  job: string,
  search: RowSearch,
): Promise<StoredRowOutcome[]> {
  const backwards = search.beforeSeq !== undefined;
  const cursor = backwards ? search.beforeSeq : (search.afterSeq ?? "0");
  const text = search.text?.trim() ? containsPattern(search.text.trim()) : null;
  const direction = backwards ? "DESC" : "";
  const compare = backwards ? "<" : ">";
  // One ordered range of the (job, state, seq) index per state, each stopped at the page size:
  // with `state = ANY(...)` the database fetched every row after the cursor and sorted them for
  // each page, so reading a whole job (readRows, which is this without text) was quadratic.
  const rows = await sql.query<OutcomeRow>(
    `SELECT r.seq::text AS seq, r.row_id, r.input, r.state, r.attempts, r.result, r.error,
       r.usage
     FROM unnest($2::text[]) AS wanted(state)
     CROSS JOIN LATERAL (
       SELECT s.seq, s.row_id, s.input, s.state, s.attempts, s.result, s.error, s.usage
       FROM sb_rows s
       WHERE s.job = $1 AND s.state = wanted.state AND s.seq ${compare} $3::bigint
         AND ($5::text IS NULL OR s.row_id ILIKE $5 OR s.input::text ILIKE $5
           OR s.result::text ILIKE $5 OR s.error::text ILIKE $5)
       ORDER BY s.seq ${direction} LIMIT $4) r
     ORDER BY r.seq ${direction} LIMIT $4`,
    [job, search.states, cursor, search.limit, text],
  );
  const page = rows.map(toRowOutcome);
  return backwards ? page.reverse() : page;
}

export async function retryFailed(
  sql: SqlExecutor,
  job: string,
  errorType: string | undefined,
): Promise<number> {
  const rows = await sql.query(
    `UPDATE sb_rows SET state = 'pending', batch_id = NULL, updated_at = now()
     WHERE job = $1 AND state = 'failed'
       AND ($2::text IS NULL OR coalesce(error->>'type', 'unknown') = $2)
       AND EXISTS (SELECT 1 FROM sb_jobs WHERE name = $1 AND state = 'active')
     RETURNING seq`,
    [job, errorType ?? null],
  );
  return rows.length;
}
