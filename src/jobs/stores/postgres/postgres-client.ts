import { MissingDependencyError } from "../../../errors/missing-dependency-error.js";
import type { SqlClient, SqlExecutor } from "../sql-client.js";

/** The part of a `pg` client the store uses. */
export interface PgQueryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}
/** A `pg.Pool` (or anything with the same `connect`/`query`/`end`). */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgQueryable & { release(error?: Error | boolean): void }>;
  end(): Promise<void>;
}

/** Creates a `pg.Pool` for a connection string; `pg` is an optional peer, loaded only here. */
export async function createPgPool(connectionString: string, max: number): Promise<PgPoolLike> {
  let pg: {
    default?: { Pool: new (c: object) => PgPoolLike };
    Pool?: new (c: object) => PgPoolLike;
  };
  try {
    pg = (await import("pg")) as unknown as typeof pg;
  } catch (error) {
    throw new MissingDependencyError("pg", "The PostgreSQL job store", { cause: error });
  }
  const Pool = pg.Pool ?? pg.default?.Pool;
  if (Pool === undefined) throw new MissingDependencyError("pg", "The PostgreSQL job store");
  const pool = new Pool({ connectionString, max, connectionTimeoutMillis: 10_000 });
  // An idle client's error (server restart) would otherwise crash the process: the next query
  // reports it instead.
  (pool as unknown as { on?(event: string, fn: () => void): void }).on?.("error", () => {});
  return pool;
}

/**
 * A `SqlClient` over a pool: each transaction checks out one client for its whole length,
 * which is what makes `FOR UPDATE SKIP LOCKED` claims safe across processes.
 */
export function postgresClient(pool: PgPoolLike, options: { owned: boolean }): SqlClient {
  return {
    kind: "postgres",
    async query<R>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(sql, params as unknown[])).rows as R[];
    },
    async transaction(fn) {
      const client = await pool.connect();
      const tx: SqlExecutor = {
        async query<R>(sql: string, params: readonly unknown[] = []) {
          return (await client.query(sql, params as unknown[])).rows as R[];
        },
      };
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const value = await fn(tx);
        await client.query("COMMIT");
        return value;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch (rollbackError) {
          // A connection that cannot roll back is discarded, not handed to the next caller.
          broken =
            rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        client.release(broken ?? false);
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      if (options.owned) await pool.end();
    },
  };
}
