// Eight processes step one job at once on PostgreSQL: rows are claimed with row locks, so no row
// is sent twice, and every batch created at the provider is one the store knows.
import { expect, it } from "vitest";
import { DemoUser } from "../../src/cli/demo.js";
import { openJob } from "../../src/jobs/index.js";
import { describePostgres, useFreshDatabase } from "../support/postgres.js";
import { countingEmulator, MODELS, type Provider, runWorker } from "./job-processes.js";
import { rowText } from "./job-rows.js";

const ROWS = 3000;

describePostgres("8 processes stepping one job", () => {
  const db = useFreshDatabase();
  for (const provider of ["openai", "anthropic", "google"] as Provider[]) {
    it(`${provider}: every row sent once, every batch known`, async () => {
      const em = await countingEmulator(provider, { phasesMs: 50 });
      const name = `concurrent-${provider}`;
      try {
        const job = await openJob({
          name,
          store: db.url,
          model: MODELS[provider],
          schema: DemoUser,
          prompt: (row: { id: string; i: number }) => [{ role: "user", content: rowText(row.i) }],
          processor: { apiKey: "test-key", baseURL: em.baseURL },
        });
        await job.add(Array.from({ length: ROWS }, (_, i) => ({ id: `row-${i}`, i })));
        const workers = await Promise.all(
          Array.from({ length: 8 }, () =>
            runWorker({
              model: MODELS[provider],
              baseURL: em.baseURL,
              store: db.url,
              name,
              mode: "run",
              leaseMs: 5_000,
              batchSize: 100,
              pollIntervalMs: 20,
            }),
          ),
        );
        for (const w of workers) expect(w.code, w.stderr).toBe(0);
        // The work was shared: several processes created batches.
        const creators = workers.filter((w) => JSON.parse(w.stdout).submitted > 0);
        expect(creators.length).toBeGreaterThan(1);
        const progress = await job.progress();
        expect(progress).toMatchObject({ done: true, rows: { succeeded: ROWS, failed: 0 } });
        const batches = await job.store.listBatches(name);
        expect(batches.every((b) => b.state === "collected")).toBe(true);
        expect(em.created.length).toBe(batches.length);
        expect(batches.reduce((n, b) => n + b.requestCount, 0)).toBe(ROWS);
        expect(em.answered.size).toBe(ROWS);
        expect([...em.answered.values()].every((n) => n === 1)).toBe(true);
        let results = 0;
        for await (const r of job.results()) {
          expect(r.attempts).toBe(1);
          results++;
        }
        expect(results).toBe(ROWS);
        await job.close();
      } finally {
        await em.server.close();
      }
    }, 120_000);
  }
});
