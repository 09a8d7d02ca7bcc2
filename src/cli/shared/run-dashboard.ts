import type { JobStore } from "../../jobs/stores/job-store.js";
import { printNote } from "./output.js";

/** The default port of `structured-batch ui` and of `run --ui` without a port. */
export const DASHBOARD_PORT = 4400;

/**
 * `run --ui [port]`: the dashboard served by the process that runs the job, over the same open
 * store. An embedded (PGlite) store is one process's, so this is how its job can be watched
 * live; the page stops when the run does.
 */
export async function startRunDashboard(
  store: JobStore,
  ui: true | number,
  storeLabel: string,
): Promise<() => Promise<void>> {
  const { serveDashboard } = await import("../../ui/serve-dashboard.js");
  const server = await serveDashboard({
    store,
    storeLabel,
    port: ui === true ? DASHBOARD_PORT : ui,
  });
  printNote(`dashboard: ${server.url}/ (while this run lasts)`);
  return () => server.close();
}
