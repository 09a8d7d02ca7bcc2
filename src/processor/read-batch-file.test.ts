// A batch file given to submitBatch by path is checked line by line before anything is sent:
// the processors point at a closed port, so a request would end in a ProviderApiError.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchProcessor } from "./batch-processor.js";

const User = z.object({ name: z.string() });
const dir = mkdtempSync(join(tmpdir(), "sb-batch-file-"));
const offline = (model: string) =>
  new BatchProcessor(model, User, { apiKey: "k", baseURL: "http://127.0.0.1:9/v1" });
const conversations = [
  [{ role: "user" as const, content: "Ann" }],
  [{ role: "user" as const, content: "Bo" }],
];
let n = 0;

function file(lines: unknown[]): string {
  const path = join(dir, `batch-${n++}.jsonl`);
  writeFileSync(
    path,
    `${lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n")}\n`,
  );
  return path;
}

async function linesFor(model: string): Promise<Record<string, any>[]> {
  const buffer = await offline(model).createBatchFromMessages(conversations, { maxTokens: 10 });
  return [...buffer.lines()].map((l) => JSON.parse(l));
}

async function submitted(model: string, path: string) {
  const error = await offline(model)
    .submitBatch(path)
    .catch((e: unknown) => e as { name: string; issues?: { path: unknown[]; message: string }[] });
  return error as { name: string; issues?: { path: unknown[]; message: string }[] };
}

describe("submitBatch(path) checks the file", () => {
  it.each(["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"])(
    "%s takes a file it built (the closed port answers)",
    async (model) => {
      expect((await submitted(model, file(await linesFor(model)))).name).toBe("ProviderApiError");
    },
  );

  it("refuses a file built for another provider, naming the line", async () => {
    const path = file(await linesFor("openai/gpt-4o-mini"));
    const error = await submitted("anthropic/claude-haiku-4-5", path);
    expect(error).toMatchObject({ name: "InvalidArgumentError", issues: [{ path: [path, 1] }] });
    expect(error.issues![0]!.message).toContain("was built for openai");
  });

  it("refuses an OpenAI file with two models (OpenAI runs one model per batch)", async () => {
    const [a, b] = await linesFor("openai/gpt-4o-mini");
    b!.body.model = "gpt-4o";
    const path = file([a, b]);
    const error = await submitted("openai/gpt-4o-mini", path);
    expect(error.issues).toEqual([expect.objectContaining({ path: [path, 2] })]);
    expect(error.issues![0]!.message).toContain("one model per batch");
  });

  it("refuses an OpenAI line for another endpoint or method", async () => {
    const [a, b] = await linesFor("openai/gpt-4o-mini");
    expect(
      (await submitted("openai/gpt-4o-mini", file([a, { ...b, url: "/v1/responses" }]))).issues?.[0]
        ?.message,
    ).toContain('"url" must be');
    expect(
      (await submitted("openai/gpt-4o-mini", file([{ ...a, method: "GET" }, b]))).issues?.[0]
        ?.message,
    ).toContain('"method" must be "POST"');
  });

  it("refuses duplicate ids, naming both lines", async () => {
    const [a] = await linesFor("openai/gpt-4o-mini");
    const path = file([a, "", a]);
    const error = await submitted("openai/gpt-4o-mini", path);
    expect(error.issues).toEqual([
      expect.objectContaining({ code: "duplicate_custom_id", path: [path, 3] }),
    ]);
    expect(error.issues![0]!.message).toContain("line 1");
  });

  it("refuses an Anthropic id outside ^[a-zA-Z0-9_-]{1,64}$ and a line without max_tokens", async () => {
    const [a, b] = await linesFor("anthropic/claude-haiku-4-5");
    const path = file([a, { ...b, custom_id: "user 2" }]);
    expect(await submitted("anthropic/claude-haiku-4-5", path)).toMatchObject({
      issues: [{ code: "invalid_custom_id", path: [path, 2] }],
    });
    delete b!.params.max_tokens;
    expect(
      (await submitted("anthropic/claude-haiku-4-5", file([a, b]))).issues?.[0]?.message,
    ).toContain("max_tokens");
  });

  it("refuses a Gemini line without a request, and a line that is not an object", async () => {
    const [a] = await linesFor("google/gemini-2.5-flash");
    expect(
      (await submitted("google/gemini-2.5-flash", file([a, { key: "k" }]))).issues?.[0]?.message,
    ).toContain('"request"');
    expect(
      (await submitted("google/gemini-2.5-flash", file([a, "42"]))).issues?.[0]?.message,
    ).toContain("not a JSON object");
  });

  it("refuses a file that is not UTF-8 (it would be sent with its text altered)", async () => {
    const [a] = await linesFor("openai/gpt-4o-mini");
    a!.body.messages[0].content = "Jos\u00e9";
    const path = join(dir, "latin1.jsonl");
    writeFileSync(path, Buffer.from(`${JSON.stringify(a)}\n`, "latin1"));
    expect(await submitted("openai/gpt-4o-mini", path)).toMatchObject({
      name: "InvalidArgumentError",
      issues: [{ code: "invalid_encoding" }],
    });
  });
});
