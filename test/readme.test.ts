// The README's promises that can be checked: its "Provider support" lines run.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_CONVERSATIONS, DemoUser } from "../src/cli/demo.js";
import { DEMO_PROVIDERS } from "../src/cli/demo-providers.js";
import { BatchProcessor } from "../src/index.js";
import { modelTableMarkdown } from "../src/models/model-table.js";
import { useEmulatorServer } from "./support/emulator-server.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const sectionStart = readme.indexOf("## Provider support");
// Up to the next top-level section, whichever it is.
const section = readme.slice(sectionStart, readme.indexOf("\n## ", sectionStart + 1));
const models = [...section.matchAll(/new BatchProcessor\("([^"]+)", User\);/g)].map((m) => m[1]!);

const server = useEmulatorServer();

describe("README: Testing your code with the emulator", () => {
  it("shows the example that runs with the tests, as it is", () => {
    const example = readFileSync(
      new URL("../examples/testing-with-the-emulator.test.ts", import.meta.url),
      "utf8",
    );
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });
});

describe("README: Jobs", () => {
  it("shows the serverless example that runs with the tests, as it is", () => {
    const example = readFileSync(new URL("../examples/scheduled-job.ts", import.meta.url), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });
});

describe("README: Dashboard", () => {
  it("shows the mounting example that runs with the tests, as it is", () => {
    const example = readFileSync(
      new URL("../examples/dashboard-in-your-server.ts", import.meta.url),
      "utf8",
    );
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it("links screenshots the page tests write", () => {
    const linked = [...readme.matchAll(/\(docs\/screenshots\/([a-z-]+)\.png\)/g)].map((m) => m[1]);
    const written = ["../src/ui/dashboard-page.test.ts", "./emulator-console-browser.test.ts"]
      .map((file) => readFileSync(new URL(file, import.meta.url), "utf8"))
      .flatMap((source) => [...source.matchAll(/saveScreenshot\(page, "([a-z-]+)"\)/g)])
      .map((m) => m[1]);
    expect(new Set(linked)).toEqual(new Set(written));
  });
});

describe("README: Models", () => {
  // Biome pads the table's cells; the cells themselves must be the catalog's.
  const cells = (table: string) =>
    table
      .trim()
      .split("\n")
      .map((row) => row.split("|").map((cell) => cell.trim().replace(/^-+$/, "---")));

  it("holds the model catalog as it is (npm run models:table)", () => {
    const generated = modelTableMarkdown();
    const start = readme.search(/^\| provider +\| family +\|/m);
    expect(start).toBeGreaterThan(0);
    const rows = generated.split("\n").length;
    const shown = readme.slice(start).split("\n").slice(0, rows).join("\n");
    expect(cells(shown)).toEqual(cells(generated));
  });
});

describe("README: Provider support", () => {
  it("shows one line per provider", () => {
    expect(models.map((m) => m.split("/")[0]).sort()).toEqual(Object.keys(DEMO_PROVIDERS).sort());
  });

  // Each line with the emulator's endpoint and the settings its service needs (the demo's).
  it.each(models)("%s runs the quick start", async (model) => {
    const provider = DEMO_PROVIDERS[model.split("/")[0] as keyof typeof DEMO_PROVIDERS];
    const processor = new BatchProcessor(model, DemoUser, provider.emulatorOptions(server.url));
    const buffer = await processor.createBatchFromMessages(DEMO_CONVERSATIONS, {
      maxTokens: 150,
      temperature: 0.1,
    });
    const id = await processor.submitBatch(buffer);
    await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    const results = await processor.getResults(id);
    expect(results.filter((r) => r.success)).toHaveLength(3);
  });
});
