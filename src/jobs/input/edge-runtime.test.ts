// The row reader runs where the core runs: bundled as wrangler bundles a Worker (one file, the
// browser conditions) and run in workerd without Node compatibility. csv-parse is loaded from
// its browser build, so the bundle must hold no `node:` import at all.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleWorker, startWorker } from "../../../test/support/workerd.js";

const entry = fileURLToPath(new URL("./test-support/edge-worker.ts", import.meta.url));

describe("jobs/input in workerd (no nodejs_compat)", () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let bundle: string;

  beforeAll(async () => {
    const modules = await bundleWorker(entry, { splitting: false });
    bundle = modules.map((m) => m.contents).join("\n");
    worker = await startWorker({ modules });
  }, 60_000);
  afterAll(() => worker?.dispose());

  it("bundles without any node: import", () => {
    expect(bundle).not.toMatch(/from\s*["']node:|import\(\s*["']node:|require\(\s*["']node:/);
  });

  it("reads a CSV body with a quoted multi-line field and renders messages", async () => {
    const body = '\uFEFFid,text\r\n1,"Ann,\r\n31"\r\n2,Bo\r\n';
    const response = await worker.fetch("http://worker/?format=csv", { method: "POST", body });
    expect(JSON.parse(response.text)).toEqual({
      rows: [
        {
          id: "1",
          line: 2,
          messages: [
            { role: "system", content: "JSON only." },
            { role: "user", content: "Extract from: Ann,\r\n31" },
          ],
        },
        {
          id: "2",
          line: 4,
          messages: [
            { role: "system", content: "JSON only." },
            { role: "user", content: "Extract from: Bo" },
          ],
        },
      ],
    });
  });

  it("reads JSONL, and reports a ragged CSV line as the typed error", async () => {
    const jsonl = await worker.fetch("http://worker/?format=jsonl", {
      method: "POST",
      body: '{"id":1,"text":"x"}\n{"id":"b","text":"y"}\n',
    });
    expect(JSON.parse(jsonl.text).rows.map((r: { id: string }) => r.id)).toEqual(["1", "b"]);
    const ragged = await worker.fetch("http://worker/?format=csv", {
      method: "POST",
      body: "id,text\n1,a\n2,b,c\n",
    });
    expect(JSON.parse(ragged.text).error).toMatchObject({
      name: "InvalidRowsError",
      code: "invalid_rows",
      message: "input[3]: line 3 has 3 fields, but the header (line 1) has 2",
    });
  });
});
