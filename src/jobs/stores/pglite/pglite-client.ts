import { MissingDependencyError } from "../../../errors/missing-dependency-error.js";
import type { SqlClient, SqlExecutor } from "../sql-client.js";

/** The part of a PGlite instance the store uses (so a user's own instance is accepted). */
export interface PGliteLike {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  exec(sql: string): Promise<unknown>;
  transaction<T>(
    fn: (tx: { query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> }) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
  readonly closed?: boolean;
}

/**
 * Opens PGlite (Postgres compiled to WASM) in memory (`dataDir` undefined or `memory://`) or in
 * a directory. PGlite is an optional peer, loaded only here.
 */
export async function openPGlite(dataDir: string | undefined): Promise<PGliteLike> {
  let mod: { PGlite: { create(dataDir?: string): Promise<PGliteLike> } };
  try {
    mod = (await import("@electric-sql/pglite")) as unknown as typeof mod;
  } catch (error) {
    throw new MissingDependencyError("@electric-sql/pglite", "The embedded job store", {
      cause: error,
    });
  }
  return mod.PGlite.create(dataDir);
}

/**
 * A `SqlClient` over one PGlite instance. PGlite is one connection: its own mutex queues
 * queries and transactions, so steps in one process take turns, as on a one-connection pool.
 */
export function pgliteClient(
  db: PGliteLike,
  options: { owned: boolean; onClose?: () => Promise<void> },
): SqlClient {
  const executor = (
    q: PGliteLike | Parameters<Parameters<PGliteLike["transaction"]>[0]>[0],
  ): SqlExecutor => ({
    async query<R>(sql: string, params: readonly unknown[] = []) {
      return (await q.query<R>(sql, params as unknown[])).rows;
    },
  });
  const base = executor(db);
  return {
    kind: "pglite",
    query: base.query,
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    async exec(sql) {
      await db.exec(sql);
    },
    async close() {
      if (options.owned && db.closed !== true) await db.close();
      await options.onClose?.();
    },
  };
}
