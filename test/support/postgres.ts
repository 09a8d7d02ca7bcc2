// A real PostgreSQL server for the tests. Where the URL comes from, in order:
// 1. SB_TEST_POSTGRES_URL (set by `.ci/run`, or by you to use your own server);
// 2. the server the global setup (./postgres-global-setup.ts) started for this run.
// When neither exists, postgresUnavailableReason() says why. The choice: with CI or
// SB_TEST_REQUIRE_POSTGRES set, a Postgres test then FAILS with that reason (a CI run that cannot
// reach Postgres must not pass green by skipping its store tests); elsewhere it is skipped, its
// suite named "... (skipped: <reason>)" and the reason printed once per file.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { POSTGRES_URL_ENV, redactSecrets, redactUrl } from "./postgres-url.js";

export { POSTGRES_URL_ENV, redactSecrets, redactUrl };

/** The server's URL, or undefined when there is none (see postgresUnavailableReason). */
export function postgresUrl(): string | undefined {
  return process.env[POSTGRES_URL_ENV] || (inject("sbTestPostgresUrl") as string | undefined);
}

/** Why there is no server, or undefined when there is one. */
export function postgresUnavailableReason(): string | undefined {
  if (postgresUrl()) return undefined;
  return (
    (inject("sbTestPostgresUnavailable") as string | undefined) ??
    `${POSTGRES_URL_ENV} is not set and the global setup (test/support/postgres-global-setup.ts) did not run`
  );
}

/** True where a missing server must fail the Postgres tests rather than skip them. */
export function postgresRequired(): boolean {
  return Boolean(process.env.CI || process.env.SB_TEST_REQUIRE_POSTGRES);
}

/** The URL, or an error saying why there is none. Call it in hooks and tests, not at load. */
export function requirePostgresUrl(): string {
  const url = postgresUrl();
  if (url) return url;
  throw new Error(`PostgreSQL is needed here but unavailable: ${postgresUnavailableReason()}`);
}

let warned = false;

/**
 * `describe` for tests that need PostgreSQL: runs when there is a server; without one it fails
 * (CI) or is skipped with the reason in its name (locally).
 * @example describePostgres("store on Postgres", () => { const db = useFreshDatabase(); ... });
 */
export function describePostgres(name: string, fn: () => void): void {
  const reason = postgresUnavailableReason();
  if (reason === undefined) {
    describe(name, fn);
  } else if (postgresRequired()) {
    describe(name, () => {
      beforeAll(() => {
        requirePostgresUrl();
      });
      fn();
    });
  } else {
    if (!warned) console.warn(`PostgreSQL tests skipped: ${reason}`);
    warned = true;
    describe.skip(`${name} (skipped: ${reason})`, fn);
  }
}

/**
 * A connected `pg` client; a failure to connect throws an error naming the (redacted) URL.
 * @example const client = await connectPostgres(db.url); await client.query("SELECT 1");
 */
export async function connectPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // An error event after connecting (server stopped) must not crash the test process.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new Error(formatPostgresError(error, url, "could not connect to"), { cause: error });
  }
  return client;
}

/** The error's message, prefixed with what was being done to which URL, password hidden. */
export function formatPostgresError(error: unknown, url: string, doing: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactSecrets(`${doing} ${url}: ${message}`, url);
}

export interface FreshDatabase {
  /** The database's name: unique per call. */
  name: string;
  /** The same server and role, this database. */
  url: string;
  /** Drops it (closing any connection still open to it); a second call does nothing. */
  drop(): Promise<void>;
}

/**
 * Creates a uniquely named database on the server at `url` (whose role needs CREATEDB), so that
 * test files running in parallel never see each other's tables.
 * @example const db = await freshDatabase(requirePostgresUrl()); try { ... } finally { await db.drop(); }
 */
export async function freshDatabase(url: string): Promise<FreshDatabase> {
  // Lower case letters, digits and _: no quoting needed, well under the 63-byte limit.
  const name = `sb_test_${process.pid}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const target = new URL(url);
  target.pathname = `/${name}`;
  await onServer(url, `CREATE DATABASE ${name}`, `could not create database ${name} on`, (m) =>
    /permission denied/i.test(m) ? " (the role needs CREATEDB)" : "",
  );
  let dropped = false;
  return {
    name,
    url: target.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      // An autovacuum worker on the database (after a test wrote many rows) has no role a
      // non-superuser may terminate, so FORCE fails with 42501 while it runs; it is short-lived.
      for (let attempt = 1; ; attempt++) {
        try {
          await onServer(
            url,
            `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`,
            `could not drop ${name} on`,
          );
          return;
        } catch (error) {
          const code = ((error as Error).cause as { code?: string } | undefined)?.code;
          if (code !== "42501" || attempt >= 40) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    },
  };
}

async function onServer(
  url: string,
  sql: string,
  doing: string,
  hint: (message: string) => string = () => "",
): Promise<void> {
  const client = await connectPostgres(url);
  try {
    await client.query(sql);
  } catch (error) {
    const message = formatPostgresError(error, url, doing);
    throw new Error(`${message}${hint(message)}`, { cause: error });
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for the enclosing suite: created in `beforeAll`, dropped in `afterAll`.
 * @example const db = useFreshDatabase(); it("...", async () => { await connectPostgres(db.url); });
 */
export function useFreshDatabase(): { readonly name: string; readonly url: string } {
  let database: FreshDatabase | undefined;
  beforeAll(async () => {
    database = await freshDatabase(requirePostgresUrl());
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    get name() {
      return requireCreated(database).name;
    },
    get url() {
      return requireCreated(database).url;
    },
  };
}

function requireCreated(database: FreshDatabase | undefined): FreshDatabase {
  if (!database) throw new Error("useFreshDatabase: read in a test or hook, after beforeAll");
  return database;
}
