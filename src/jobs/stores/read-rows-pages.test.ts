import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobStore } from "./job-store.js";
import { openJobStore } from "./open-job-store.js";

// Reading a job's results a page at a time must cost the same for every page: a page that made
// the database fetch (and sort) every row after the cursor made reading a whole job quadratic.
// The database's own count of rows read (EXPLAIN ANALYZE) is checked, not a time.
const ROWS = 3_000;
const PAGE = 100;

interface PlanNode {
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
}

function rowsReadFromSbRows(node: PlanNode): number {
  const own =
    node["Relation Name"] === "sb_rows"
      ? (node["Actual Rows"] ?? 0) * (node["Actual Loops"] ?? 1)
      : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsReadFromSbRows(child), 0);
}

describe("JobStore.readRows pages", () => {
  let db: PGlite;
  let store: JobStore;
  let last: { sql: string; params: unknown[] } | undefined;

  beforeAll(async () => {
    db = await PGlite.create();
    // The store's queries pass through here, so the test can ask how the last page was read.
    const spy = {
      query: <R>(sql: string, params?: unknown[]) => {
        if (/FROM sb_rows/.test(sql) && /LIMIT/.test(sql)) last = { sql, params: params ?? [] };
        return db.query<R>(sql, params);
      },
      exec: (sql: string) => db.exec(sql),
      transaction: db.transaction.bind(db),
      close: () => db.close(),
    };
    store = await openJobStore({ pglite: spy as never });
    await store.ensureJob({
      name: "j",
      provider: "openai",
      model: "gpt-4o-mini",
      configHash: "h",
      config: {},
      maxRetries: 0,
    });
    async function* chunks() {
      for (let i = 0; i < ROWS; i += 1_000) {
        yield Array.from({ length: 1_000 }, (_, k) => ({ id: `r${i + k}`, input: { n: i + k } }));
      }
    }
    await store.addRows("j", chunks());
    // Most rows succeeded; every 7th failed, every 11th (not 7th) was cancelled.
    await db.query(
      `UPDATE sb_rows SET state = CASE
         WHEN (input->>'n')::int % 7 = 0 THEN 'failed'
         WHEN (input->>'n')::int % 11 = 0 THEN 'cancelled'
         ELSE 'succeeded' END`,
    );
  });

  afterAll(async () => {
    await db.close();
  });

  async function rowsReadByLastPage(): Promise<number> {
    const [row] = (
      await db.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${last!.sql}`,
        last!.params,
      )
    ).rows;
    return rowsReadFromSbRows(row!["QUERY PLAN"][0]!.Plan);
  }

  it("reads at most a page per state from the table, wherever the cursor is", async () => {
    for (const states of [["succeeded"], ["failed", "cancelled"]] as const) {
      const page = await store.readRows("j", [...states], "0", PAGE);
      expect(page).toHaveLength(PAGE);
      expect(await rowsReadByLastPage()).toBeLessThanOrEqual(PAGE * states.length);
    }
  });

  it("pages through two states in numeric store order, every row once", async () => {
    const seen: number[] = [];
    let after = "0";
    for (;;) {
      const page = await store.readRows("j", ["failed", "cancelled"], after, PAGE);
      seen.push(...page.map((r) => (r.input as { n: number }).n));
      expect(page.every((r) => r.state === "failed" || r.state === "cancelled")).toBe(true);
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.seq;
    }
    const expected = Array.from({ length: ROWS }, (_, n) => n).filter(
      (n) => n % 7 === 0 || n % 11 === 0,
    );
    expect(seen).toEqual(expected);
  });
});
