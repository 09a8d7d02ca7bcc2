// The core must load in edge runtimes: nothing reachable from src/index.ts by static import may
// import a node: module (file mode is loaded by a dynamic import only when a path is used).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const STATIC_IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gm;

function staticGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (graph.has(file)) continue;
    const source = readFileSync(file, "utf8");
    const specifiers = [...source.matchAll(STATIC_IMPORT)].map((m) => m[1]!);
    graph.set(file, specifiers);
    for (const spec of specifiers) {
      if (spec.startsWith(".")) stack.push(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
    }
  }
  return graph;
}

describe("core entry point", () => {
  it("reaches no node: module and no emulator, CLI or dashboard code through static imports", () => {
    const entry = fileURLToPath(new URL("../src/index.ts", import.meta.url));
    const graph = staticGraph(entry);
    expect(graph.size).toBeGreaterThan(20);
    const offenders = [...graph].flatMap(([file, specs]) =>
      specs
        .filter((s) => s.startsWith("node:") || /^(fs|path|os|crypto)$/.test(s))
        .map((s) => `${file}: ${s}`),
    );
    expect(offenders).toEqual([]);
    const files = [...graph.keys()];
    expect(files.filter((f) => /\/src\/(emulator|cli|ui)\//.test(f))).toEqual([]);
    expect(files.some((f) => f.endsWith("file-mode.ts"))).toBe(false);
    // External packages the core may import statically: none at run time but type-only ones.
    const external = new Set([...graph.values()].flat().filter((s) => !s.startsWith(".")));
    expect([...external].sort()).toEqual(["@standard-schema/spec"]);
  });
});

describe("jobs entry point", () => {
  it("reaches no node: module and no database driver through static imports", () => {
    const entry = fileURLToPath(new URL("../src/jobs/index.ts", import.meta.url));
    const graph = staticGraph(entry);
    const offenders = [...graph].flatMap(([file, specs]) =>
      specs
        .filter((s) => s.startsWith("node:") || /^(fs|path|os|crypto)$/.test(s))
        .map((s) => `${file}: ${s}`),
    );
    expect(offenders).toEqual([]);
    expect([...graph.keys()].filter((f) => /\/src\/(emulator|cli|ui)\//.test(f))).toEqual([]);
    // PGlite, pg and csv-parse are loaded by dynamic imports, only when a store or CSV is opened.
    const external = new Set([...graph.values()].flat().filter((s) => !s.startsWith(".")));
    expect([...external].sort()).toEqual(["@standard-schema/spec"]);
    const dynamic = [...graph.keys()].flatMap((f) =>
      [...readFileSync(f, "utf8").matchAll(/import\(\s*["']([^"'.][^"']*)["']\s*\)/g)].map(
        (m) => m[1],
      ),
    );
    // (The provider SDKs are loaded the same way, as in the core.)
    expect(new Set(dynamic)).toEqual(
      new Set([
        "@electric-sql/pglite",
        "pg",
        "csv-parse/browser/esm",
        "openai",
        "@anthropic-ai/sdk",
        "@google/genai",
        "@mistralai/mistralai",
        "@aws-sdk/client-bedrock",
        "@aws-sdk/client-s3",
        // The price dataset and the tokenizer, loaded only when a cost is computed.
        "@pydantic/genai-prices",
        "gpt-tokenizer/encoding/o200k_base",
        "gpt-tokenizer/encoding/cl100k_base",
      ]),
    );
  });
});
