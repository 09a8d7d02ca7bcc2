// What the benches that measure a fresh process share: the case script bundled with esbuild (run
// with plain `node`, as a function's bundle would be, no TypeScript loader in the process), and
// the emulator started in a process of its own (so its memory is not counted).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const SDKS = ["openai", "@anthropic-ai/sdk", "@google/genai"];

/** Bundles `bench/<name>.ts` to `bench/results/<name>.mjs`; `external` packages stay imports. */
export async function bundleCase(name: string, external: readonly string[] = []): Promise<string> {
  const out = fileURLToPath(new URL(`./results/${name}.mjs`, import.meta.url));
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  await build({
    entryPoints: [fileURLToPath(new URL(`./${name}.ts`, import.meta.url))],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: [...SDKS, ...external],
    logLevel: "warning",
  });
  return out;
}

/** Runs `bench/<name>.ts` (an emulator that prints its URL on the first line) in a child. */
export async function startEmulatorProcess(
  name: string,
): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (data: Buffer) => {
      text += data.toString();
      const line = text.split("\n")[0];
      if (text.includes("\n") && line) resolve(line.trim());
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { url, child };
}
