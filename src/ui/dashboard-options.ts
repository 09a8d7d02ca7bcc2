import type { JobStore, JobStoreTarget } from "../jobs/index.js";

/** What `createDashboard` serves, and what it may do. */
export interface DashboardOptions {
  /**
   * Where the jobs are: an open `JobStore` (left open by `close()`), or anything
   * `openJobStore` takes (a directory, a `postgres://` URL), opened and closed by the dashboard.
   * @example store: "postgres://jobs:secret@127.0.0.1:5432/jobs"
   * @example store: job store shared with the process running the job: await openJobStore(url)
   */
  store: JobStore | JobStoreTarget;
  /**
   * Show the Cancel and Retry buttons and accept their requests. Off by default: the dashboard
   * only reads. Cancel marks the job cancelled (its next `step()`, in whatever process, cancels
   * its running batches at the provider); Retry sends failed rows once more.
   * @example actions: true
   */
  actions?: boolean;
  /**
   * The `Host` headers accepted (`host:port`), so a web page elsewhere cannot reach a local
   * dashboard through DNS rebinding. Unset: any host (your own server decides).
   * @example allowedHosts: ["127.0.0.1:4400", "localhost:4400"]
   */
  allowedHosts?: string[];
  /**
   * How often an open page's event stream reads the job's counts, in ms (default 1000).
   * @example pollIntervalMs: 5_000 // a large Postgres job watched by many people
   */
  pollIntervalMs?: number;
  /**
   * Where the store is, as shown in the page header (a password in it is hidden). Defaults to
   * the store's target when it is a string, else its kind.
   * @example storeLabel: "production jobs"
   */
  storeLabel?: string;
}
