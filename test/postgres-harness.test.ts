// The Postgres test harness itself: a real server (15 or newer), fresh databases that are
// isolated and dropped, and no password in the errors it formats.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  connectPostgres,
  describePostgres,
  freshDatabase,
  redactSecrets,
  redactUrl,
  requirePostgresUrl,
  useFreshDatabase,
} from "./support/postgres.js";

describePostgres("PostgreSQL test server", () => {
  it("is PostgreSQL 15 or newer", async () => {
    const client = await connectPostgres(requirePostgresUrl());
    try {
      const { rows } = await client.query<{ version: string; num: string }>(
        "SELECT version() AS version, current_setting('server_version_num') AS num",
      );
      expect(rows[0]!.version).toMatch(/^PostgreSQL \d+/);
      expect(Number(rows[0]!.num)).toBeGreaterThanOrEqual(150_000);
    } finally {
      await client.end();
    }
  });

  it("gives each caller its own database: tables in one are not in the other", async () => {
    const url = requirePostgresUrl();
    const [a, b] = await Promise.all([freshDatabase(url), freshDatabase(url)]);
    try {
      expect(a.name).not.toBe(b.name);
      const inA = await connectPostgres(a.url);
      const inB = await connectPostgres(b.url);
      try {
        await inA.query("CREATE TABLE items (id text PRIMARY KEY, body jsonb NOT NULL)");
        await inA.query("INSERT INTO items VALUES ('r1', '{\"n\": 1}'), ('r2', '{\"n\": 2}')");
        const { rows } = await inA.query<{ n: number }>(
          "SELECT (body->>'n')::int AS n FROM items ORDER BY id",
        );
        expect(rows.map((r) => r.n)).toEqual([1, 2]);
        expect((await inA.query("SELECT current_database() AS db")).rows[0].db).toBe(a.name);

        const seen = await inB.query("SELECT to_regclass('public.items') AS t");
        expect(seen.rows[0].t).toBeNull();
        await inB.query("CREATE TABLE items (id text PRIMARY KEY)");
        expect((await inB.query("SELECT count(*)::int AS c FROM items")).rows[0].c).toBe(0);
      } finally {
        await inA.end();
        await inB.end();
      }
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  it("drops the database, even with a connection still open to it", async () => {
    const url = requirePostgresUrl();
    const db = await freshDatabase(url);
    const lingering = await connectPostgres(db.url);
    await db.drop();
    await db.drop(); // a second call does nothing
    await lingering.end().catch(() => {});
    const admin = await connectPostgres(url);
    try {
      const { rows } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [db.name]);
      expect(rows).toHaveLength(0);
    } finally {
      await admin.end();
    }
    await expect(connectPostgres(db.url)).rejects.toThrow(/does not exist/);
  });

  it("keeps a wrong password out of the error it throws, and names the redacted URL", async () => {
    const real = new URL(requirePostgresUrl());
    const wrong = `wrong${randomBytes(12).toString("hex")}`;
    const url = new URL(real);
    url.password = wrong;
    const error = await connectPostgres(url.toString()).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    // Booleans first: a failing match would print the message, and with it the secret.
    expect(error!.message.includes(real.password)).toBe(false);
    expect(String(error!.stack).includes(real.password)).toBe(false);
    expect(error!.message).not.toContain(wrong);
    expect(String(error!.stack)).not.toContain(wrong);
    expect(error!.message).toMatch(/password authentication failed/);
    expect(error!.message).toContain(`${real.hostname}:${real.port}`);
    expect(error!.message).toContain(":***@");
  });

  it("names the redacted URL, not the password, when creating a database fails", async () => {
    const real = new URL(requirePostgresUrl());
    const closed = new URL(real);
    closed.port = "1"; // nothing listens on port 1
    const error = await freshDatabase(closed.toString()).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message.includes(real.password)).toBe(false);
    expect(error!.message).toContain(`${real.hostname}:1`);
    expect(error!.message).toContain(":***@");
  });
});

describePostgres("useFreshDatabase", () => {
  const db = useFreshDatabase();

  it("connects the suite to its own database, owned by the test role", async () => {
    const client = await connectPostgres(db.url);
    try {
      const { rows } = await client.query(
        "SELECT current_database() AS db, pg_get_userbyid(datdba) = current_user AS owned FROM pg_database WHERE datname = current_database()",
      );
      expect(rows[0]).toEqual({ db: db.name, owned: true });
    } finally {
      await client.end();
    }
  });
});

describe("redacting PostgreSQL URLs", () => {
  it("hides the password in the user-info part and in a password parameter", () => {
    expect(redactUrl("postgres://me:s3cret@db.example:5432/app")).toBe(
      "postgres://me:***@db.example:5432/app",
    );
    expect(redactUrl("postgres://me@db.example/app?password=s3cret&sslmode=require")).toBe(
      "postgres://me@db.example/app?password=***&sslmode=require",
    );
    expect(redactUrl("postgres://me@db.example/app")).toBe("postgres://me@db.example/app");
  });

  it("hides the password wherever it appears in a message, raw or percent-encoded", () => {
    const url = "postgres://me:p%40ss%2Fword@db.example/app";
    const text = `connect ${url} failed; tried "p@ss/word" and p%40ss%2Fword`;
    const out = redactSecrets(text, url);
    expect(out).toBe('connect postgres://me:***@db.example/app failed; tried "***" and ***');
  });
});
