// A stepping process for the jobs tests, run as a child (`node --import tsx job-worker.ts JSON`):
// it opens a job, optionally adds rows, then runs or steps it. `kill` makes it SIGKILL itself at a
// chosen point of the protocol, through a store wrapper, so the test can check that a fresh
// process finishes the job with nothing lost, nothing twice and no extra provider batch.
import { DemoUser } from "../../src/cli/demo.js";
import { type JobStore, openJob, openJobStore } from "../../src/jobs/index.js";
import { rowText } from "./job-rows.js";

export interface WorkerConfig {
  model: string;
  baseURL: string;
  store: string;
  name: string;
  /** Rows `row-<from>`..`row-<to - 1>` are added first. */
  add?: { from: number; to: number };
  mode: "run" | "step";
  leaseMs: number;
  batchSize: number;
  pollIntervalMs: number;
  /**
   * `after-claim`: rows claimed and the intent recorded, batch not created. `before-record`:
   * batch created at the provider, not recorded. `before-apply` / `after-apply`: mid-download,
   * before or after the `nth` chunk of results is written.
   */
  kill?: { at: "after-claim" | "before-record" | "before-apply" | "after-apply"; nth: number };
}

const config = JSON.parse(process.argv[2]!) as WorkerConfig;

function killing(store: JobStore): JobStore {
  const kill = config.kill;
  if (kill === undefined) return store;
  let seen = 0;
  const die = () => process.kill(process.pid, "SIGKILL");
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        if (key === "recordCreated" && kill.at === "before-record" && ++seen === kill.nth) die();
        if (key === "applyResults" && kill.at === "before-apply" && ++seen === kill.nth) die();
        const result = await value.apply(target, args);
        if (
          key === "claimRows" &&
          kill.at === "after-claim" &&
          result !== undefined &&
          ++seen === kill.nth
        )
          die();
        if (key === "applyResults" && kill.at === "after-apply" && ++seen === kill.nth) die();
        return result;
      };
    },
  });
}

const store = killing(await openJobStore(config.store));
const job = await openJob({
  name: config.name,
  store,
  model: config.model,
  schema: DemoUser,
  prompt: (row: { id: string; i: number }) => [{ role: "user", content: rowText(row.i) }],
  batchSize: config.batchSize,
  leaseMs: config.leaseMs,
  pollIntervalMs: config.pollIntervalMs,
  processor: { apiKey: "test-key", baseURL: config.baseURL },
});
if (config.add !== undefined) {
  const { from, to } = config.add;
  function* rows() {
    for (let i = from; i < to; i++) yield { id: `row-${i}`, i };
  }
  await job.add(rows());
}
let submitted = 0;
const report =
  config.mode === "run"
    ? {
        progress: await job.run({
          timeBudgetMs: 30_000,
          onProgress: (r) => {
            submitted += r.submitted.batches;
          },
        }),
        submitted,
      }
    : await job.step();
process.stdout.write(`${JSON.stringify(report)}\n`);
await store.close();
