// The dashboard's HTTP side, without a browser: what it answers, what it refuses, and that no
// password reaches a page. Over real HTTP on 127.0.0.1 (serveDashboard) and through `fetch`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  describePostgres,
  requirePostgresUrl,
  useFreshDatabase,
} from "../../test/support/postgres.js";
import { type JobStore, openJobStore } from "../jobs/index.js";
import { createDashboard, type Dashboard, type DashboardServer, serveDashboard } from "./index.js";

async function seed(store: JobStore, name: string, rows: number) {
  await store.ensureJob({
    name,
    provider: "openai",
    model: "gpt-4o-mini",
    configHash: "h",
    config: {},
    maxRetries: 0,
  });
  async function* chunks() {
    yield Array.from({ length: rows }, (_, i) => ({ id: `r${i}`, input: { text: `text ${i}` } }));
  }
  await store.addRows(name, chunks());
}

describe("dashboard over HTTP", () => {
  let store: JobStore;
  let server: DashboardServer;
  beforeAll(async () => {
    store = await openJobStore(undefined);
    await seed(store, "alpha", 30);
    server = await serveDashboard({ store });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it("serves the page, its scripts and uPlot with a strict content security policy", async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await page.text();
    expect(html).not.toMatch(/<script>[^<]/); // no inline script: only src= ones
    for (const [asset, type, marker] of [
      ["dashboard.js", "text/javascript", "EventSource"],
      ["uplot.js", "text/javascript", "uPlot"],
      ["uplot.css", "text/css", ".uplot"],
    ]) {
      const r = await fetch(`${server.url}/assets/${asset}`);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toContain(type!);
      expect(await r.text()).toContain(marker);
    }
    expect((await fetch(`${server.url}/assets/..%2Fpage-html.ts`)).status).toBe(404);
    expect((await fetch(`${server.url}/assets/constructor`)).status).toBe(404);
  });

  it("answers only its own Host names (no DNS rebinding)", async () => {
    const { port } = server;
    const http = await import("node:http");
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        http
          .get({ host: "127.0.0.1", port, path: "/api/jobs", headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on("error", reject);
      });
    expect(await status(`127.0.0.1:${port}`)).toBe(200);
    expect(await status(`localhost:${port}`)).toBe(200);
    expect(await status(`attacker.example:${port}`)).toBe(403);
  });

  it("lists jobs with counts, and pages rows forwards and back", async () => {
    const jobs = await (await fetch(`${server.url}/api/jobs`)).json();
    expect(jobs.jobs.map((j: { name: string }) => j.name)).toEqual(["alpha"]);
    expect(jobs.jobs[0].progress.rows).toMatchObject({ pending: 30, total: 30 });
    expect(jobs.store).toBe("pglite"); // a store object: its kind
    const page = async (query: string) =>
      (await fetch(`${server.url}/api/job/rows?name=alpha&limit=10${query}`)).json();
    const first = await page("");
    expect(first.rows.map((r: { id: string }) => r.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `r${i}`),
    );
    expect(first.prev).toBeNull();
    const second = await page(`&after=${first.next}`);
    expect(second.rows[0].id).toBe("r10");
    const third = await page(`&after=${second.next}`);
    expect(third.rows.at(-1).id).toBe("r29");
    expect(third.next).toBeNull();
    const back = await page(`&before=${third.prev}`);
    expect(back.rows.map((r: { id: string }) => r.id)).toEqual(
      second.rows.map((r: { id: string }) => r.id),
    );
    const backAgain = await page(`&before=${back.prev}`);
    expect(backAgain.rows[0].id).toBe("r0");
    expect(backAgain.prev).toBeNull();
  });

  it("refuses bad queries with the parameter named, and unknown jobs with 404", async () => {
    const issue = async (query: string) => {
      const r = await fetch(`${server.url}/api/job/rows?name=alpha&${query}`);
      return { status: r.status, ...(await r.json()).error };
    };
    expect(await issue("state=done")).toMatchObject({
      status: 400,
      code: "invalid_state",
      param: "state",
    });
    expect(await issue("after=1;drop")).toMatchObject({
      status: 400,
      code: "invalid_cursor",
      param: "after",
    });
    expect(await issue("limit=1000")).toMatchObject({ status: 400, code: "invalid_limit" });
    expect(await issue("after=1&before=5")).toMatchObject({ status: 400, code: "both_cursors" });
    expect(await issue(`q=${"x".repeat(201)}`)).toMatchObject({
      status: 400,
      code: "text_too_long",
    });
    const missing = await fetch(`${server.url}/api/job?name=nope`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("job_not_found");
  });

  it("streams the counts as server-sent events when they change", async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/job/events?name=alpha`, {
      signal: controller.signal,
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil('"pending":30');
    async function* more() {
      yield [{ id: "extra", input: {} }];
    }
    await store.addRows("alpha", more());
    await readUntil('"pending":31');
    expect(text.match(/^event: progress$/gm)?.length).toBe(2);
    controller.abort();
  });

  it("is read-only unless told: actions are refused, and need the action header anyway", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/job/cancel?name=alpha`, { method: "POST", headers });
    const bare = await post({});
    expect(bare.status).toBe(403);
    expect((await bare.json()).error.code).toBe("missing_action_header");
    const readOnly = await post({ "x-structured-batch-action": "1" });
    expect((await readOnly.json()).error.code).toBe("read_only");
    expect((await store.getJob("alpha"))?.state).toBe("active");
  });
});

