// The emulator console in a real headless Chromium (Debian's, driven by playwright-core):
// served as the CLI serves it, batches made with the official SDKs over HTTP on 127.0.0.1.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { emulatorConsole } from "../src/emulator/console/emulator-console.js";
import { createEmulator, type Emulator, type EmulatorServer } from "../src/emulator/index.js";
import {
  anthropicBatch,
  geminiBatch,
  openaiBatch,
  type ThreeSdks,
  threeSdks,
} from "../src/emulator/inspect/test-support/three-sdks.js";
import { describeChromium, saveScreenshot, useChromium } from "./support/chromium.js";

const KEY = "sk-browser-secret-key-0123456789";
const MINUTE = 60_000;
const SCRIPT = "<script>alert(1)</script>";
const IMG = "<img src=x onerror=alert(2)>";

/** Waits (the page polls once a second) until the batch's row shows this phase. */
async function phaseShown(page: Page, id: string, phase: string): Promise<void> {
  await page.waitForSelector(`tr[data-batch-id="${id}"][data-phase="${phase}"]`, {
    timeout: 10_000,
  });
}

async function cellText(page: Page, id: string, cell: string): Promise<string | null> {
  return page.locator(`tr[data-batch-id="${id}"] td.${cell}`).textContent();
}

describeChromium("emulator console in Chromium", () => {
  const browser = useChromium();
  let emulator: Emulator;
  let server: EmulatorServer;
  let sdk: ThreeSdks;

  beforeAll(async () => {
    emulator = createEmulator({
      phases: {
        validatingMs: MINUTE,
        inProgressMs: 4 * MINUTE,
        finalizingMs: MINUTE,
        cancellingMs: MINUTE,
      },
      apiKeys: [KEY],
    });
    server = await emulator.listen({ port: 0, intercept: emulatorConsole(emulator) });
    sdk = threeSdks(server.url, KEY);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("shows batches per provider with their phases, the clock and the fault rules, live and escaped", async () => {
    const warmUp = await openaiBatch(sdk.openai, ["w1", "w2", "w3"], { run: "warm-up" });
    emulator.clock.advance(7 * MINUTE);
    const scripted = await openaiBatch(sdk.openai, ["a", "b"], { note: SCRIPT });
    const held = await openaiBatch(sdk.openai, ["a"], { note: IMG });
    expect(emulator.hold(held)).toBe(true);
    const claude = await anthropicBatch(sdk.anthropic, ["a", "b", "c", "d"]);
    const gemini = await geminiBatch(sdk.gemini, ["a", "b"], IMG);
    emulator.faults.add({
      match: { provider: "anthropic", method: "POST", path: "/v1/messages/batches" },
      skip: 10,
      times: 2,
      fault: { type: "status", status: 529, message: SCRIPT },
    });
    emulator.faults.add({
      match: { method: "GET", path: "/v1/batches" },
      times: Number.POSITIVE_INFINITY,
      fault: { type: "delay", ms: 1 },
    });

    const { page, problems } = await browser.newPage();
    await page.goto(`${server.url}/`);
    await phaseShown(page, warmUp, "completed");

    // Grouped per provider, in the order the library lists providers.
    const sections = page.locator("section.provider");
    expect(
      await sections.evaluateAll((s) => s.map((e) => (e as HTMLElement).dataset.provider)),
    ).toEqual(["openai", "anthropic", "google"]);
    const rows = (provider: string) =>
      page
        .locator(`section[data-provider="${provider}"] tbody tr`)
        .evaluateAll((r) => r.map((e) => (e as HTMLElement).dataset.batchId));
    expect(await rows("openai")).toEqual([held, scripted, warmUp]);
    expect(await rows("anthropic")).toEqual([claude]);
    expect(await rows("google")).toEqual([gemini]);
    await phaseShown(page, scripted, "queued");
    await phaseShown(page, claude, "queued");
    await phaseShown(page, gemini, "queued");
    expect(await cellText(page, warmUp, "succeeded")).toBe("3");
    expect(await cellText(page, held, "status")).toBe("validating held");
    expect(await cellText(page, gemini, "status")).toBe("BATCH_STATE_PENDING");

    // User data as text: the markup shows, nothing of it runs or loads.
    expect(await cellText(page, scripted, "label")).toBe(`note=${SCRIPT}`);
    expect(await cellText(page, held, "label")).toBe(`note=${IMG}`);
    expect(await cellText(page, gemini, "label")).toBe(IMG);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(1);

    expect(await page.locator("#clock-offset").textContent()).toBe("+7m");
    const shownNow = Date.parse((await page.locator("#clock-now").textContent()) ?? "");
    expect(Math.abs(shownNow - emulator.clock.now())).toBeLessThan(10_000);

    const faultRows = page.locator("#fault-rows tr");
    expect(await faultRows.count()).toBe(2);
    expect(await faultRows.nth(0).textContent()).toContain("Anthropic POST /v1/messages/batches");
    expect(await faultRows.nth(0).locator("td.fault").textContent()).toBe(`HTTP 529: ${SCRIPT}`);
    expect(await faultRows.nth(1).textContent()).toContain("∞");

    // Live: the clock moves, a batch is created, a rule fires, a cancel starts; no reload.
    const polls = Number(await page.locator("#connection").getAttribute("data-polls"));
    emulator.clock.advance(3 * MINUTE);
    await phaseShown(page, scripted, "running");
    await phaseShown(page, claude, "running");
    await phaseShown(page, gemini, "running");
    await phaseShown(page, held, "queued");
    expect(await page.locator("#clock-offset").textContent()).toBe("+10m");
    const later = await anthropicBatch(sdk.anthropic, ["x"]);
    await sdk.gemini.batches.cancel({ name: gemini });
    await sdk.openai.batches.list();
    await sdk.openai.batches.list();
    await phaseShown(page, later, "queued");
    await phaseShown(page, gemini, "cancelling");
    await page.waitForFunction(
      () =>
        document.querySelectorAll("#fault-rows tr")[1]?.querySelector("td.fired")?.textContent ===
        "2",
      undefined,
      { timeout: 10_000 },
    );
    // 2 of the 4 minutes of requests have run: half of each batch is done.
    expect(await cellText(page, claude, "succeeded")).toBe("2");
    expect(await cellText(page, scripted, "succeeded")).toBe("1");
    expect(Number(await page.locator("#connection").getAttribute("data-polls"))).toBeGreaterThan(
      polls,
    );
    await saveScreenshot(page, "emulator-console");

    emulator.clock.advance(10 * MINUTE);
    await phaseShown(page, scripted, "completed");
    await phaseShown(page, claude, "completed");
    await phaseShown(page, gemini, "cancelled");
    await phaseShown(page, later, "completed");
    expect(await cellText(page, claude, "succeeded")).toBe("4");

    const html = await page.content();
    expect(html).not.toContain(KEY);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
