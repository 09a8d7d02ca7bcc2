// Runs a module worker in Cloudflare's workerd through miniflare, bundled with esbuild the way a
// Workers build bundles it (SDKs included, `structured-batch` resolved to the sources).
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

const root = fileURLToPath(new URL("../../", import.meta.url));

export interface WorkerBundleOptions {
  /**
   * `true`: code splitting, so modules loaded by dynamic import (the library's file mode and its
   * `node:` imports) stay in chunks of their own that are only loaded when used. `false`: one
   * file, as wrangler builds a Worker; esbuild then hoists the imports of lazily loaded modules,
   * `node:` ones included, to the top of that file.
   */
  splitting: boolean;
}

export interface WorkerModule {
  type: "ESModule";
  path: string;
  contents: string;
}

/** Bundles a worker entry into the modules miniflare takes (the entry first). */
export async function bundleWorker(
  entry: string,
  options: WorkerBundleOptions,
): Promise<WorkerModule[]> {
  const outdir = "/worker-bundle";
  const result = await build({
    entryPoints: { worker: entry },
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    // The export conditions wrangler resolves packages with.
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    splitting: options.splitting,
    outdir,
    external: ["node:*"],
    alias: {
      "structured-batch": `${root}src/index.ts`,
      "structured-batch/emulator": `${root}src/emulator/index.ts`,
    },
    logLevel: "silent",
  });
  const modules = result.outputFiles.map((file) => ({
    type: "ESModule" as const,
    path: file.path.slice(outdir.length + 1),
    contents: file.text,
  }));
  return modules.sort((a, b) => Number(b.path === "worker.js") - Number(a.path === "worker.js"));
}

export interface WorkerRunOptions {
  modules: WorkerModule[];
  bindings?: Record<string, string>;
  compatibilityFlags?: string[];
}

/** The compatibility date the tests pin (the installed workerd supports it). */
export const COMPATIBILITY_DATE = "2026-04-01";

/**
 * Starts the worker in workerd and returns a `fetch` into it and `dispose`. Outbound fetches go
 * to the network as in production; miniflare lets them reach 127.0.0.1, where the test's
 * emulator listens.
 */
export async function startWorker(options: WorkerRunOptions) {
  const mf = new Miniflare({
    modules: options.modules,
    modulesRoot: "/",
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: options.compatibilityFlags ?? [],
    bindings: options.bindings ?? {},
  });
  try {
    await mf.ready;
  } catch (error) {
    await mf.dispose().catch(() => undefined);
    throw error;
  }
  return {
    fetch: async (url: string, init?: { method?: string; body?: string }) => {
      const response = await mf.dispatchFetch(url, init);
      return { status: response.status, text: await response.text() };
    },
    dispose: () => mf.dispose(),
  };
}
