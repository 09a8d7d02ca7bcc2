// The job dashboard inside your own Hono server, next to your routes, under your own login: the
// same pages `structured-batch ui` serves, mounted at /ops/jobs and reading your jobs' store.
import { Hono } from "hono";
import { basicAuth } from "hono/basic-auth";
import { createDashboard } from "structured-batch/ui";

export async function opsApp(databaseUrl: string | undefined, password: string) {
  const app = new Hono();
  const dashboard = await createDashboard({
    store: databaseUrl, // the store your jobs use: postgres://... (or a directory)
    actions: true, // Cancel and Retry buttons: people who pass the login below may use them
  });
  app.use("/ops/*", basicAuth({ username: "ops", password }));
  app.route("/ops/jobs", dashboard.app); // open /ops/jobs
  app.get("/health", (c) => c.text("ok"));
  return { app, close: dashboard.close };
}
