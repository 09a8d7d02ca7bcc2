// Inputs a provider would refuse are refused by the library before anything is sent: each
// processor talks over real HTTP to the emulator on 127.0.0.1, and the emulator's request log
// stays empty through every refusal (while a valid call right after does reach it).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { encodeBatchHandle } from "../src/batch/batch-handle.js";
import { BatchProcessor, type ProviderId } from "../src/index.js";
import { useEmulatorServer } from "./support/emulator-server.js";

const requests: string[] = [];
const server = useEmulatorServer({
  onRequest: (entry) => requests.push(`${entry.method} ${entry.path}`),
});
beforeEach(() => {
  requests.length = 0;
});

const User = z.object({ name: z.string() });
const conversations = [
  [{ role: "user" as const, content: "Ann Lee" }],
  [{ role: "user" as const, content: "Bo Chen" }],
];
const dir = mkdtempSync(join(tmpdir(), "sb-input-rules-"));

const PROVIDERS: {
  provider: ProviderId;
  model: string;
  base: (s: typeof server) => string;
  crafted: string[];
}[] = [
  {
    provider: "openai",
    model: "openai/gpt-4o-mini",
    base: (s) => s.baseURL,
    crafted: ["../files", "batch_a/cancel", "batch_a?limit=1", "msgbatch_01Hk"],
  },
  {
    provider: "anthropic",
    model: "anthropic/claude-haiku-4-5",
    base: (s) => s.url,
    crafted: ["../../v1/models", "msgbatch_a/results", "msgbatch_a#x", "batch_abc"],
  },
  {
    provider: "google",
    model: "google/gemini-2.5-flash",
    base: (s) => s.url,
    crafted: ["batches/../files/x", "batches/a:cancel", "batches/a?alt=media", "files/abc"],
  },
];

describe.each(PROVIDERS)("$provider over HTTP", ({ provider, model, base, crafted }) => {
  const make = () => new BatchProcessor(model, User, { apiKey: "test-key", baseURL: base(server) });

  async function refusedBeforeSending(call: () => Promise<unknown>, code: string) {
    await expect(call()).rejects.toMatchObject({
      name: "InvalidArgumentError",
      issues: expect.arrayContaining([expect.objectContaining({ code })]),
    });
    expect(requests).toEqual([]);
  }

  it("refuses crafted batch ids on every method, sending nothing", async () => {
    const processor = make();
    for (const id of crafted) {
      for (const call of [
        () => processor.getBatchStatus(id),
        () => processor.cancelBatch(id),
        () => processor.deleteBatch(id),
        () => processor.getResults(id),
        () => processor.streamRawResults(id).next(),
        () => processor.waitForCompletion(id, { pollIntervalMs: 1 }),
      ]) {
        await expect(call()).rejects.toMatchObject({ name: "InvalidArgumentError" });
      }
    }
    expect(requests).toEqual([]);
  });

  it("refuses a tampered handle, sending nothing", async () => {
    const handle = encodeBatchHandle({
      v: 1,
      provider,
      total: 2,
      defaultIds: true,
      layers: [[{ id: crafted[0]!, first: 0, count: 2 }]],
    });
    await refusedBeforeSending(() => make().getBatchStatus(handle), "invalid_batch_id");
  });

  it("refuses metadata that is not an object of strings, sending nothing", async () => {
    const processor = make();
    const buffer = await processor.createBatchFromMessages(conversations, { maxTokens: 50 });
    await refusedBeforeSending(
      () => processor.submitBatch(buffer, { metadata: { job: 7 } as never }),
      "invalid_metadata_value",
    );
    await refusedBeforeSending(
      () => processor.submitBatch(buffer, { metadata: ["job"] as never }),
      "invalid_metadata",
    );
  });

  it("refuses a list limit that is not a whole number, sending nothing", async () => {
    await refusedBeforeSending(() => make().listBatches({ limit: Number.NaN }), "invalid_limit");
  });

  it("refuses a batch file with a repeated id, sending nothing", async () => {
    const processor = make();
    const buffer = await processor.createBatchFromMessages(conversations, { maxTokens: 50 });
    const [first] = buffer.lines();
    const path = join(dir, `${provider}-repeated.jsonl`);
    writeFileSync(path, `${first}\n${first}\n`);
    await refusedBeforeSending(() => processor.submitBatch(path), "duplicate_custom_id");
  });

  it("refuses an option nobody reads (max_tokens), building nothing", async () => {
    await refusedBeforeSending(
      () => make().createBatchFromMessages(conversations, { max_tokens: 50 } as never),
      "unknown_option",
    );
  });

  it("sends a valid batch (the log does record requests)", async () => {
    const processor = make();
    const buffer = await processor.createBatchFromMessages(conversations, { maxTokens: 50 });
    const id = await processor.submitBatch(buffer, { metadata: { description: "ok" } });
    expect(requests.length).toBeGreaterThan(0);
    expect((await processor.getBatchStatus(id)).id).toBe(id);
  });
});

describe("per-provider parameter rules over HTTP", () => {
  it.each([
    ["openai/gpt-4o-mini", { stop: ["a", "b", "c", "d", "e"] }],
    ["anthropic/claude-haiku-4-5", { stop: ["\n"] }],
    ["google/gemini-2.5-flash", { seed: 2 ** 31 }],
  ])("%s refuses %j when building, so nothing is sent", async (model, params) => {
    const baseURL = model.startsWith("openai") ? server.baseURL : server.url;
    const processor = new BatchProcessor(model, User, { apiKey: "test-key", baseURL });
    await expect(processor.createBatchFromMessages(conversations, params)).rejects.toMatchObject({
      name: "InvalidArgumentError",
      issues: [expect.objectContaining({ code: "invalid_parameter" })],
    });
    expect(requests).toEqual([]);
  });

  it("refuses an OpenAI message name with a space when building", async () => {
    const processor = new BatchProcessor("openai/gpt-4o-mini", User, {
      apiKey: "test-key",
      baseURL: server.baseURL,
    });
    await expect(
      processor.createBatchFromMessages([[{ role: "user", content: "hi", name: "Ann Lee" }]]),
    ).rejects.toMatchObject({ name: "InvalidMessagesError", issues: [{ code: "invalid_name" }] });
    expect(requests).toEqual([]);
  });
});
