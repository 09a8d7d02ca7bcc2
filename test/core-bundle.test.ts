// The core as a bundler ships it (scripts/core-bundle.ts: esbuild, platform neutral, minified,
// SDKs external): no `node:` module in it, the SDKs loaded only on demand, and a size budget.
import { describe, expect, it } from "vitest";
import { buildCoreBundle, PROVIDER_SDKS } from "../scripts/core-bundle.js";

/** Raise it with a reason in the changelog; `npm run size` prints the current size. */
// 44 -> 52 KB (issue 14; 43.8 -> 50.6 KB measured): the model catalog and its rules (~1 KB),
// the OpenAI Responses encoder and result mapping (~3 KB), Anthropic's native-output schema
// preparation and thinking (~1.9 KB), Gemini thinking and file parts (~1.5 KB), and the cost
// entry points (0.7 KB; the price dataset and tokenizer themselves load on demand). They run
// synchronously (encoding, result parsing, the processor's constructor), so they cannot be
// loaded on demand like the sending code.
// 52 -> 62 KB (issue 15; 50.5 -> 59.9 KB measured, 7 -> 16 files): six more services (Azure OpenAI,
// Groq, Together, Mistral, Bedrock, Vertex AI), each with its synchronous line encoder, result
// mapping, limits and settings checks; their network code loads on demand, and the chunks it shares
// with the core are counted here file by file, each gzipped alone.
const GZIP_BUDGET_BYTES = 62 * 1024;

describe("core bundle", () => {
  it("imports no node: module, and the SDKs only by dynamic import", async () => {
    const { entry, chunks } = await buildCoreBundle();
    expect(entry.imports.filter((i) => i.path.startsWith("node:"))).toEqual([]);
    // Nothing external is imported statically (chunks of the bundle itself may be).
    expect(entry.imports.filter((i) => i.external && i.kind !== "dynamic-import")).toEqual([]);
    const dynamic = entry.imports.filter((i) => i.kind === "dynamic-import").map((i) => i.path);
    expect(dynamic.filter((p) => p.startsWith("node:"))).toEqual([]);
    expect(dynamic.filter((p) => (PROVIDER_SDKS as readonly string[]).includes(p)).sort()).toEqual(
      [...PROVIDER_SDKS].sort(),
    );
    // The file mode is the one chunk with node: imports, and the core reaches it lazily only.
    const withNode = chunks.filter((c) => c.imports.some((i) => i.path.startsWith("node:")));
    expect(withNode.map((c) => c.inputs)).toEqual([["src/batch/file-mode.ts"]]);
    expect(dynamic.some((p) => p.endsWith(`/${withNode[0]!.path}`))).toBe(true);
  });

  it(`stays under ${GZIP_BUDGET_BYTES / 1024} KB minified + gzip, SDKs excluded`, async () => {
    const { entry, onImport } = await buildCoreBundle();
    // Everything importing the core loads counts: shared chunks the entry imports statically
    // too, not only the entry file.
    expect(onImport.paths[0]).toBe(entry.path);
    expect(onImport.gzipBytes).toBeGreaterThanOrEqual(entry.gzipBytes);
    expect(onImport.gzipBytes).toBeLessThan(GZIP_BUDGET_BYTES);
  });

  // Without code splitting (wrangler's build) esbuild inlines file-mode.ts; its node: imports
  // are dynamic, inside its functions, so the single file has none at the top either.
  it("as one file, imports no node: module either", async () => {
    const { entry } = await buildCoreBundle({ splitting: false });
    const staticNode = entry.imports.filter(
      (i) => i.path.startsWith("node:") && i.kind !== "dynamic-import",
    );
    expect(staticNode).toEqual([]);
  });
});
