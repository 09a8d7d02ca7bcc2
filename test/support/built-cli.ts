// The CLI as `npm run build` makes it, built once per version of the sources and shared by the
// CLI test files (and by later runs while the sources stay the same).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";

const CACHE_AGE_MS = 60 * 60 * 1000;

/** The sources tsc compiles, and every file of a `static/` folder (served as it is). */
function sourceFiles(dir: string, inStatic = false): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path, inStatic || entry.name === "static"));
    else if (inStatic || entry.name.endsWith(".ts")) out.push(path);
  }
  return out.sort();
}

/** A hash of everything the build reads: the sources, the tsconfigs and package.json. */
function sourcesKey(root: string): string {
  const hash = createHash("sha256");
  const files = [
    ...sourceFiles(join(root, "src")),
    ...[
      "tsconfig.json",
      "tsconfig.build.json",
      "package.json",
      "scripts/copy-static-assets.mjs",
    ].map((f) => join(root, f)),
  ];
  for (const file of files) {
    hash.update(relative(root, file));
    hash.update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("close", (code) => resolve({ code, output }));
  });
}

/**
 * Builds the CLI with tsc and tsconfig.build.json, as `npm run build` does (type checking is the
 * typecheck step's job), under node_modules/.cache so that its packages resolve as they do for
 * an installed copy; returns the path of its `cli/main.js`. A build of the same sources is
 * reused; two test files building at once each build, and the first to finish is kept.
 */
export async function buildCli(root: string): Promise<string> {
  const cache = join(root, "node_modules", ".cache", "structured-batch-cli-test");
  const key = sourcesKey(root);
  const dir = join(cache, key);
  const main = join(dir, "dist", "cli", "main.js");
  if (existsSync(main)) return main;
  const staging = join(cache, `${key}.building-${process.pid}`);
  mkdirSync(staging, { recursive: true });
  // Its own package scope (ESM), and the version main.js reads from ../../package.json.
  writeFileSync(
    join(staging, "package.json"),
    JSON.stringify({ type: "module", version: "0.0.0-test" }),
  );
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const args = ["-p", "tsconfig.build.json", "--outDir", join(staging, "dist")];
  args.push("--declaration", "false", "--sourceMap", "false", "--noCheck");
  let built = await run(process.execPath, [tsc, ...args], root);
  if (built.code === 0) {
    // As `npm run build` does: the browser files beside the compiled code.
    const copy = join(root, "scripts", "copy-static-assets.mjs");
    built = await run(process.execPath, [copy, join(staging, "dist")], root);
  }
  if (built.code !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`building the CLI failed: ${built.output}`);
  }
  try {
    renameSync(staging, dir);
  } catch {
    // Another test file finished first: use its build.
    rmSync(staging, { recursive: true, force: true });
  }
  // Builds of older sources are dropped after a while.
  for (const name of readdirSync(cache)) {
    const path = join(cache, name);
    if (name !== key && Date.now() - statSync(path).mtimeMs > CACHE_AGE_MS) {
      rmSync(path, { recursive: true, force: true });
    }
  }
  return main;
}
