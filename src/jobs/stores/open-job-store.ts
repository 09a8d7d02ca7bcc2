import { JobStoreUnavailableError } from "../../errors/job-store-unavailable-error.js";
import { MissingDependencyError } from "../../errors/missing-dependency-error.js";
import type { JobStore } from "./job-store.js";
import { migrate } from "./migrations.js";
import { openPGlite, type PGliteLike, pgliteClient } from "./pglite/pglite-client.js";
import { createPgPool, type PgPoolLike, postgresClient } from "./postgres/postgres-client.js";
import type { SqlClient } from "./sql-client.js";
import { SqlJobStore } from "./sql-job-store.js";

/**
 * Where a job store lives:
 * - `undefined` or `"memory://"`: PGlite in memory (gone when the process ends; for tests and
 *   one-process runs);
 * - a directory path (or `file://...`): PGlite on disk, created if missing (one process at a
 *   time: PGlite is embedded);
 * - `postgres://user:pass@host:5432/db` (or `postgresql://`): a PostgreSQL server through `pg`;
 * - `{ pool }`: your own `pg.Pool` (Neon, Supabase, RDS...), left open on `close()`;
 * - `{ pglite }`: your own PGlite instance, left open on `close()`.
 *
 * @example
 * await openJobStore("postgres://jobs:secret@127.0.0.1:5432/jobs");
 * await openJobStore("./.structured-batch"); // embedded, no server
 * await openJobStore({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) });
 */
export type JobStoreTarget =
  | string
  | undefined
  | { pool: PgPoolLike }
  | { pglite: PGliteLike }
  | JobStore;

/** A store URL or path with any password replaced, for messages and logs. */
export function describeStore(target: string): string {
  return target.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, "$1:***@");
}

const isPostgresUrl = (s: string) => /^postgres(ql)?:\/\//i.test(s);

/** Opens (and migrates) a job store; a `JobStore` passed in is returned as it is. */
export async function openJobStore(
  target: JobStoreTarget,
  options: { poolSize?: number } = {},
): Promise<JobStore> {
  if (target !== undefined && typeof target === "object" && "claimRows" in target) return target;
  let client: SqlClient;
  let label: string;
  try {
    if (target === undefined || target === "memory://") {
      label = "memory://";
      client = pgliteClient(await openPGlite(undefined), { owned: true });
    } else if (typeof target === "string") {
      label = describeStore(target);
      if (target.trim() === "") throw new JobStoreUnavailableError('""', "the store is empty");
      if (isPostgresUrl(target)) {
        client = postgresClient(await createPgPool(target, options.poolSize ?? 4), { owned: true });
      } else {
        const { lockDirectory } = await import("./pglite/directory-lock.js");
        const unlock = await lockDirectory(target.replace(/^file:\/\//, ""));
        try {
          client = pgliteClient(await openPGlite(target), { owned: true, onClose: unlock });
        } catch (error) {
          await unlock();
          throw error;
        }
      }
    } else if ("pool" in target) {
      label = "a pg pool";
      client = postgresClient(target.pool, { owned: false });
    } else {
      label = "a PGlite instance";
      client = pgliteClient(target.pglite, { owned: false });
    }
  } catch (error) {
    if (error instanceof JobStoreUnavailableError || error instanceof MissingDependencyError)
      throw error;
    throw new JobStoreUnavailableError(
      typeof target === "string" ? describeStore(target) : "(given store)",
      reasonOf(error),
      { cause: error },
    );
  }
  try {
    await migrate(client);
  } catch (error) {
    await client.close().catch(() => {});
    throw new JobStoreUnavailableError(label, reasonOf(error), { cause: error });
  }
  return new SqlJobStore(client);
}

/** The driver's reason, without anything that could be a credential. */
function reasonOf(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown[] };
  const message =
    typeof e?.message === "string" && e.message !== ""
      ? e.message
      : Array.isArray(e?.errors) && e.errors.length > 0
        ? String((e.errors[0] as { message?: unknown }).message ?? e.errors[0])
        : String(error);
  const code = typeof e?.code === "string" ? ` [${e.code}]` : "";
  return describeStore(message) + code;
}
