import { readdirSync, readFileSync } from "node:fs";

import type { ConsoleAssets } from "./console-app.js";

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
};

/**
 * The console's browser files, read once from `static/` beside this module (the build copies
 * `src/**\/static` to `dist/`, so the same relative path works from the sources and the package).
 * Only files of the known types are served; nothing is built or rewritten.
 */
export function readConsoleAssets(dir: URL = new URL("./static/", import.meta.url)): ConsoleAssets {
  const assets = new Map<string, { body: Uint8Array<ArrayBuffer>; type: string }>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[name.slice(name.lastIndexOf(".") + 1)];
    if (type) assets.set(name, { body: new Uint8Array(readFileSync(new URL(name, dir))), type });
  }
  if (!assets.has("index.html")) {
    throw new Error(`the emulator console's files are missing from ${dir.pathname}`);
  }
  return assets;
}
