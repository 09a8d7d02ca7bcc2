// A file part on a --messages line may name a local file with "path": the CLI reads it and
// sends it inline; a missing file or an unknown extension is a usage error naming the line.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makePdf } from "../src/messages/test-support/pdf.js";
import { checkedCli, cliFixtures, expectOneErrorLine } from "./support/cli-fixtures.js";
import { useBuiltCli } from "./support/cli-run.js";

useBuiltCli();

const fixtures = cliFixtures();
const pdfBase64 = makePdf("Invoice INV-7\nTotal: 12.50 EUR");
mkdirSync(join(fixtures.dir, "docs"), { recursive: true });
writeFileSync(join(fixtures.dir, "docs", "invoice.pdf"), Buffer.from(pdfBase64, "base64"));

let files = 0;
function messagesFile(part: unknown): string {
  const path = join(fixtures.dir, `with-file-${++files}.jsonl`);
  const line = {
    custom_id: "inv-7",
    messages: [{ role: "user", content: [{ type: "text", text: "Extract." }, part] }],
  };
  writeFileSync(path, `${JSON.stringify(line)}\n`);
  return path;
}

function create(messages: string, model: string) {
  return ["create", "--model", model, "--messages", messages, "--schema", fixtures.schemaFile];
}

describe("create --messages with a file part given by path", () => {
  it("reads the file, relative to the messages file, and sends it inline", async () => {
    const run = await checkedCli(
      create(messagesFile({ type: "file", path: "docs/invoice.pdf" }), "google/gemini-2.5-flash"),
      {},
    );
    expect(run.code).toBe(0);
    const line = JSON.parse(run.stdout.trim());
    const parts = line.request.contents[0].parts;
    expect(parts[1]).toEqual({ inlineData: { mimeType: "application/pdf", data: pdfBase64 } });
  });

  it("refuses a missing file, an unknown extension and a part with both path and url", async () => {
    const missing = await checkedCli(
      create(messagesFile({ type: "file", path: "docs/nope.pdf" }), "google/gemini-2.5-flash"),
      {},
    );
    expectOneErrorLine(
      missing,
      2,
      'line 1: cannot read the file part\'s path "docs/nope.pdf" (ENOENT)',
    );
    writeFileSync(join(fixtures.dir, "docs", "notes.xyz"), "x");
    const unknown = await checkedCli(
      create(messagesFile({ type: "file", path: "docs/notes.xyz" }), "google/gemini-2.5-flash"),
      {},
    );
    expectOneErrorLine(unknown, 2, 'cannot tell the media type of "docs/notes.xyz"');
    const both = await checkedCli(
      create(
        messagesFile({ type: "file", path: "docs/invoice.pdf", url: "https://x.test/a.pdf" }),
        "google/gemini-2.5-flash",
      ),
      {},
    );
    expectOneErrorLine(both, 2, 'a file part takes either "url" or a non-empty "path"');
  });
});
