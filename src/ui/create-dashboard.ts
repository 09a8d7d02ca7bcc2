import { Hono } from "hono";
import type { JobStore } from "../jobs/stores/job-store.js";
import { describeStore, openJobStore } from "../jobs/stores/open-job-store.js";
import { pageSecurityHeaders } from "../util/page-security-headers.js";
import type { DashboardOptions } from "./dashboard-options.js";
import { progressEvents } from "./event-stream.js";
import { JobViews } from "./job-views.js";
import { pageHtml } from "./page-html.js";
import { actionGuard, hostGuard } from "./request-guard.js";
import { parseRowsQuery } from "./rows-query.js";
import { staticFile } from "./static-files.js";

/** A mounted dashboard: its Hono app (or plain `fetch`) and `close()`. */
export interface Dashboard {
  /** Mount it: `app.route("/jobs-ui", dashboard.app)`, or serve `dashboard.fetch` alone. */
  app: Hono;
  fetch: (request: Request) => Promise<Response>;
  /** Closes the store when the dashboard opened it. */
  close(): Promise<void>;
}

/**
 * The job dashboard as a Hono app: a page listing the jobs of a store and, per job, its
 * progress over time, errors by type with samples, cost and tokens, provider batches with their
 * timeline, and a searchable, paged table of results and errors, live while the job runs.
 * Read-only unless `actions` is set.
 *
 * @example
 * const dashboard = await createDashboard({ store: process.env.DATABASE_URL });
 * app.route("/jobs-ui", dashboard.app); // your Hono app; open /jobs-ui/
 */
export async function createDashboard(options: DashboardOptions): Promise<Dashboard> {
  const given = options.store;
  const owned = !(typeof given === "object" && given !== null && "claimRows" in given);
  const store: JobStore = await openJobStore(given);
  const label =
    options.storeLabel ??
    (typeof given === "string"
      ? describeStore(given)
      : given === undefined
        ? "memory://"
        : store.kind);
  const views = new JobViews(store);
  const actions = options.actions === true;
  const pollMs = options.pollIntervalMs ?? 1_000;
  const app = new Hono();

  app.use("*", pageSecurityHeaders(), hostGuard(options.allowedHosts));
  app.onError((error, c) =>
    c.json({ error: { code: "store_error", message: describeStore(error.message) } }, 500),
  );

  app.get("/", (c) => {
    // Mounted at "/ops/jobs" (no trailing slash, which a strict router will not add), the
    // page's relative URLs must still resolve under it: <base> says where.
    const path = c.req.path.endsWith("/") ? c.req.path : `${c.req.path}/`;
    return c.html(pageHtml({ actions, title: "structured-batch jobs", base: path }));
  });
  app.get("/assets/:name", async (c) => {
    const file = await staticFile(c.req.param("name"));
    if (file === undefined)
      return c.json({ error: { code: "not_found", message: "no such file" } }, 404);
    return c.body(file.body, 200, { "Content-Type": file.type, "Cache-Control": "no-cache" });
  });

  app.get("/api/jobs", async (c) => c.json({ store: label, actions, jobs: await views.list() }));
  app.get("/api/job", async (c) => {
    const name = c.req.query("name") ?? "";
    const detail = await views.detail(name);
    if (detail === undefined) return jobNotFound(c, name);
    return c.json({ store: label, actions, ...detail });
  });
  app.get("/api/job/history", async (c) => {
    const name = c.req.query("name") ?? "";
    if ((await store.getJob(name)) === undefined) return jobNotFound(c, name);
    const points = Number(c.req.query("points") ?? 500);
    const maxPoints = Number.isInteger(points) && points >= 2 && points <= 5_000 ? points : 500;
    return c.json({ points: await views.history(name, maxPoints) });
  });
  app.get("/api/job/rows", async (c) => {
    const name = c.req.query("name") ?? "";
    const parsed = parseRowsQuery(new URL(c.req.url).searchParams);
    if (!parsed.ok) return c.json({ error: parsed.issue }, 400);
    if ((await store.getJob(name)) === undefined) return jobNotFound(c, name);
    return c.json(await views.rows(name, parsed.query));
  });
  app.get("/api/job/events", async (c) => {
    const name = c.req.query("name") ?? "";
    if ((await store.getJob(name)) === undefined) return jobNotFound(c, name);
    return progressEvents(c, async () => (await views.job(name))?.progress, pollMs);
  });

  app.post("/api/job/:action", actionGuard, async (c) => {
    const action = c.req.param("action");
    if (action !== "cancel" && action !== "retry") {
      return c.json({ error: { code: "unknown_action", message: "cancel or retry" } }, 404);
    }
    if (!actions) {
      return c.json(
        {
          error: {
            code: "read_only",
            message: "this dashboard is read-only: start it with actions on (--allow-actions)",
          },
        },
        403,
      );
    }
    const name = c.req.query("name") ?? "";
    const job = await store.getJob(name);
    if (job === undefined) return jobNotFound(c, name);
    if (action === "cancel") {
      const running = await store.cancelJob(name);
      return c.json({ cancelled: true, runningBatches: running.length });
    }
    if (job.state === "cancelled") {
      return c.json(
        {
          error: {
            code: "job_cancelled",
            message: `job "${name}" is cancelled: nothing is retried`,
          },
        },
        409,
      );
    }
    const type = c.req.query("type") || undefined;
    return c.json({ retried: await store.retryFailed(name, type) });
  });

  app.notFound((c) => c.json({ error: { code: "not_found", message: "no such page" } }, 404));

  return {
    app,
    fetch: (request) => Promise.resolve(app.fetch(request)),
    close: async () => {
      if (owned) await store.close();
    },
  };
}

function jobNotFound(c: import("hono").Context, name: string) {
  return c.json(
    {
      error: {
        code: "job_not_found",
        message: `no job named ${JSON.stringify(name)} in this store`,
      },
    },
    404,
  );
}