describe("dashboard with actions, mounted in another Hono app", () => {
  let store: JobStore;
  let dashboard: Dashboard;
  beforeAll(async () => {
    store = await openJobStore(undefined);
    await seed(store, "beta", 3);
    dashboard = await createDashboard({ store, actions: true });
  }, 60_000);
  afterAll(async () => {
    await dashboard?.close();
    await store?.close();
  });

  it("works under a sub-path, and refuses a cross-origin action", async () => {
    const { Hono } = await import("hono");
    const host = new Hono();
    host.route("/ops/jobs", dashboard.app);
    const page = await host.request("http://127.0.0.1/ops/jobs");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<base href="/ops/jobs/">');
    expect((await host.request("http://127.0.0.1/ops/jobs/assets/dashboard.css")).status).toBe(200);
    const crossSite = await host.request("http://127.0.0.1/ops/jobs/api/job/cancel?name=beta", {
      method: "POST",
      headers: {
        "x-structured-batch-action": "1",
        origin: "https://evil.example",
        host: "127.0.0.1",
      },
    });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.code).toBe("cross_origin");
    const cancel = await host.request("http://127.0.0.1/ops/jobs/api/job/cancel?name=beta", {
      method: "POST",
      headers: { "x-structured-batch-action": "1", origin: "http://127.0.0.1", host: "127.0.0.1" },
    });
    expect(cancel.status).toBe(200);
    expect((await store.getJob("beta"))?.state).toBe("cancelled");
    const retry = await host.request("http://127.0.0.1/ops/jobs/api/job/retry?name=beta", {
      method: "POST",
      headers: { "x-structured-batch-action": "1" },
    });
    expect(retry.status).toBe(409);
  });
});

describePostgres("dashboard over PostgreSQL", () => {
  const db = useFreshDatabase();

  it("never shows the database password, in the page, the API or an error", async () => {
    requirePostgresUrl();
    const url = db.url;
    const password = decodeURIComponent(new URL(url).password);
    expect(password.length).toBeGreaterThan(0);
    const store = await openJobStore(url);
    await seed(store, "gamma", 2);
    await store.close();
    const server = await serveDashboard({ store: url });
    try {
      const bodies = await Promise.all(
        [
          "/",
          "/api/jobs",
          "/api/job?name=gamma",
          "/api/job/rows?name=gamma",
          "/api/job?name=x",
        ].map(async (path) => (await fetch(`${server.url}${path}`)).text()),
      );
      const jobs = JSON.parse(bodies[1]!);
      expect(jobs.store).toContain(":***@");
      expect(jobs.jobs[0].progress.rows.total).toBe(2);
      for (const body of bodies) expect(body).not.toContain(password);
    } finally {
      await server.close();
    }
  });
});
