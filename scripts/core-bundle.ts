// The core (`structured-batch`, src/index.ts) as an application bundler would ship it: one
// esbuild bundle, platform neutral, minified, with the provider SDKs left out (they are
// optional peers, loaded only for the provider in use). `npm run size` prints its size; the
// tests (test/core-bundle.test.ts) check what it imports and keep it under a budget.
//
// Code splitting is on, as in Vite, Rollup and esbuild --splitting builds: the file mode (the
// only module with `node:` imports, loaded by dynamic import when a `filePath` is used) lands in
// a chunk of its own.
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));

export const PROVIDER_SDKS = ["openai", "@anthropic-ai/sdk", "@google/genai"] as const;

export interface BundleChunk {
  /** Output path relative to the bundle's folder, e.g. `index.js`, `file-mode-XXXX.js`. */
  path: string;
  bytes: number;
  gzipBytes: number;
  /** What the chunk imports: `kind` is `import-statement` or `dynamic-import`. */
  imports: Metafile["outputs"][string]["imports"];
  /** The source files bundled into it. */
  inputs: string[];
}

export interface CoreBundle {
  entry: BundleChunk;
  /** The other chunks (loaded by dynamic import, or shared). */
  chunks: BundleChunk[];
}

/** Builds the core bundle in memory (nothing is written). */
export async function buildCoreBundle(options: { splitting?: boolean } = {}): Promise<CoreBundle> {
  const outdir = `${root}.core-bundle`;
  const result = await build({
    entryPoints: { index: `${root}src/index.ts` },
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    minify: true,
    splitting: options.splitting ?? true,
    outdir,
    external: [...PROVIDER_SDKS, "node:*"],
    logLevel: "silent",
  });
  const chunks = result.outputFiles
    .filter((file) => file.path.endsWith(".js"))
    .map((file): BundleChunk => {
      const meta = result.metafile.outputs[file.path.slice(root.length)]!;
      return {
        path: file.path.slice(outdir.length + 1),
        bytes: file.contents.byteLength,
        gzipBytes: gzipSync(file.contents, { level: 9 }).byteLength,
        imports: meta.imports,
        inputs: Object.keys(meta.inputs),
      };
    });
  const entry = chunks.find((c) => c.path === "index.js")!;
  return { entry, chunks: chunks.filter((c) => c !== entry) };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { entry, chunks } = await buildCoreBundle();
  console.log(
    `core (structured-batch, without the provider SDKs): ${kb(entry.bytes)} minified, ${kb(entry.gzipBytes)} minified + gzip`,
  );
  for (const chunk of chunks) {
    console.log(
      `  + ${chunk.path} (loaded on demand): ${kb(chunk.bytes)} minified, ${kb(chunk.gzipBytes)} gzip`,
    );
  }
}
