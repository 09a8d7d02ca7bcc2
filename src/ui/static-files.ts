/**
 * The browser files: the dashboard's own script and styles (src/ui/static, copied beside the
 * compiled code by the build) and uPlot's, from its package. Read once, on first request, with
 * node:fs (loaded only here): served from memory after that, no CDN, nothing to build.
 */
export interface StaticFile {
  body: string;
  type: string;
}

const FILES: Record<string, { from: "own" | "package"; path: string; type: string }> = {
  "dashboard.js": { from: "own", path: "./static/dashboard.js", type: "text/javascript" },
  "dashboard.css": { from: "own", path: "./static/dashboard.css", type: "text/css" },
  "uplot.js": { from: "package", path: "uplot/dist/uPlot.iife.min.js", type: "text/javascript" },
  "uplot.css": { from: "package", path: "uplot/dist/uPlot.min.css", type: "text/css" },
};

const cache = new Map<string, Promise<StaticFile>>();

/** The named file, or undefined when there is no such file. */
export function staticFile(name: string): Promise<StaticFile> | undefined {
  const entry = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
  if (entry === undefined) return undefined;
  let loaded = cache.get(name);
  if (loaded === undefined) {
    loaded = (async () => {
      const { readFile } = await import("node:fs/promises");
      const { fileURLToPath } = await import("node:url");
      const path =
        entry.from === "own"
          ? fileURLToPath(new URL(entry.path, import.meta.url))
          : (await import("node:module")).createRequire(import.meta.url).resolve(entry.path);
      return { body: await readFile(path, "utf8"), type: `${entry.type}; charset=utf-8` };
    })();
    // A failed read is not cached: the next request tries again.
    loaded.catch(() => cache.delete(name));
    cache.set(name, loaded);
  }
  return loaded;
}
