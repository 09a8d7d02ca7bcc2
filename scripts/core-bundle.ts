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

export const PROVIDER_SDKS = [
  "openai",
  "@anthropic-ai/sdk",
  "@google/genai",
  "@mistralai/mistralai",
  "@aws-sdk/client-bedrock",
  "@aws-sdk/client-s3",
] as const;

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
  /**
   * What importing the core loads: the entry and every chunk it imports statically, however
   * deep (shared chunks are loaded with it, not on demand). Sizes are the files' sums.
   */
  onImport: { paths: string[]; bytes: number; gzipBytes: number };
}

/** The entry and the chunks reached from it by static imports. */
function loadedOnImport(entry: BundleChunk, chunks: BundleChunk[]): BundleChunk[] {
  const byPath = new Map(chunks.map((c) => [c.path, c]));
  const loaded = [entry];
  for (let i = 0; i < loaded.length; i++) {
    for (const imported of loaded[i]!.imports) {
      if (imported.kind !== "import-statement" || imported.external) continue;
      const chunk = byPath.get(imported.path.slice(imported.path.lastIndexOf("/") + 1));
      if (chunk && !loaded.includes(chunk)) loaded.push(chunk);
    }
  }
  return loaded;
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
  const others = chunks.filter((c) => c !== entry);
  const loaded = loadedOnImport(entry, others);
  return {
    entry,
    chunks: others,
    onImport: {
      paths: loaded.map((c) => c.path),
      bytes: loaded.reduce((sum, c) => sum + c.bytes, 0),
      gzipBytes: loaded.reduce((sum, c) => sum + c.gzipBytes, 0),
    },
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { chunks, onImport } = await buildCoreBundle();
  console.log(
    `core (structured-batch, without the provider SDKs), loaded on import (${onImport.paths.length} files): ${kb(onImport.bytes)} minified, ${kb(onImport.gzipBytes)} minified + gzip`,
  );
  for (const chunk of chunks) {
    const when = onImport.paths.includes(chunk.path) ? "loaded on import" : "loaded on demand";
    console.log(
      `  ${chunk.path} (${when}): ${kb(chunk.bytes)} minified, ${kb(chunk.gzipBytes)} gzip`,
    );
  }
}
