// The library against its own emulator over real HTTP on 127.0.0.1: what is particular to the
// Gemini path. What every adapter does alike is asserted once for all in test/conformance.
import { GoogleGenAI } from "@google/genai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchBuffer } from "../src/batch/batch-buffer.js";
import { DEMO_CONVERSATIONS, DemoUser } from "../src/cli/demo.js";
import {
  BatchFailedError,
  BatchProcessor,
  filterSuccessful,
  ProviderApiError,
} from "../src/index.js";
import {
  conversation,
  runToResults,
  slowEmulator,
  useScriptedServer,
} from "./support/end-to-end.js";

const MODEL = "gemini-2.5-flash";
const { server, answer, recordBodies, runOutcomes } = useScriptedServer({ shuffle: 7 });
const options = () => ({ apiKey: "test-key", baseURL: server.url });
const processor = () => new BatchProcessor(`google/${MODEL}`, DemoUser, options());
/** With an inline limit low enough to send every batch as a file. */
const fileProcessor = () =>
  new BatchProcessor(`google/${MODEL}`, DemoUser, {
    ...options(),
    google: { inlineMaxBytes: 0 },
  });

describe("Gemini path on the emulator", () => {
  it("names a batch `batches/...`, keeps metadata as its displayName, and keys each raw line", async () => {
    const p = processor();
    const buffer = await p.createBatchFromMessages(DEMO_CONVERSATIONS, { maxTokens: 150 });
    const id = await p.submitBatch(buffer, { metadata: { description: "demo" } });
    expect(id).toMatch(/^batches\//);
    const final = await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(final).toMatchObject({
      rawStatus: "BATCH_STATE_SUCCEEDED",
      metadata: { displayName: "demo" },
    });
    const first = filterSuccessful(await p.getResults(id))[0];
    expect(first?.raw).toMatchObject({ metadata: { key: first?.customId }, response: {} });
  });

  it("sends what it built: systemInstruction, model role, generationConfig with the JSON schema", async () => {
    const bodies = recordBodies();
    const p = processor();
    const buffer = await p.createBatchFromMessages(
      [
        [
          { role: "system", content: "Extract the user." },
          { role: "user", content: "Ann Lee is 40, ann@x.io" },
          { role: "assistant", content: "Which fields?" },
          { role: "user", content: "All of them." },
        ],
      ],
      { maxTokens: 150, temperature: 0.1, seed: 3, stop: ["END"] },
    );
    await p.waitForCompletion(await p.submitBatch(buffer), { pollIntervalMs: 5 });
    expect(bodies[0]).toEqual({
      contents: [
        { role: "user", parts: [{ text: "Ann Lee is 40, ann@x.io" }] },
        { role: "model", parts: [{ text: "Which fields?" }] },
        { role: "user", parts: [{ text: "All of them." }] },
      ],
      systemInstruction: { parts: [{ text: "Extract the user." }] },
      generationConfig: {
        maxOutputTokens: 150,
        temperature: 0.1,
        seed: 3,
        stopSequences: ["END"],
        responseMimeType: "application/json",
        responseJsonSchema: p.wireSchema,
      },
    });
  });

  it("goes through the Files API above the inline limit, its results out of order", async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `Person${i} Smith is ${20 + i}, p${i}@x.io`);
    const ids = texts.map((_, i) => `item-${String.fromCharCode(97 + i)}`);
    const { status, results } = await runToResults(fileProcessor(), texts, { customIds: ids });
    expect(status.raw).toMatchObject({
      metadata: { inputConfig: { fileName: expect.stringMatching(/^files\//) } },
    });
    // The emulator shuffles a results file, as the real services may: the conformance suite
    // joins them back by key, in this mode too.
    const order = results.map((r) => r.customId);
    expect(order).not.toEqual(ids);
    expect([...order].sort()).toEqual([...ids].sort());
  });

  it("keeps Gemini's error codes and a cut answer's text, inline and as a file", async () => {
    for (const p of [processor(), fileProcessor()]) {
      const byId = await runOutcomes(p, {
        http500: { type: "error", status: 500, message: "The server had an error" },
        cut: { type: "truncated", text: '{"name":"A' },
        refused: { type: "refusal" },
        blocked: { type: "refusal", blockedPrompt: true },
      });
      expect(byId.get("http500")).toMatchObject({
        errorType: "provider_error",
        errorCode: "INTERNAL",
        errorMessage: "The server had an error",
      });
      expect(byId.get("cut")).toMatchObject({ errorType: "truncated", text: '{"name":"A' });
      expect(byId.get("refused")).toMatchObject({ errorType: "refusal", errorCode: "SAFETY" });
      expect(byId.get("blocked")).toMatchObject({
        errorType: "refusal",
        errorMessage: expect.stringContaining("prompt was blocked"),
      });
    }
  });

  it("keeps optional fields optional on the wire: no nullable rewriting, absent stays absent", async () => {
    const Person = z.object({ name: z.string(), nickname: z.string().optional() });
    answer(() => ({ type: "success", content: { name: "A" } }));
    const p = new BatchProcessor(`google/${MODEL}`, Person, options());
    expect(p.wireSchema).toEqual({
      type: "object",
      properties: { name: { type: "string" }, nickname: { type: "string" } },
      required: ["name"],
    });
    const { results } = await runToResults(p, ["x"]);
    expect(results[0]).toMatchObject({ success: true, result: { name: "A" } });
  });

  it("names Gemini's status while a batch waits: BATCH_STATE_PENDING", async () => {
    const slow = slowEmulator();
    const p = new BatchProcessor(`google/${MODEL}`, DemoUser, {
      apiKey: "k",
      baseURL: "http://emulator.local",
      fetch: slow.fetch,
    });
    const id = await p.submitBatch(await p.createBatchFromMessages([conversation("x")]));
    await expect(p.getResults(id)).rejects.toThrow(
      /status is "pending" \(provider: "BATCH_STATE_PENDING"\)/,
    );
  });

  it("surfaces a batch whose input file was rejected as BatchFailedError", async () => {
    const line = (key: string, request: unknown) => JSON.stringify({ key, request });
    const bytes = new TextEncoder().encode(
      `${line("a", { contents: [] })}\n${line("b", "oops")}\n`,
    );
    const bad = new BatchBuffer({
      provider: "google",
      model: MODEL,
      customIds: ["a", "b"],
      chunks: [bytes],
    });
    const p = fileProcessor();
    const id = await p.submitBatch(bad);
    const status = await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(status.status).toBe("failed");
    expect(status.errors[0]?.code).toBe("INVALID_ARGUMENT");
    const error = await p.getResults(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchFailedError);
    expect((error as Error).message).toMatch(/Line 2/);
  });

  it("lists batches across pages, and deletes a batch with its files", async () => {
    const p = processor();
    const sdk = new GoogleGenAI({
      apiKey: "k",
      httpOptions: { baseUrl: server.url, apiVersion: "v1beta" },
    });
    for (let i = 0; i < 101; i++) {
      await sdk.batches.create({
        model: MODEL,
        src: [{ contents: [{ role: "user", parts: [{ text: "seed" }] }] }],
        config: { displayName: `seed ${i}` },
      });
    }
    for (let i = 0; i < 3; i++)
      await p.submitBatch(await p.createBatchFromMessages([conversation(`n ${i}`)]));
    const listed = await p.listBatches({ limit: 1000 });
    expect(listed.length).toBeGreaterThan(104);
    expect(new Set(listed.map((b) => b.id)).size).toBe(listed.length);

    const files = fileProcessor();
    const { id, status } = await runToResults(files, ["to delete"]);
    const raw = status.raw as {
      metadata: { inputConfig: { fileName: string }; output: { responsesFile: string } };
    };
    const report = await files.deleteBatch(id);
    expect(report).toEqual({
      id,
      batchDeleted: true,
      deletedFiles: [raw.metadata.inputConfig.fileName, raw.metadata.output.responsesFile],
    });
    const gone = await p.getBatchStatus(id).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ProviderApiError);
    expect((gone as ProviderApiError).status).toBe(404);
    await expect(sdk.files.get({ name: raw.metadata.inputConfig.fileName })).rejects.toThrow();
  }, 60_000);
});
