// A real headless Chromium for the page tests: Debian's package (/usr/bin/chromium, or
// SB_TEST_CHROMIUM), driven by playwright-core, which never downloads a browser. With CI or
// SB_TEST_REQUIRE_CHROMIUM set, a missing browser FAILS the suite (`.ci/run` installs it);
// elsewhere the suite is skipped with the reason in its name, as the Postgres tests are.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe } from "vitest";

export const CHROMIUM_PATH = process.env.SB_TEST_CHROMIUM || "/usr/bin/chromium";

/**
 * The flags this machine needs: no sandbox (tests run as root), and nothing that reaches the
 * network on its own (the closed network refuses it, many times at every start).
 */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Where the page tests save their screenshots, for a person to look at (linked from README). */
export const SCREENSHOT_DIR = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));

function chromiumRequired(): boolean {
  return Boolean(process.env.CI || process.env.SB_TEST_REQUIRE_CHROMIUM);
}

/**
 * `describe` for tests that need the browser: runs when Chromium is installed; without it, fails
 * (CI) or is skipped with the reason in its name (locally).
 */
export function describeChromium(name: string, fn: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, fn);
    return;
  }
  const reason = `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set SB_TEST_CHROMIUM)`;
  if (chromiumRequired()) {
    describe(name, () => {
      beforeAll(() => {
        throw new Error(`Chromium is needed here: ${reason}`);
      });
      fn();
    });
  } else {
    describe.skip(`${name} (skipped: ${reason})`, fn);
  }
}

export interface BrowserHandle {
  context: BrowserContext;
  /**
   * A new page that records what went wrong in it: console errors, uncaught exceptions, failed
   * requests and dialogs (an `alert` from injected markup would be one).
   */
  newPage(): Promise<{ page: Page; problems: string[] }>;
}

/**
 * Launches Chromium for the suite (a new empty profile each time), closed in `afterAll`.
 * @example const browser = useChromium(); it("...", async () => { const { page } = await browser.newPage(); });
 */
export function useChromium(): BrowserHandle {
  const handle = {} as BrowserHandle;
  let profile: string | undefined;
  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), "sb-chromium-"));
    // A persistent context is how playwright takes --user-data-dir; it adds --headless itself.
    handle.context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: FLAGS.filter((f) => f !== "--headless"),
      viewport: { width: 1280, height: 900 },
      timeout: 30_000,
    });
    handle.newPage = async () => {
      const page = await handle.context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`console: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("requestfailed", (r) => {
        // A closed event stream when the test moves on is not a fault of the page.
        if (!r.url().includes("/events")) problems.push(`request failed: ${r.url()}`);
      });
      page.on("dialog", (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      return { page, problems };
    };
  }, 60_000);
  afterAll(async () => {
    await handle.context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });
  return handle;
}

/** Saves a full-page screenshot as docs/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
