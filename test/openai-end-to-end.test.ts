// The library against its own emulator over real HTTP on 127.0.0.1: what is particular to the
// OpenAI path. What every adapter does alike is asserted once for all in test/conformance.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DEMO_CONVERSATIONS, DemoUser } from "../src/cli/demo.js";
import { BatchFailedError, BatchProcessor, filterSuccessful } from "../src/index.js";
import {
  conversation,
  runToResults,
  slowEmulator,
  useScriptedServer,
} from "./support/end-to-end.js";

const { server, answer, recordBodies, runOutcomes } = useScriptedServer();
const processor = () =>
  new BatchProcessor("openai/gpt-4o-mini", DemoUser, {
    apiKey: "test-key",
    baseURL: server.baseURL,
  });

describe("OpenAI path on the emulator", () => {
  it("keeps the batch's metadata and each raw result line", async () => {
    const p = processor();
    const buffer = await p.createBatchFromMessages(DEMO_CONVERSATIONS, { maxTokens: 150 });
    const id = await p.submitBatch(buffer, { metadata: { description: "demo" } });
    const final = await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(final.metadata).toEqual({ description: "demo" });
    const first = filterSuccessful(await p.getResults(id))[0];
    expect(first?.raw).toMatchObject({
      custom_id: first?.customId,
      response: { status_code: 200 },
    });
  });

  it("sends what it built: strict json_schema, max_completion_tokens, temperature", async () => {
    const bodies = recordBodies();
    const p = processor();
    const buffer = await p.createBatchFromMessages([conversation("Ann Lee is 40, ann@x.io")], {
      maxTokens: 150,
      temperature: 0.1,
      seed: 3,
    });
    await p.waitForCompletion(await p.submitBatch(buffer), { pollIntervalMs: 5 });
    expect(bodies[0]).toMatchObject({
      model: "gpt-4o-mini",
      max_completion_tokens: 150,
      temperature: 0.1,
      seed: 3,
      response_format: {
        type: "json_schema",
        json_schema: {
          strict: true,
          schema: { additionalProperties: false, required: ["name", "age", "email"] },
        },
      },
    });
  });

  it("keeps OpenAI's error fields, a cut answer's text and a refusal's message", async () => {
    const byId = await runOutcomes(processor(), {
      http500: {
        type: "error",
        status: 500,
        message: "The server had an error",
        code: "server_error",
      },
      cut: { type: "truncated", text: '{"name":"A' },
      refused: { type: "refusal", message: "I can't help with that." },
    });
    expect(byId.get("http500")).toMatchObject({
      errorType: "provider_error",
      statusCode: 500,
      errorCode: "server_error",
      errorMessage: "The server had an error",
    });
    expect(byId.get("cut")).toMatchObject({ errorType: "truncated", text: '{"name":"A' });
    expect(byId.get("refused")).toMatchObject({
      errorType: "refusal",
      errorMessage: "I can't help with that.",
    });
  });

  it("maps a null for an optional field to absent before validating", async () => {
    const Person = z.object({
      name: z.string(),
      nickname: z.string().optional(),
      spouse: z.string().nullable(),
    });
    answer(() => ({ type: "success", content: { name: "A", nickname: null, spouse: null } }));
    const p = new BatchProcessor("openai/gpt-4o-mini", Person, {
      apiKey: "k",
      baseURL: server.baseURL,
    });
    const { results } = await runToResults(p, ["x"]);
    expect(results[0]).toMatchObject({ success: true });
    const value = results[0]?.success ? results[0].result : undefined;
    expect(value).toEqual({ name: "A", spouse: null });
    expect(value && "nickname" in value).toBe(false);
  });

  it("names OpenAI's statuses while a batch runs: validating, then cancelling", async () => {
    const slow = slowEmulator();
    const p = new BatchProcessor("openai/gpt-4o-mini", DemoUser, {
      apiKey: "k",
      fetch: slow.fetch,
      baseURL: "http://emulator.local/v1",
    });
    const id = await p.submitBatch(await p.createBatchFromMessages([conversation("x")]));
    await expect(p.getResults(id)).rejects.toThrow(
      /status is "pending" \(provider: "validating"\)/,
    );
    // Cancelling goes through "cancelling" (still processing) to "cancelled".
    const cancelling = await p.cancelBatch(id);
    expect(cancelling.rawStatus).toBe("cancelling");
    expect(cancelling.status).toBe("processing");
    slow.emulator.clock.advance(60_000);
    expect((await p.waitForCompletion(id, { pollIntervalMs: 5 })).status).toBe("cancelled");
  });

  it("surfaces a batch that failed input validation with its line numbers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-"));
    const path = join(dir, "mixed.jsonl");
    const line = (id: string, model: string) =>
      JSON.stringify({
        custom_id: id,
        method: "POST",
        url: "/v1/chat/completions",
        body: { model, messages: [{ role: "user", content: "x" }] },
      });
    writeFileSync(path, `${line("a", "gpt-4o-mini")}\n${line("b", "gpt-4o")}\n`);
    const p = processor();
    // submitBatch refuses such a file before sending it (one model per batch), naming line 2...
    await expect(p.submitBatch(path)).rejects.toMatchObject({
      name: "InvalidArgumentError",
      issues: [{ path: [path, 2] }],
    });
    // ...so it is sent as another client would, and the library reads the failed batch.
    const sdk = new OpenAI({ apiKey: "k", baseURL: server.baseURL });
    const file = await sdk.files.create({
      file: new File([readFileSync(path)], "mixed.jsonl"),
      purpose: "batch",
    });
    const { id } = await sdk.batches.create({
      input_file_id: file.id,
      endpoint: "/v1/chat/completions",
      completion_window: "24h",
    });
    const status = await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(status.status).toBe("failed");
    expect(status.errors[0]?.line).toBe(2);
    const error = await p.getResults(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchFailedError);
    expect((error as BatchFailedError).errors[0]?.line).toBe(2);
    expect((error as Error).message).toContain("line 2");
  });

  it("lists batches across pages, and deletes a batch's input and output files", async () => {
    const p = processor();
    const sdk = new OpenAI({ apiKey: "k", baseURL: server.baseURL });
    // More than one page of 100, made cheaply from one input file.
    const seed = await p.createBatchFromMessages([conversation("seed")]);
    const file = await sdk.files.create({
      file: new File([seed.toBlob()], "b.jsonl"),
      purpose: "batch",
    });
    for (let i = 0; i < 101; i++)
      await sdk.batches.create({
        input_file_id: file.id,
        endpoint: "/v1/chat/completions",
        completion_window: "24h",
      });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(await p.submitBatch(await p.createBatchFromMessages([conversation(`n ${i}`)])));
    const listed = await p.listBatches({ limit: 1000 });
    expect(listed.length).toBeGreaterThan(104);
    expect(new Set(listed.map((b) => b.id)).size).toBe(listed.length);

    await p.waitForCompletion(ids[0]!, { pollIntervalMs: 5 });
    const batch = await sdk.batches.retrieve(ids[0]!);
    const report = await p.deleteBatch(ids[0]!);
    expect(report.batchDeleted).toBe(false);
    expect(report.deletedFiles.sort()).toEqual([batch.input_file_id, batch.output_file_id].sort());
    await expect(sdk.files.retrieve(batch.input_file_id)).rejects.toThrow(OpenAI.NotFoundError);
  }, 60_000);
});
