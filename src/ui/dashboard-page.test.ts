// The dashboard in a real browser (Debian's Chromium through playwright-core): a job run on the
// emulator over HTTP, watched while it advances, its results paged and searched, user data shown
// as text. Screenshots of the main views go to docs/screenshots/ for a person to look at.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { describeChromium, saveScreenshot, useChromium } from "../../test/support/chromium.js";
import { createEmulator, type EmulatedRequest, type Emulator } from "../emulator/index.js";
import { type Job, type JobStore, openJob, openJobStore } from "../jobs/index.js";
import { type DashboardServer, serveDashboard } from "./index.js";

const Person = z.object({ name: z.string(), age: z.number() });
type Row = { id: string; text: string };

const XSS_VALUE = "<script>alert('value')</script>";
const XSS_ERROR = "<img src=x onerror=alert('error')> will not answer";
const ROWS: Row[] = Array.from({ length: 120 }, (_, i) => ({
  id: `person-${String(i).padStart(3, "0")}`,
  text: i % 30 === 7 ? `REFUSE ${i}` : i % 40 === 11 ? `${XSS_VALUE} ${i}` : `Person number ${i}`,
}));
const REFUSED = ROWS.filter((r) => r.text.startsWith("REFUSE")).length;

/** Answers with the row's own text as the name (so user data reaches the results). */
function respond(request: EmulatedRequest) {
  const text = request.messages.at(-1)?.text ?? "";
  if (text.startsWith("REFUSE")) return { type: "refusal" as const, message: XSS_ERROR };
  return { type: "success" as const, content: { name: text, age: text.length } };
}

