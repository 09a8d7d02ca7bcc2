// The README's example of mounting the dashboard runs: the login is asked for, and behind it
// the page and the job's counts are served.
import { afterAll, beforeAll, expect, it } from "vitest";
import { opsApp } from "./dashboard-in-your-server.js";

let ops: Awaited<ReturnType<typeof opsApp>>;
const auth = { authorization: `Basic ${btoa("ops:s3cret")}` };

beforeAll(async () => {
  ops = await opsApp(undefined, "s3cret"); // no DATABASE_URL: an embedded store in memory
}, 60_000);
afterAll(async () => {
  await ops?.close();
});

it("serves the dashboard under /ops/jobs, behind the login", async () => {
  expect((await ops.app.request("/ops/jobs")).status).toBe(401);
  const page = await ops.app.request("/ops/jobs", { headers: auth });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<base href="/ops/jobs/">');
  const jobs = await (await ops.app.request("/ops/jobs/api/jobs", { headers: auth })).json();
  expect(jobs).toMatchObject({ actions: true, jobs: [] });
  expect((await ops.app.request("/health")).status).toBe(200);
});
