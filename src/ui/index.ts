/**
 * The job dashboard: a web page over a job store (progress over time, errors, cost, batches,
 * results), to serve on its own (`serveDashboard`, or `structured-batch ui`) or to mount in your
 * own Hono or fetch server (`createDashboard`). Its browser files are read from disk with
 * node:fs; it is tested on Node only.
 */
export { createDashboard, type Dashboard } from "./create-dashboard.js";
export type { DashboardOptions } from "./dashboard-options.js";
export type { QueryIssue, RowsQuery } from "./rows-query.js";
export {
  type DashboardServer,
  type ServeDashboardOptions,
  serveDashboard,
} from "./serve-dashboard.js";
