// examples/scheduled-job.ts as it runs in production: configured through the environment, on a
// real PostgreSQL server, against the emulator on 127.0.0.1 standing in for OpenAI.
import { expect, it, vi } from "vitest";
import { useEmulatorServer } from "../test/support/emulator-server.js";
import { describePostgres, useFreshDatabase } from "../test/support/postgres.js";
import { handler, importRows, people } from "./scheduled-job.js";

describePostgres("examples/scheduled-job.ts", () => {
  const db = useFreshDatabase();
  const server = useEmulatorServer();

  it("imports once (twice is harmless), then steps on a schedule until done", async () => {
    vi.stubEnv("DATABASE_URL", db.url);
    vi.stubEnv("OPENAI_API_KEY", "example-key");
    vi.stubEnv("OPENAI_BASE_URL", server.baseURL);
    try {
      const rows = Array.from({ length: 40 }, (_, i) => ({
        id: `p${i}`,
        text: `Grace Hopper is ${30 + i} years old, grace${i}@example.com`,
      }));
      expect(await importRows(rows)).toEqual({ added: 40, skipped: 0 });
      expect(await importRows(rows)).toEqual({ added: 0, skipped: 40 });
      const runs = [];
      for (let i = 0; i < 10; i++) {
        const run = await handler();
        runs.push(run);
        if (run.done) break;
      }
      expect(runs[0]?.submitted).toEqual({ batches: 1, rows: 40 });
      expect(runs.at(-1)).toMatchObject({ done: true, rows: { succeeded: 40, failed: 0 } });
      const found = [];
      for await (const p of people()) found.push(p);
      expect(found).toHaveLength(40);
      expect(found[3]).toEqual({
        id: "p3",
        name: "Grace Hopper",
        age: 33,
        email: "grace3@example.com",
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
