// SIGKILL of a stepping process at points of the exactly-once protocol (after the claim, between
// the provider's create and its record, before and after a chunk of results is written) and at
// random times, then a fresh process finishes the job. Checked against the emulator's own record:
// every row answered once, no batch created that the store does not know, every row succeeded
// on its first send.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openJobStore } from "../../src/jobs/index.js";
import { describePostgres, useFreshDatabase } from "../support/postgres.js";
import { countingEmulator, MODELS, type Provider, runWorker } from "./job-processes.js";
import type { WorkerConfig } from "./job-worker.js";

const ROWS = 1500;
const PROVIDERS: Provider[] = ["openai", "anthropic", "google"];
const POINTS = ["after-claim", "before-record", "before-apply", "after-apply"] as const;

/** A seeded PRNG (mulberry32): the random points are the same on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kill = NonNullable<WorkerConfig["kill"]> | { afterMs: number };

async function crashAndFinish(provider: Provider, store: string, name: string, kill: Kill) {
  const em = await countingEmulator(provider);
  try {
    const base = {
      model: MODELS[provider],
      baseURL: em.baseURL,
      store,
      name,
      leaseMs: 1000,
      batchSize: 600,
      pollIntervalMs: 20,
    };
    const first = await runWorker(
      {
        ...base,
        mode: "run",
        add: { from: 0, to: ROWS },
        ...("at" in kill && { kill }),
      },
      "afterMs" in kill ? { killAfterMs: kill.afterMs } : {},
    );
    if ("at" in kill) expect(first.signal, first.stderr).toBe("SIGKILL");
    // The rows may not all have been added before a timed kill: the second process adds them
    // again (known ids are skipped), as a re-run of the same import would.
    const second = await runWorker({ ...base, mode: "run", add: { from: 0, to: ROWS } });
    expect(second.code, second.stderr).toBe(0);
    const opened = await openJobStore(store);
    try {
      const progress = await opened.progress(name);
      expect(progress.rows).toEqual({
        pending: 0,
        submitted: 0,
        succeeded: ROWS,
        failed: 0,
        cancelled: 0,
      });
      const batches = await opened.listBatches(name);
      const known = batches.filter((b) => b.providerBatchId !== undefined);
      // No batch at the provider that the store does not know: nothing paid twice.
      expect(em.created.length).toBe(known.length);
      expect(known.reduce((n, b) => n + b.requestCount, 0)).toBe(ROWS);
      expect(em.answered.size).toBe(ROWS);
      expect([...em.answered.values()].every((n) => n === 1)).toBe(true);
      // Every row succeeded on its first send (an abandoned intent's send does not count).
      let rows = 0;
      let after = "0";
      for (;;) {
        const page = await opened.readRows(name, ["succeeded"], after, 1000);
        for (const r of page) expect(r.attempts).toBe(1);
        rows += page.length;
        if (page.length < 1000) break;
        after = page[page.length - 1]!.seq;
      }
      expect(rows).toBe(ROWS);
      return { batches: batches.map((b) => b.state) };
    } finally {
      await opened.close();
    }
  } finally {
    await em.server.close();
  }
}

describe("SIGKILL recovery on PGlite in a directory", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  // PGlite takes seconds to open a directory, three opens a run: one directory, each kill point
  // once, the providers in turn (PostgreSQL below runs every combination).
  it("killed at each point of the protocol, finished by a fresh process", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-jobs-crash-"));
    dirs.push(dir);
    for (const [i, at] of POINTS.entries()) {
      await crashAndFinish(PROVIDERS[i % 3]!, dir, `crash-${at}`, { at, nth: 1 });
    }
  }, 240_000);
});

describePostgres("SIGKILL recovery on PostgreSQL", () => {
  const db = useFreshDatabase();
  const random = prng(20261205);
  // 24 runs: each protocol point with a random occurrence, then kills at random times.
  const runs: { provider: Provider; kill: Kill }[] = [];
  for (let i = 0; i < 24; i++) {
    const provider = PROVIDERS[i % 3]!;
    if (i < 16)
      runs.push({ provider, kill: { at: POINTS[i % 4]!, nth: 1 + Math.floor(random() * 3) } });
    else runs.push({ provider, kill: { afterMs: 400 + Math.floor(random() * 2500) } });
  }
  for (const [i, run] of runs.entries()) {
    const label =
      "at" in run.kill ? `${run.kill.at} #${run.kill.nth}` : `after ${run.kill.afterMs} ms`;
    it(`run ${i + 1}: ${run.provider}, killed ${label}`, async () => {
      await crashAndFinish(run.provider, db.url, `crash-${i}`, run.kill);
    }, 60_000);
  }
});
