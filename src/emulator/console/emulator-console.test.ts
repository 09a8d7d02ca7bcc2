import { afterEach, describe, expect, it } from "vitest";
import type { RequestLogEntry } from "../faults/types.js";
import { createEmulator } from "../index.js";
import {
  anthropicBatch,
  geminiBatch,
  openaiBatch,
  threeSdks,
} from "../inspect/test-support/three-sdks.js";
import type { EmulatorOptions, EmulatorServer } from "../types.js";
import { emulatorConsole } from "./emulator-console.js";

const KEY = "sk-console-secret-key-0123456789";
const PHASES = { validatingMs: 60_000, inProgressMs: 60_000, finalizingMs: 0, cancellingMs: 0 };

let server: EmulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** As the CLI serves it: the emulator on 127.0.0.1 with the console as its intercept. */
async function serve(options: EmulatorOptions = {}, withConsole = true) {
  const emulator = createEmulator({ phases: PHASES, apiKeys: [KEY], ...options });
  server = await emulator.listen({
    port: 0,
    ...(withConsole ? { intercept: emulatorConsole(emulator) } : {}),
  });
  return { emulator, url: server.url };
}

describe("emulator console over HTTP", () => {
  it("serves the page with a strict Content-Security-Policy and no inline script or style", async () => {
    const { url } = await serve();
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toMatch(/^default-src 'self';/);
    expect(page.headers.get("content-security-policy")).not.toMatch(/unsafe|\*/);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await page.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, body] of scripts) {
      expect(tag).toMatch(/src="\/__emulator\/console\/[a-z-]+\.js"/);
      expect(body).toBe("");
    }
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=|https?:\/\//);

    for (const [name, type] of [
      ["console.js", "text/javascript; charset=utf-8"],
      ["console.css", "text/css; charset=utf-8"],
      ["favicon.svg", "image/svg+xml"],
    ]) {
      const asset = await fetch(`${url}/__emulator/console/${name}`);
      expect([name, asset.status, asset.headers.get("content-type")]).toEqual([name, 200, type]);
      expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
    }
    const script = await (await fetch(`${url}/__emulator/console/console.js`)).text();
    // Data is only ever set as text.
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    for (const path of [
      "/__emulator/console/console-app.ts",
      "/__emulator/console/..%2Fconsole-app.ts",
      "/__emulator/console/index.html",
      "/__emulator/nothing",
    ]) {
      expect([path, (await fetch(`${url}${path}`)).status]).toEqual([path, 404]);
    }
  });

  it("serves the state as JSON, with batches made through the SDKs, and never the API key", async () => {
    const { emulator, url } = await serve();
    const sdk = threeSdks(url, KEY);
    const openai = await openaiBatch(sdk.openai, ["a", "b"], { owner: "me" });
    const anthropic = await anthropicBatch(sdk.anthropic, ["a"]);
    const gemini = await geminiBatch(sdk.gemini, ["a", "b", "c"], "nightly");
    emulator.clock.advance(90_000);

    const response = await fetch(`${url}/__emulator/state`);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const text = await response.text();
    const state = JSON.parse(text);
    expect(state.clock.offsetMs).toBe(90_000);
    expect(
      state.batches.map((b: { provider: string; id: string; phase: string }) => [
        b.provider,
        b.id,
        b.phase,
      ]),
    ).toEqual([
      ["openai", openai, "running"],
      ["anthropic", anthropic, "running"],
      ["google", gemini, "running"],
    ]);
    expect(text).not.toContain(KEY);
    const page = await (await fetch(`${url}/`)).text();
    expect(page).not.toContain(KEY);
  });

  it("takes no fault rule, no failRate draw and no request log line", async () => {
    const log: RequestLogEntry[] = [];
    const { emulator, url } = await serve({
      faults: [{ fault: { type: "status", status: 503 } }],
      onRequest: (entry) => log.push(entry),
    });
    for (const path of ["/", "/__emulator/state", "/__emulator/console/console.js"]) {
      expect([path, (await fetch(`${url}${path}`)).status]).toEqual([path, 200]);
    }
    expect(log).toEqual([]);
    expect((await emulator.inspect()).faults.map((f) => [f.timesLeft, f.fired])).toEqual([[1, 0]]);
    // The emulator's own requests still take it.
    expect(
      (await fetch(`${url}/v1/batches`, { headers: { authorization: `Bearer ${KEY}` } })).status,
    ).toBe(503);
    expect(log.map((e) => [e.path, e.status])).toEqual([["/v1/batches", 503]]);
  });

  it("leaves other methods on / to the emulator, and is not served without the CLI's intercept", async () => {
    const { url } = await serve();
    const post = await fetch(`${url}/`, { method: "POST" });
    expect(post.status).toBe(404);
    expect(await post.json()).toMatchObject({ error: { message: "Invalid URL (POST /)" } });
    await server?.close();

    const bare = await serve({}, false);
    const root = await fetch(`${bare.url}/`);
    expect(root.status).toBe(404);
    expect(await root.json()).toMatchObject({ error: { message: "Invalid URL (GET /)" } });
    expect((await fetch(`${bare.url}/__emulator/state`)).status).toBe(404);
  });
});
