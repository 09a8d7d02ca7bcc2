import { Hono } from "hono";
import { pageSecurityHeaders } from "../../util/page-security-headers.js";
import type { EmulatorSnapshot } from "../inspect/snapshot-types.js";

/** The console's files by name (`index.html`, `console.js`, ...), as served. */
export type ConsoleAssets = ReadonlyMap<string, { body: Uint8Array<ArrayBuffer>; type: string }>;

/** Where the page polls the state, as `emulator.inspect()` returns it. */
export const CONSOLE_STATE_PATH = "/__emulator/state";
const ASSET_PREFIX = "/__emulator/console/";

/** The console's paths: the root and everything under `/__emulator/` (no provider uses them). */
export function isConsolePath(pathname: string): boolean {
  return pathname === "/" || pathname.startsWith("/__emulator/");
}

/**
 * The console's routes: the page at `/`, its files under `/__emulator/console/`, the state as
 * JSON at `/__emulator/state`. Read-only: nothing here changes the emulator.
 */
export function createConsoleApp(
  inspect: () => Promise<EmulatorSnapshot>,
  assets: ConsoleAssets,
): Hono {
  const app = new Hono();
  // The page and its state are read anew every second: nothing is worth caching.
  app.use("*", pageSecurityHeaders(), async (c, next) => {
    await next();
    c.res.headers.set("cache-control", "no-store");
  });
  const file = (name: string) => {
    const asset = assets.get(name);
    if (!asset) return undefined;
    return new Response(asset.body, { headers: { "content-type": asset.type } });
  };
  app.get("/", () => file("index.html") ?? new Response("console page missing", { status: 500 }));
  app.get(CONSOLE_STATE_PATH, async (c) => c.json(await inspect()));
  app.get(`${ASSET_PREFIX}:name`, (c) => {
    const name = c.req.param("name");
    // The page is served at the root only; the rest are the files it loads.
    return (name !== "index.html" && file(name)) || c.json({ error: "not found" }, 404);
  });
  app.notFound((c) => c.json({ error: "not found" }, 404));
  return app;
}

/**
 * A `ListenOptions.intercept` that answers GET and HEAD requests for the console's paths and
 * passes everything else on to the emulator.
 */
export function consoleIntercept(
  app: Hono,
): (request: Request) => Promise<Response | undefined> | undefined {
  return (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") return undefined;
    if (!isConsolePath(new URL(request.url).pathname)) return undefined;
    return Promise.resolve(app.fetch(request));
  };
}
