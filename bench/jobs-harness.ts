// What the job benches share: the rows and their prompt, a throwaway PostgreSQL server (the
// tests' script), job stores whose SQL time is metered, and a meter for time spent elsewhere.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "../src/jobs/stores/migrations.js";
import { openPGlite, pgliteClient } from "../src/jobs/stores/pglite/pglite-client.js";
import { createPgPool, postgresClient } from "../src/jobs/stores/postgres/postgres-client.js";
import type { SqlClient, SqlExecutor } from "../src/jobs/stores/sql-client.js";
import { SqlJobStore } from "../src/jobs/stores/sql-job-store.js";

/**
 * Wall time during which at least one metered call was in flight: overlapping calls (a
 * heartbeat beside a query) count once, so the figure can be subtracted from a wall time.
 */
export class BusyMeter {
  ms = 0;
  calls = 0;
  #depth = 0;
  #since = 0;

  enter(): void {
    if (this.#depth++ === 0) this.#since = performance.now();
  }

  exit(): void {
    if (--this.#depth === 0) this.ms += performance.now() - this.#since;
  }

  async time<T>(fn: () => Promise<T>): Promise<T> {
    this.calls++;
    this.enter();
    try {
      return await fn();
    } finally {
      this.exit();
    }
  }

  reset(): void {
    this.ms = 0;
    this.calls = 0;
  }
}

/**
 * A `SqlClient` whose database time goes to `meter`: every query, and the part of a
 * transaction outside its callback (BEGIN, COMMIT, waiting for PGlite's one connection).
 * The callback's own JavaScript (a claim builds its batch inside the transaction) is not
 * database time, so the meter is left while it runs, except during its queries.
 */
export function meteredClient(client: SqlClient, meter: BusyMeter): SqlClient {
  const executor = (q: SqlExecutor): SqlExecutor => ({
    query: (sql, params) => meter.time(() => q.query(sql, params)),
  });
  return {
    kind: client.kind,
    query: executor(client).query,
    transaction: (fn) =>
      meter.time(() =>
        client.transaction(async (tx) => {
          meter.exit();
          try {
            return await fn(executor(tx));
          } finally {
            meter.enter();
          }
        }),
      ),
    exec: (sql) => meter.time(() => client.exec(sql)),
    close: () => client.close(),
  };
}

export type StoreKind = "pglite" | "postgres" | "pglite-dir";

/**
 * A migrated, empty job store of `kind` (a PostgreSQL store is emptied first: the runs share
 * one server), its SQL metered. `where` is the server URL or the PGlite directory.
 */
export async function openMeteredStore(kind: StoreKind, meter: BusyMeter, where?: string) {
  const client =
    kind === "postgres"
      ? postgresClient(await createPgPool(where!, 4), { owned: true })
      : pgliteClient(await openPGlite(kind === "pglite" ? undefined : where), { owned: true });
  await migrate(client);
  if (kind === "postgres") await client.exec("TRUNCATE sb_rows, sb_batches, sb_jobs");
  return new SqlJobStore(meteredClient(client, meter));
}

const script = fileURLToPath(new URL("../scripts/postgres-test-server.sh", import.meta.url));

function runScript(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("bash", [script, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim() || error.message, { cause: error }));
      else resolve(stdout.trim());
    });
  });
}

/**
 * A throwaway PostgreSQL server (stopped by `stop`, or by the script's watcher if this process
 * dies first), or the reason there is none. `SB_TEST_POSTGRES_URL` is used when set.
 */
export async function startPostgres(): Promise<
  { url: string; stop: () => Promise<void> } | { unavailable: string }
> {
  const given = process.env.SB_TEST_POSTGRES_URL;
  if (given) return { url: given, stop: async () => {} };
  try {
    const dir = await runScript(["start", "--watch-pid", String(process.pid)]);
    const url = (await readFile(join(dir, "url"), "utf8")).trim();
    return { url, stop: () => runScript(["stop", dir]).then(() => undefined) };
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
}

/** A bench row: a stable id and the text the prompt wraps (the issue 8 workload's text). */
export interface BenchRow {
  id: string;
  text: string;
}

const FIRST = ["John", "Jane", "Bob", "Alice", "Carlos", "Mei", "Olu", "Priya"];
const LAST = ["Doe", "Smith", "Wilson", "Garcia", "Chen", "Okafor", "Patel", "Novak"];

export function* benchRows(n: number): Generator<BenchRow> {
  for (let i = 0; i < n; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i >> 3) % LAST.length]!;
    yield {
      id: `row-${i}`,
      text: `${first} ${last} is ${20 + (i % 50)} years old and can be reached at ${first.toLowerCase()}.${last.toLowerCase()}${i}@example.com`,
    };
  }
}

export const benchPrompt = (row: BenchRow) => [
  {
    role: "system" as const,
    content: "You are a helpful assistant that extracts user information.",
  },
  { role: "user" as const, content: `Extract: ${row.text}` },
];

export const INSTANT = { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 };