describeChromium("the job dashboard in Chromium", () => {
  const browser = useChromium();
  let emulator: Emulator;
  let closeEmulator: () => Promise<void>;
  let store: JobStore;
  let job: Job<z.infer<typeof Person>, Row>;
  let dashboard: DashboardServer;

  beforeAll(async () => {
    // Batches stay in progress for a minute of emulator time: the test decides when they end.
    emulator = createEmulator({
      phases: { validatingMs: 0, inProgressMs: 60_000, finalizingMs: 0, cancellingMs: 0 },
      responder: respond,
    });
    const server = await emulator.listen({ port: 0, host: "127.0.0.1" });
    closeEmulator = server.close;
    store = await openJobStore(undefined);
    job = await openJob({
      name: "people <b>bold</b>",
      store,
      model: "openai/gpt-4o-mini",
      schema: Person,
      prompt: (row: Row) => [{ role: "user", content: row.text }],
      batchSize: 25,
      pollIntervalMs: 0,
      maxRetries: 0,
      processor: { apiKey: "test-key", baseURL: `${server.url}/v1` },
    });
    await job.add(ROWS);
    dashboard = await serveDashboard({ store, pollIntervalMs: 200 });
  }, 60_000);

  afterAll(async () => {
    await dashboard?.close();
    await store?.close();
    await closeEmulator?.();
  });

  const count = (page: Page, key: string) =>
    page.locator(`[data-testid=cards] [data-count="${key}"]`).innerText();

  it("shows a running job's counts and follows it as it advances, without a reload", async () => {
    await job.step(); // 5 batches of 25 sent; they run for a minute of emulator time
    const { page, problems } = await browser.newPage();
    await page.goto(`${dashboard.url}/?job=${encodeURIComponent("people <b>bold</b>")}`);
    await expect.poll(() => count(page, "submitted")).toBe("120");
    expect(await count(page, "total")).toBe("120");
    expect(await count(page, "succeeded")).toBe("0");
    expect(await count(page, "batches-running")).toBe("5 / 5");
    // The job's name is user data too: shown as text, not as markup.
    expect(await page.locator("[data-testid=job-name]").innerText()).toBe("people <b>bold</b>");
    expect(await page.locator("[data-testid=job-name] b").count()).toBe(0);
    await expect.poll(() => page.locator("#live").innerText()).toBe("● live");
    await saveScreenshot(page, "dashboard-job-running");

    emulator.clock.advance(61_000);
    await job.step(); // every batch ended: results written
    const progress = await job.progress();
    expect(progress.rows).toMatchObject({ succeeded: 120 - REFUSED, failed: REFUSED });
    // The page learns it from its event stream.
    await expect.poll(() => count(page, "succeeded"), { timeout: 10_000 }).toBe(`${120 - REFUSED}`);
    expect(await count(page, "failed")).toBe(`${REFUSED}`);
    expect(await count(page, "submitted")).toBe("0");
    // The results table on screen is read again too: its rows are no longer "submitted".
    const firstPage = page.locator("[data-testid=rows] tr[data-row]");
    await expect
      .poll(() => firstPage.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-state"))))
      .toEqual(
        ROWS.slice(0, 25).map((r) => (r.text.startsWith("REFUSE") ? "failed" : "succeeded")),
      );
    expect(await count(page, "input-tokens")).toBe(
      new Intl.NumberFormat("en-US").format(progress.usage.inputTokens),
    );
    expect(await count(page, "cost")).toBe(`$${progress.cost!.toFixed(4)}`);

    // Batches: one line each, collected, with the provider's ids.
    const stored = await store.listBatches(job.name);
    await expect
      .poll(() => page.locator("[data-testid=batches] tr[data-batch] .badge-collected").count())
      .toBe(5);
    const shownIds = await page
      .locator("[data-testid=batches] tr[data-batch] td:nth-child(2)")
      .allInnerTexts();
    expect(shownIds).toEqual(stored.map((b) => b.providerBatchId));

    // Errors by type: the refusals, with their message as text (no <img> made of it).
    const refusal = page.locator('[data-testid=errors] tr[data-error-type="refusal"]');
    await expect.poll(() => refusal.locator("td:nth-child(2)").innerText()).toBe(`${REFUSED}`);
    expect(await refusal.locator(".message").first().innerText()).toBe(XSS_ERROR);
    expect(await page.locator("[data-testid=errors] img").count()).toBe(0);

    // The chart: uPlot drew it, from the step samples and the live points.
    expect(await page.locator("[data-testid=chart] canvas").count()).toBeGreaterThan(0);
    expect((await store.progressHistory(job.name, 100)).length).toBeGreaterThanOrEqual(2);
    await saveScreenshot(page, "dashboard-job");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("pages through results and errors, filters and searches them, all as text", async () => {
    const { page, problems } = await browser.newPage();
    await page.goto(`${dashboard.url}/?job=${encodeURIComponent(job.name)}`);
    const ids = () => page.locator("[data-testid=rows] tr[data-row] td.row-id").allInnerTexts();
    await expect.poll(ids).toEqual(ROWS.slice(0, 25).map((r) => r.id));
    await page.getByTestId("rows-next").click();
    await expect.poll(ids).toEqual(ROWS.slice(25, 50).map((r) => r.id));
    expect(await page.getByTestId("rows-page").innerText()).toBe("Page 2");
    for (const p of [3, 4, 5]) {
      await page.getByTestId("rows-next").click();
      await expect.poll(() => page.getByTestId("rows-page").innerText()).toBe(`Page ${p}`);
    }
    await expect.poll(ids).toEqual(ROWS.slice(100, 120).map((r) => r.id));
    expect(await page.getByTestId("rows-next").isDisabled()).toBe(true);
    await page.getByTestId("rows-prev").click();
    await expect.poll(ids).toEqual(ROWS.slice(75, 100).map((r) => r.id));

    // Only the failures, each with its error type and message.
    await page.getByTestId("rows-state").selectOption("failed,cancelled");
    const refused = ROWS.filter((r) => r.text.startsWith("REFUSE")).map((r) => r.id);
    await expect.poll(ids).toEqual(refused);
    expect(await page.locator("[data-testid=rows] tr[data-state=failed]").count()).toBe(REFUSED);
    await saveScreenshot(page, "dashboard-errors");

    // Searching finds the rows whose value holds markup; it is shown as the characters it is.
    await page.getByTestId("rows-state").selectOption("all");
    await page.getByTestId("rows-search").fill("<script>");
    const scripted = ROWS.filter((r) => r.text.includes(XSS_VALUE)).map((r) => r.id);
    await expect.poll(ids).toEqual(scripted);
    const value = await page
      .locator("[data-testid=rows] tr[data-row] td.value")
      .first()
      .innerText();
    expect(JSON.parse(value).name).toContain(XSS_VALUE);
    expect(await page.locator("[data-testid=rows] script").count()).toBe(0);
    await saveScreenshot(page, "dashboard-search");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("lists the store's jobs with their counts and links to each", async () => {
    const { page, problems } = await browser.newPage();
    await page.goto(`${dashboard.url}/`);
    const row = page.locator(`[data-testid=jobs] tr[data-job="${job.name}"]`);
    await expect.poll(() => row.locator("td:nth-child(6)").innerText()).toBe(`${120 - REFUSED}`);
    expect(await row.locator("td:nth-child(7)").innerText()).toBe(`${REFUSED}`);
    expect(await row.locator("[data-testid=job-state]").innerText()).toBe("done");
    await saveScreenshot(page, "dashboard-jobs");
    await row.locator("a").click();
    await expect.poll(() => page.locator("[data-testid=job-name]").innerText()).toBe(job.name);
    // Read-only by default: no buttons, and the server refuses an action anyway.
    expect(await page.locator(".actions button").count()).toBe(0);
    expect(problems).toEqual([]);
    const refused = await page.evaluate(async (name) => {
      const r = await fetch(`api/job/retry?name=${encodeURIComponent(name)}`, {
        method: "POST",
        headers: { "x-structured-batch-action": "1" },
      });
      return { status: r.status, body: await r.json() };
    }, job.name);
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "read_only" } } });
    expect((await job.progress()).rows.failed).toBe(REFUSED);
    // The browser reports the refused request it was asked to make, and nothing else.
    expect(problems).toEqual([
      "console: Failed to load resource: the server responded with a status of 403 (Forbidden)",
    ]);
    await page.close();
  });

  it("with actions on: retries the failed rows of a type, then cancels the job", async () => {
    const withActions = await serveDashboard({ store, actions: true, pollIntervalMs: 200 });
    try {
      const { page, problems } = await browser.newPage();
      await page.goto(`${withActions.url}/?job=${encodeURIComponent(job.name)}`);
      const retry = page.locator('[data-testid=errors] tr[data-error-type="refusal"] button');
      await retry.click();
      await expect.poll(async () => (await job.progress()).rows.pending).toBe(REFUSED);
      await expect.poll(() => count(page, "pending")).toBe(`${REFUSED}`);
      const cancel = page.locator(".actions button", { hasText: "Cancel job" });
      await cancel.click(); // first click only arms it
      await page.waitForTimeout(300);
      expect((await job.progress()).state).toBe("active");
      await page.locator(".actions button", { hasText: "Click again" }).click();
      await expect.poll(async () => (await job.progress()).state).toBe("cancelled");
      await expect
        .poll(() => page.locator("[data-testid=job-state]").innerText())
        .toBe("cancelled");
      expect(await count(page, "cancelled")).toBe(`${REFUSED}`);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await withActions.close();
    }
  });
});
