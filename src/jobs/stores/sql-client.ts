/**
 * The little a job store needs from a PostgreSQL connection: parameterised queries and
 * transactions. PGlite and `pg` each get a thin adapter, so both run exactly the same SQL.
 */
export interface SqlExecutor {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface SqlClient extends SqlExecutor {
  /** Which driver: shown by `progress()` and the CLI, never with credentials. */
  readonly kind: "pglite" | "postgres";
  /**
   * Runs `fn` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws (and the error rethrown).
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Several statements at once, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Closes what the store opened; a pool or client the user passed in is left open. */
  close(): Promise<void>;
}
