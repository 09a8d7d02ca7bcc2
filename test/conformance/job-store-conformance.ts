// One suite, run over every JobStore implementation (PGlite and PostgreSQL: the Hono way): the
// same claims, leases and idempotent writes must hold on both, with the same SQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/errors/index.js";
import type { JobStore } from "../../src/jobs/index.js";
import type { ClaimedRow, ResultWrite } from "../../src/jobs/stores/job-store.js";
import { MIGRATIONS } from "../../src/jobs/stores/migrations.js";

export interface StoreHarness {
  /** A new store over the same database (another process's view, on Postgres). */
  open(): Promise<JobStore>;
  /** Raw SQL on that database, as a user querying the results would run it. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

let jobCounter = 0;
const freshJob = () => `job-${process.pid}-${++jobCounter}`;

const plan = (take?: number) => async (rows: ClaimedRow[]) => ({
  take: take ?? rows.length,
  token: crypto.randomUUID(),
});

async function* chunksOf<T>(...chunks: T[][]) {
  for (const c of chunks) yield c;
}

const rowsNamed = (n: number, prefix = "r") =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, input: { i, text: `row ${i}` } }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function jobStoreConformance(label: string, makeHarness: () => Promise<StoreHarness>) {
  describe(`JobStore conformance: ${label}`, () => {
    let h: StoreHarness;
    let store: JobStore;
    beforeAll(async () => {
      h = await makeHarness();
      store = await h.open();
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      await h?.close();
    });

    async function newJob(maxRetries = 2) {
      const name = freshJob();
      await store.ensureJob({
        name,
        provider: "openai",
        model: "gpt-4o-mini",
        configHash: "h1",
        config: { schema: { type: "object" } },
        maxRetries,
      });
      return name;
    }

    it("applies the schema once, however often it is opened", async () => {
      const again = await h.open();
      await again.close();
      const versions = await h.query<{ version: number }>(
        "SELECT version FROM sb_schema_migrations ORDER BY version",
      );
      expect(versions.map((v) => Number(v.version))).toEqual([1, 2]);
      expect(MIGRATIONS.map((m) => m.version)).toEqual([1, 2]);
    });

    it("creates a job once and returns the stored one when opened again", async () => {
      const name = freshJob();
      const base = {
        name,
        provider: "openai",
        model: "m",
        configHash: "a",
        config: { x: 1 },
        maxRetries: 3,
      };
      const first = await store.ensureJob(base);
      const second = await store.ensureJob({ ...base, configHash: "b", config: { x: 2 } });
      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(second.record).toMatchObject({
        configHash: "a",
        config: { x: 1 },
        maxRetries: 3,
        state: "active",
      });
      expect((await store.listJobs()).map((j) => j.name)).toContain(name);
    });

    it("adds rows idempotently and refuses a duplicate id within one add, keeping nothing", async () => {
      const job = await newJob();
      expect(await store.addRows(job, chunksOf(rowsNamed(30)))).toEqual({ added: 30, skipped: 0 });
      expect(await store.addRows(job, chunksOf(rowsNamed(40)))).toEqual({ added: 10, skipped: 30 });
      const dup = store.addRows(
        job,
        chunksOf<{ id: string; input: unknown }>(rowsNamed(5, "new"), [{ id: "new2", input: {} }]),
      );
      await expect(dup).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(dup).rejects.toMatchObject({ issues: [{ code: "duplicate_row_id" }] });
      expect((await store.progress(job)).rows.pending).toBe(40);
    });

    it("never hands the same row to two concurrent claims", async () => {
      const job = await newJob();
      await store.addRows(job, chunksOf(rowsNamed(50)));
      const others = await Promise.all(Array.from({ length: 7 }, () => h.open()));
      try {
        const claimers = [store, ...others];
        const claims = await Promise.all(
          claimers.map((s, i) => s.claimRows(job, 10, `owner-${i}`, 60_000, plan())),
        );
        const seqs = claims.flatMap((c) => c?.rows.map((r) => r.seq) ?? []);
        expect(seqs.length).toBe(50);
        expect(new Set(seqs).size).toBe(50);
        expect(claims.filter((c) => c !== undefined).length).toBe(5);
        for (const c of claims)
          if (c) expect(c.batch).toMatchObject({ state: "intent", requestCount: c.rows.length });
        expect(await store.claimRows(job, 10, "late", 60_000, plan())).toBeUndefined();
        expect(await store.countActiveBatches(job)).toBe(5);
        expect((await store.progress(job)).rows).toMatchObject({ pending: 0, submitted: 50 });
      } finally {
        await Promise.all(others.map((s) => s.close()));
      }
    });

    it("claims rows in the order they were added, sends only what the plan takes, rolls back a failed plan", async () => {
      const job = await newJob();
      await store.addRows(job, chunksOf(rowsNamed(12)));
      const claim = await store.claimRows(job, 10, "o", 60_000, plan(4));
      expect(claim?.rows.map((r) => r.rowId)).toEqual(["r0", "r1", "r2", "r3"]);
      expect(claim?.rows[0]?.input).toEqual({ i: 0, text: "row 0" });
      const failing = store.claimRows(job, 10, "o", 60_000, async () => {
        throw new Error("prompt failed");
      });
      await expect(failing).rejects.toThrow("prompt failed");
      expect((await store.progress(job)).rows).toMatchObject({ pending: 8, submitted: 4 });
      expect((await store.listBatches(job)).length).toBe(1);
      const next = await store.claimRows(job, 3, "o", 60_000, plan());
      expect(next?.rows.map((r) => r.rowId)).toEqual(["r4", "r5", "r6"]);
    });

    it("leaves a live intent alone and recovers one whose lease ran out", async () => {
      const job = await newJob();
      await store.addRows(job, chunksOf(rowsNamed(6)));
      const a = (await store.claimRows(job, 3, "alive", 60_000, plan()))!;
      const b = (await store.claimRows(job, 3, "dead", 150, plan()))!;
      expect(await store.claimStaleIntents(job, "rescuer", 60_000, 10)).toEqual([]);
      await sleep(300);
      const stale = await store.claimStaleIntents(job, "rescuer", 60_000, 10);
      expect(stale.map((s) => s.id)).toEqual([b.batch.id]);
      expect(stale[0]!.token).toBe(b.batch.token);
      // The dead owner came back too late: its record is refused.
      expect(await store.recordCreated(b.batch.id, "dead", "batch_late")).toBe(false);
      expect(await store.adoptIntent(b.batch.id, "rescuer", "batch_found")).toBe(true);
      expect(await store.recordCreated(a.batch.id, "alive", "batch_a")).toBe(true);
      const known = await store.knownProviderBatchIds();
      expect(known.has("batch_a") && known.has("batch_found") && !known.has("batch_late")).toBe(
        true,
      );
    });

    it("puts an abandoned intent's rows back without counting the attempt; a refused one fails them", async () => {
      const job = await newJob();
      await store.addRows(job, chunksOf(rowsNamed(4)));
      const a = (await store.claimRows(job, 2, "x", 100, plan()))!;
      await sleep(200);
      await store.claimStaleIntents(job, "y", 60_000, 10);
      expect(await store.abandonIntent(a.batch.id, "x")).toBe(0);
      expect(await store.abandonIntent(a.batch.id, "y")).toBe(2);
      const pending = await store.readRows(job, ["pending"], "0", 10);
      expect(pending.map((r) => [r.rowId, r.attempts])).toEqual([
        ["r0", 0],
        ["r1", 0],
        ["r2", 0],
        ["r3", 0],
      ]);
      const b = (await store.claimRows(job, 2, "z", 60_000, plan()))!;
      expect(
        await store.failIntent(b.batch.id, "z", {
          type: "provider_error",
          message: "refused",
          statusCode: 400,
        }),
      ).toBe(2);
      const failed = await store.readRows(job, ["failed"], "0", 10);
      expect(failed.map((r) => r.error?.statusCode)).toEqual([400, 400]);
    });

    it("keeps a lease alive with heartbeats", async () => {
      const job = await newJob();
      await store.addRows(job, chunksOf(rowsNamed(2)));
      const a = (await store.claimRows(job, 2, "beating", 200, plan()))!;
      for (let i = 0; i < 4; i++) {
        await sleep(100);
        expect(await store.heartbeat(a.batch.id, "beating", 200)).toBe(true);
      }
      expect(await store.claimStaleIntents(job, "other", 60_000, 10)).toEqual([]);
      expect(await store.heartbeat(a.batch.id, "someone-else", 200)).toBe(false);
    });

    async function submitted(job: string, n: number) {
      await store.addRows(job, chunksOf(rowsNamed(n)));
      const claim = (await store.claimRows(job, n, "o", 60_000, plan()))!;
      await store.recordCreated(claim.batch.id, "o", `batch_${job}`);
      return claim;
    }

    it("writes results once: a second download changes nothing and counts no tokens", async () => {
      const job = await newJob();
      const { batch, rows } = await submitted(job, 3);
      const writes: ResultWrite[] = rows.map((r, i) => ({
        seq: r.seq,
        ok: true,
        value: { name: `n${i}`, age: i },
        usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
        retryable: false,
      }));
      expect(await store.applyResults(job, batch.id, writes, true)).toBe(3);
      expect(await store.applyResults(job, batch.id, writes, true)).toBe(0);
      const progress = await store.progress(job);
      expect(progress.rows.succeeded).toBe(3);
      expect(progress.usage).toEqual({ inputTokens: 30, outputTokens: 15 });
      // Results are JSONB next to their row id: plain SQL reads them.
      const viaSql = await h.query<{ row_id: string; name: string }>(
        "SELECT row_id, result->>'name' AS name FROM sb_rows WHERE job = $1 ORDER BY seq",
        [job],
      );
      expect(viaSql).toEqual([
        { row_id: "r0", name: "n0" },
        { row_id: "r1", name: "n1" },
        { row_id: "r2", name: "n2" },
      ]);
    });

    it("retries a retryable failure while retries last, and fails the rest", async () => {
      const job = await newJob(1);
      const { batch, rows } = await submitted(job, 3);
      const error = { type: "provider_error" as const, message: "overloaded", statusCode: 529 };
      await store.applyResults(
        job,
        batch.id,
        [
          { seq: rows[0]!.seq, ok: false, error, retryable: true },
          {
            seq: rows[1]!.seq,
            ok: false,
            error: { type: "refusal", message: "no" },
            retryable: false,
          },
        ],
        true,
      );
      expect(
        await store.finishCollect(
          job,
          batch.id,
          "not-the-owner",
          { type: "missing", message: "m" },
          "retry",
        ),
      ).toBe(0);
      // The collector holds the batch: claimed as due.
      const [due] = await store.claimDueBatches(job, "collector", 60_000, 5);
      expect(due?.id).toBe(batch.id);
      expect(
        await store.finishCollect(
          job,
          batch.id,
          "collector",
          { type: "missing", message: "absent" },
          "retry",
        ),
      ).toBe(1);
      const byId = Object.fromEntries(
        (await store.readRows(job, ["pending", "failed"], "0", 10)).map((r) => [r.rowId, r]),
      );
      expect(byId.r0).toMatchObject({ state: "pending", attempts: 1, error: { statusCode: 529 } });
      expect(byId.r1).toMatchObject({ state: "failed", error: { type: "refusal" } });
      expect(byId.r2).toMatchObject({
        state: "pending",
        error: { type: "missing", message: "absent" },
      });
      // Second send: the last allowed; failing again is final.
      const again = (await store.claimRows(job, 10, "o", 60_000, plan()))!;
      expect(again.rows.map((r) => r.rowId)).toEqual(["r0", "r2"]);
      await store.recordCreated(again.batch.id, "o", "batch_retry");
      await store.applyResults(
        job,
        again.batch.id,
        [{ seq: rows[0]!.seq, ok: false, error, retryable: true }],
        true,
      );
      const r0 = (await store.readRows(job, ["failed"], "0", 10)).find((r) => r.rowId === "r0");
      expect(r0).toMatchObject({ attempts: 2, state: "failed" });
    });

    it("hands each due batch to one claimer and looks again after the poll interval", async () => {
      const job = await newJob();
      await store.addRows(job, chunksOf(rowsNamed(6)));
      for (let i = 0; i < 3; i++) {
        const c = (await store.claimRows(job, 2, "o", 60_000, plan()))!;
        await store.recordCreated(c.batch.id, "o", `batch_${job}_${i}`);
      }
      const others = await Promise.all(Array.from({ length: 3 }, () => h.open()));
      try {
        const got = await Promise.all(
          [store, ...others].map((s, i) => s.claimDueBatches(job, `p${i}`, 60_000, 2)),
        );
        const ids = got.flat().map((b) => b.id);
        expect(ids.length).toBe(3);
        expect(new Set(ids).size).toBe(3);
      } finally {
        await Promise.all(others.map((s) => s.close()));
      }
      expect(await store.claimDueBatches(job, "q", 60_000, 5)).toEqual([]);
      const batches = await store.listBatches(job);
      const owners = await h.query<{ id: string; lease_owner: string }>(
        "SELECT id::text AS id, lease_owner FROM sb_batches WHERE job = $1",
        [job],
      );
      for (const o of owners)
        await store.releaseBatch(o.id, o.lease_owner, {
          nextCheckInMs: 60_000,
          providerStatus: "in_progress",
        });
      expect(await store.claimDueBatches(job, "q", 60_000, 5)).toEqual([]);
      await store.releaseBatch(batches[0]!.id, "nobody", { nextCheckInMs: 0 });
      expect(await store.claimDueBatches(job, "q", 60_000, 5)).toEqual([]);
      const [first] = await h.query<{ provider_status: string }>(
        "SELECT provider_status FROM sb_batches WHERE id = $1::bigint",
        [batches[0]!.id],
      );
      expect(first?.provider_status).toBe("in_progress");
    });

    it("reads rows after a cursor in the order they were added, past 9 -> 10 -> 100", async () => {
      const job = await newJob();
      await store.addRows(job, chunksOf(rowsNamed(120)));
      const seen: string[] = [];
      let after = "0";
      for (;;) {
        const page = await store.readRows(job, ["pending"], after, 7);
        seen.push(...page.map((r) => r.rowId));
        if (page.length < 7) break;
        after = page[page.length - 1]!.seq;
      }
      expect(seen).toEqual(rowsNamed(120).map((r) => r.id));
    });

    it("cancels a job: pending rows cancelled, running batches returned", async () => {
      const job = await newJob();
      await store.addRows(job, chunksOf(rowsNamed(5)));
      const c = (await store.claimRows(job, 2, "o", 60_000, plan()))!;
      await store.recordCreated(c.batch.id, "o", `batch_${job}`);
      const running = await store.cancelJob(job);
      expect(running.map((b) => b.providerBatchId)).toEqual([`batch_${job}`]);
      expect((await store.getJob(job))?.state).toBe("cancelled");
      expect(await store.countActiveBatches(job)).toBe(1);
      expect((await store.progress(job)).rows).toMatchObject({
        pending: 0,
        cancelled: 3,
        submitted: 2,
      });
    });

    it("records progress samples: a changed count always, the same counts only after the interval", async () => {
      const job = await newJob();
      const at = (pending: number, succeeded = 0) => ({
        rows: { pending, submitted: 0, succeeded, failed: 0, cancelled: 0 },
        batches: { intent: 0, submitted: 0, collecting: 0, collected: 0, abandoned: 0 },
        usage: { inputTokens: succeeded * 10, outputTokens: succeeded },
      });
      await store.recordSample(job, at(5), 60_000);
      await store.recordSample(job, at(5), 60_000); // unchanged, too soon: no point
      await store.recordSample(job, at(3, 2), 60_000);
      let history = await store.progressHistory(job, 100);
      expect(history.map((p) => [p.rows.pending, p.rows.succeeded])).toEqual([
        [5, 0],
        [3, 2],
      ]);
      expect(history[1]!.usage).toEqual({ inputTokens: 20, outputTokens: 2 });
      expect(history[0]!.at.getTime()).toBeLessThanOrEqual(history[1]!.at.getTime());
      await sleep(5);
      await store.recordSample(job, at(3, 2), 1); // unchanged but older than 1 ms: a point
      history = await store.progressHistory(job, 100);
      expect(history).toHaveLength(3);
    });

    it("thins a long history evenly to about maxPoints, keeping the first and the last", async () => {
      const job = await newJob();
      for (let i = 0; i < 50; i++) {
        await store.recordSample(
          job,
          {
            rows: { pending: 50 - i, submitted: 0, succeeded: i, failed: 0, cancelled: 0 },
            batches: { intent: 0, submitted: 0, collecting: 0, collected: 0, abandoned: 0 },
            usage: { inputTokens: 0, outputTokens: 0 },
          },
          60_000,
        );
      }
      const thin = await store.progressHistory(job, 10);
      expect(thin.length).toBeGreaterThanOrEqual(9);
      expect(thin.length).toBeLessThanOrEqual(11);
      expect(thin[0]!.rows.succeeded).toBe(0);
      expect(thin[thin.length - 1]!.rows.succeeded).toBe(49);
      const steps = thin.slice(1).map((p, i) => p.rows.succeeded - thin[i]!.rows.succeeded);
      expect(Math.max(...steps.slice(0, -1))).toBe(Math.min(...steps.slice(0, -1)));
      expect((await store.progressHistory(job, 100)).length).toBe(50);
    });

    it("groups rows with errors by type, failed apart from retrying, with samples", async () => {
      const job = await newJob(1);
      const { batch, rows } = await submitted(job, 5);
      const err = (type: "refusal" | "provider_error", message: string) => ({ type, message });
      await store.applyResults(
        job,
        batch.id,
        [
          {
            seq: rows[0]!.seq,
            ok: false,
            error: err("refusal", "no <b>way</b>"),
            retryable: false,
          },
          { seq: rows[1]!.seq, ok: false, error: err("refusal", "nope"), retryable: false },
          { seq: rows[2]!.seq, ok: false, error: err("provider_error", "529"), retryable: true },
          { seq: rows[3]!.seq, ok: true, value: { ok: 1 }, retryable: false },
        ],
        true,
      );
      const groups = await store.errorGroups(job, 1);
      expect(groups.map((g) => [g.type, g.failed, g.retrying, g.cancelled])).toEqual([
        ["refusal", 2, 0, 0],
        ["provider_error", 0, 1, 0],
      ]);
      expect(groups[0]!.samples).toEqual([
        { seq: rows[0]!.seq, rowId: "r0", state: "failed", message: "no <b>way</b>" },
      ]);
      expect(groups[1]!.samples[0]).toMatchObject({ rowId: "r2", state: "pending" });
      expect(await store.errorGroups(await newJob(), 3)).toEqual([]);
    });

    it("searches rows by id, input, result or error text, a page at a time both ways", async () => {
      const job = await newJob(0);
      await store.addRows(
        job,
        chunksOf(
          Array.from({ length: 30 }, (_, i) => ({
            id: `row-${i}`,
            input: { text: i % 3 === 0 ? `Acme 100% <script> ${i}` : `other ${i}` },
          })),
        ),
      );
      // Literal text: % and _ are not wildcards, case does not matter.
      const acme = await store.searchRows(job, {
        states: ["pending"],
        text: "acme 100%",
        limit: 4,
      });
      expect(acme.map((r) => r.rowId)).toEqual(["row-0", "row-3", "row-6", "row-9"]);
      const next = await store.searchRows(job, {
        states: ["pending"],
        text: "ACME 100%",
        afterSeq: acme[3]!.seq,
        limit: 4,
      });
      expect(next.map((r) => r.rowId)).toEqual(["row-12", "row-15", "row-18", "row-21"]);
      const back = await store.searchRows(job, {
        states: ["pending"],
        text: "acme",
        beforeSeq: next[0]!.seq,
        limit: 2,
      });
      expect(back.map((r) => r.rowId)).toEqual(["row-6", "row-9"]);
      expect(await store.searchRows(job, { states: ["pending"], text: "100_", limit: 5 })).toEqual(
        [],
      );
      expect(
        (await store.searchRows(job, { states: ["pending"], text: "row-2", limit: 50 })).map(
          (r) => r.rowId,
        ),
      ).toEqual(["row-2", ...Array.from({ length: 10 }, (_, i) => `row-${20 + i}`)]);
      // Results and errors are searched too, across states, in store order.
      const c = (await store.claimRows(job, 2, "o", 60_000, plan()))!;
      await store.recordCreated(c.batch.id, "o", `batch_${job}`);
      await store.applyResults(
        job,
        c.batch.id,
        [
          { seq: c.rows[0]!.seq, ok: true, value: { name: "Zed Found" }, retryable: false },
          {
            seq: c.rows[1]!.seq,
            ok: false,
            error: { type: "refusal", message: "Zed refused" },
            retryable: false,
          },
        ],
        true,
      );
      const zed = await store.searchRows(job, {
        states: ["succeeded", "failed"],
        text: "zed",
        limit: 10,
      });
      expect(zed.map((r) => [r.rowId, r.state])).toEqual([
        ["row-0", "succeeded"],
        ["row-1", "failed"],
      ]);
      expect(zed[0]!.result).toEqual({ name: "Zed Found" });
      expect(zed[1]!.error).toMatchObject({ message: "Zed refused" });
    });

    it("retries failed rows (of one type, or all), once each, and never on a cancelled job", async () => {
      const job = await newJob(0);
      const { batch, rows } = await submitted(job, 3);
      await store.applyResults(
        job,
        batch.id,
        [
          {
            seq: rows[0]!.seq,
            ok: false,
            error: { type: "refusal", message: "a" },
            retryable: false,
          },
          {
            seq: rows[1]!.seq,
            ok: false,
            error: { type: "parse_error", message: "b" },
            retryable: false,
          },
          { seq: rows[2]!.seq, ok: true, value: 1, retryable: false },
        ],
        true,
      );
      expect(await store.retryFailed(job, "refusal")).toBe(1);
      expect((await store.progress(job)).rows).toMatchObject({
        pending: 1,
        failed: 1,
        succeeded: 1,
      });
      expect(await store.retryFailed(job)).toBe(1);
      expect((await store.progress(job)).rows).toMatchObject({ pending: 2, failed: 0 });
      const again = (await store.claimRows(job, 10, "o", 60_000, plan()))!;
      expect(again.rows.map((r) => r.rowId)).toEqual(["r0", "r1"]);
      const other = await newJob(0);
      const s2 = await submitted(other, 1);
      await store.applyResults(
        other,
        s2.batch.id,
        [
          {
            seq: s2.rows[0]!.seq,
            ok: false,
            error: { type: "refusal", message: "a" },
            retryable: false,
          },
        ],
        true,
      );
      await store.cancelJob(other);
      expect(await store.retryFailed(other)).toBe(0);
    });

    it("lists batches with their timeline and tokens", async () => {
      const job = await newJob();
      const { batch, rows } = await submitted(job, 2);
      await store.applyResults(
        job,
        batch.id,
        rows.map((r) => ({
          seq: r.seq,
          ok: true,
          value: 1,
          usage: { inputTokens: 7, outputTokens: 3, totalTokens: 10 },
          retryable: false,
        })),
        true,
      );
      const [due] = await store.claimDueBatches(job, "c", 60_000, 1);
      await store.finishCollect(job, due!.id, "c", { type: "missing", message: "m" }, "retry");
      const [listed] = await store.listBatches(job);
      expect(listed).toMatchObject({
        state: "collected",
        usage: { inputTokens: 14, outputTokens: 6 },
      });
      expect(listed!.submittedAt).toBeInstanceOf(Date);
      expect(listed!.collectedAt!.getTime()).toBeGreaterThanOrEqual(listed!.submittedAt!.getTime());
      expect(listed!.submittedAt!.getTime()).toBeGreaterThanOrEqual(listed!.createdAt.getTime());
    });
  });
}
