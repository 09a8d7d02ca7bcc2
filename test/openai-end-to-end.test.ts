// The library against its own emulator over real HTTP on 127.0.0.1: the OpenAI path end to end.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { DEMO_CONVERSATIONS, DemoUser } from "../src/cli/demo.js";
import {
  createEmulator,
  type EmulatedOutcome,
  type EmulatedRequest,
} from "../src/emulator/index.js";
import {
  BatchFailedError,
  BatchNotFinishedError,
  BatchProcessor,
  filterErrors,
  filterSuccessful,
  InvalidMessagesError,
  MissingApiKeyError,
  ProviderApiError,
  resultsByCustomId,
  WaitTimeoutError,
} from "../src/index.js";
import { useEmulatorServer } from "./support/emulator-server.js";

type Script = (request: EmulatedRequest) => EmulatedOutcome | undefined;
let script: Script = () => undefined;
afterEach(() => {
  script = () => undefined;
});

const server = useEmulatorServer({ responder: (request) => script(request) });
const processor = () =>
  new BatchProcessor("openai/gpt-4o-mini", DemoUser, {
    apiKey: "test-key",
    baseURL: server.baseURL,
  });
const conversation = (text: string) => [{ role: "user" as const, content: text }];

async function runToResults<T>(p: BatchProcessor<T>, texts: string[], customIds?: string[]) {
  const buffer = await p.createBatchFromMessages(
    texts.map(conversation),
    customIds ? { customIds } : {},
  );
  const id = await p.submitBatch(buffer);
  const status = await p.waitForCompletion(id, { pollIntervalMs: 5 });
  return { id, status, results: await p.getResults(id) };
}

describe("OpenAI path on the emulator", () => {
  it("runs the quick start: three users extracted, typed and validated", async () => {
    const p = processor();
    const buffer = await p.createBatchFromMessages(DEMO_CONVERSATIONS, {
      filePath: null,
      maxTokens: 150,
      temperature: 0.1,
    });
    expect(buffer.requestCount).toBe(3);
    const id = await p.submitBatch(buffer, { metadata: { description: "demo" } });
    const seen: string[] = [];
    const final = await p.waitForCompletion(id, {
      pollIntervalMs: 5,
      onProgress: (s) => seen.push(s.status),
    });
    expect(final.status).toBe("completed");
    expect(final.metadata).toEqual({ description: "demo" });
    expect(seen.at(-1)).toBe("completed");
    const results = await p.getResults(id);
    expect(filterErrors(results)).toEqual([]);
    const byId = resultsByCustomId(results);
    expect(byId.get("request-0")).toMatchObject({
      success: true,
      result: { name: "John Doe", age: 25, email: "john@example.com" },
    });
    expect(byId.get("request-1")).toMatchObject({
      success: true,
      result: { name: "Jane Smith", age: 30, email: "jane.smith@company.com" },
    });
    expect(byId.get("request-2")).toMatchObject({
      success: true,
      result: { name: "Bob Wilson", age: 28, email: "bob.wilson@email.com" },
    });
    const first = filterSuccessful(results)[0];
    expect(first?.usage?.totalTokens).toBeGreaterThan(0);
    expect(first?.raw).toMatchObject({
      custom_id: expect.any(String),
      response: { status_code: 200 },
    });
  });

  it("sends what it built: strict json_schema, max_completion_tokens, temperature", async () => {
    const bodies: Record<string, unknown>[] = [];
    script = (request) => {
      bodies.push(request.body);
      return undefined;
    };
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

  it("accounts for every request with the right error type on mixed outcomes", async () => {
    const outcomes: Record<string, EmulatedOutcome> = {
      ok: { type: "success", content: { name: "A B", age: 1, email: "a@b.c" } },
      http500: {
        type: "error",
        status: 500,
        message: "The server had an error",
        code: "server_error",
      },
      notjson: { type: "text", text: "Sure! Here is the user: A B" },
      invalid: { type: "success", content: { name: "A B", age: "twenty", email: "a@b.c" } },
      cut: { type: "truncated", text: '{"name":"A' },
      refused: { type: "refusal", message: "I can't help with that." },
      late: { type: "expired" },
      stopped: { type: "cancelled" },
    };
    script = (request) => outcomes[request.customId];
    const ids = Object.keys(outcomes);
    const { status, results } = await runToResults(
      processor(),
      ids.map(() => "x"),
      ids,
    );
    expect(status.status).toBe("completed");
    expect(results).toHaveLength(ids.length);
    const byId = resultsByCustomId(results);
    expect(new Set(byId.keys())).toEqual(new Set(ids));
    expect(byId.get("ok")).toMatchObject({ success: true, result: { age: 1 } });
    expect(byId.get("http500")).toMatchObject({
      success: false,
      errorType: "provider_error",
      statusCode: 500,
      errorCode: "server_error",
      errorMessage: "The server had an error",
    });
    expect(byId.get("notjson")).toMatchObject({
      success: false,
      errorType: "parse_error",
      text: "Sure! Here is the user: A B",
    });
    expect(byId.get("invalid")).toMatchObject({
      success: false,
      errorType: "validation_error",
      value: { age: "twenty" },
      issues: [expect.objectContaining({ path: ["age"] })],
    });
    expect(byId.get("cut")).toMatchObject({
      success: false,
      errorType: "truncated",
      text: '{"name":"A',
    });
    expect(byId.get("refused")).toMatchObject({
      success: false,
      errorType: "refusal",
      errorMessage: "I can't help with that.",
    });
    expect(byId.get("late")).toMatchObject({ success: false, errorType: "expired" });
    expect(byId.get("stopped")).toMatchObject({ success: false, errorType: "cancelled" });
  });

  it("returns every request as an error when nothing succeeded (no output file at all)", async () => {
    script = () => ({ type: "error", status: 400, message: "Invalid schema" });
    const { id, results } = await runToResults(processor(), ["a", "b", "c"]);
    const raw = await new OpenAI({ apiKey: "k", baseURL: server.baseURL }).batches.retrieve(id);
    expect(raw.output_file_id).toBeNull();
    expect(raw.error_file_id).not.toBeNull();
    expect(results.map((r) => [r.customId, r.success ? "ok" : r.errorType]).sort()).toEqual([
      ["request-0", "provider_error"],
      ["request-1", "provider_error"],
      ["request-2", "provider_error"],
    ]);
  });

  it("maps a null for an optional field to absent before validating", async () => {
    const Person = z.object({
      name: z.string(),
      nickname: z.string().optional(),
      spouse: z.string().nullable(),
    });
    script = () => ({ type: "success", content: { name: "A", nickname: null, spouse: null } });
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

  it("refuses results before the batch has finished, naming the status", async () => {
    const slow = useSlowServer();
    const p = new BatchProcessor("openai/gpt-4o-mini", DemoUser, {
      apiKey: "k",
      fetch: slow.fetch,
      baseURL: "http://emulator.local/v1",
    });
    const id = await p.submitBatch(await p.createBatchFromMessages([conversation("x")]));
    await expect(p.getResults(id)).rejects.toThrow(BatchNotFinishedError);
    await expect(p.getResults(id)).rejects.toThrow(
      /status is "pending" \(provider: "validating"\)/,
    );
    await expect(p.waitForCompletion(id, { pollIntervalMs: 5, timeoutMs: 30 })).rejects.toThrow(
      WaitTimeoutError,
    );
    const controller = new AbortController();
    const waiting = p.waitForCompletion(id, { pollIntervalMs: 1000, signal: controller.signal });
    controller.abort(new Error("stop waiting"));
    await expect(waiting).rejects.toThrow("stop waiting");
    // Cancelling goes through "cancelling" (still processing) to "cancelled".
    const cancelling = await p.cancelBatch(id);
    expect(cancelling.rawStatus).toBe("cancelling");
    expect(cancelling.status).toBe("processing");
    slow.emulator.clock.advance(60_000);
    const final = await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(final.status).toBe("cancelled");
    const results = await p.getResults(id);
    expect(results).toEqual([
      expect.objectContaining({ customId: "request-0", errorType: "cancelled" }),
    ]);
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
    const id = await p.submitBatch(path);
    const status = await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(status.status).toBe("failed");
    expect(status.errors[0]?.line).toBe(2);
    const error = await p.getResults(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchFailedError);
    expect((error as BatchFailedError).errors[0]?.line).toBe(2);
    expect((error as Error).message).toContain("line 2");
  });

  it("lists batches newest first across pages, and deletes a batch's files", async () => {
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
    expect(listed.slice(0, 3).map((b) => b.id)).toEqual([...ids].reverse());
    expect((await p.listBatches({ limit: 2 })).map((b) => b.id)).toEqual([ids[2], ids[1]]);

    await p.waitForCompletion(ids[0]!, { pollIntervalMs: 5 });
    const batch = await sdk.batches.retrieve(ids[0]!);
    const report = await p.deleteBatch(ids[0]!);
    expect(report.batchDeleted).toBe(false);
    expect(report.deletedFiles.sort()).toEqual([batch.input_file_id, batch.output_file_id].sort());
    await expect(sdk.files.retrieve(batch.input_file_id)).rejects.toThrow(OpenAI.NotFoundError);
  }, 60_000);

  it("writes a batch file atomically and submits it from the path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-"));
    const path = join(dir, "batch.jsonl");
    const p = processor();
    const returned = await p.createBatchFromMessages(DEMO_CONVERSATIONS, {
      filePath: path,
      maxTokens: 150,
    });
    expect(returned).toBe(path);
    expect(readdirSync(dir)).toEqual(["batch.jsonl"]); // no temporary file left
    const inMemory = await p.createBatchFromMessages(DEMO_CONVERSATIONS, { maxTokens: 150 });
    expect(readFileSync(path, "utf8")).toBe(inMemory.text());
    const id = await p.submitBatch(path);
    await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(filterSuccessful(await p.getResults(id))).toHaveLength(3);

    const bad = join(dir, "bad.jsonl");
    await expect(
      p.createBatchFromMessages(
        [[{ role: "user", content: "x" }], [{ role: "bot", content: "y" }]] as never,
        { filePath: bad },
      ),
    ).rejects.toThrow(InvalidMessagesError);
    expect(existsSync(bad)).toBe(false);
  });

  it("parses a downloaded results file offline, garbage lines included", async () => {
    const p = processor();
    const good = JSON.stringify({
      id: "batch_req_1",
      custom_id: "u1",
      response: {
        status_code: 200,
        request_id: "r",
        body: {
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: '{"name":"A","age":3,"email":"a@b"}' },
              finish_reason: "stop",
            },
          ],
        },
      },
      error: null,
    });
    const results = await p.parseResults(`${good}\n\nthis is not json\n{"no":"id"}\n`);
    expect(
      results.map((r) => (r.success ? [r.customId, "ok"] : [r.customId, r.errorType])),
    ).toEqual([
      ["u1", "ok"],
      ["line-3", "malformed_line"],
      ["line-4", "malformed_line"],
    ]);
  });

  it("uses a client passed in, and an in-process fetch", async () => {
    const client = new OpenAI({ apiKey: "k", baseURL: server.baseURL });
    const viaClient = new BatchProcessor("openai/gpt-4o-mini", DemoUser, { client });
    const { results } = await runToResults(viaClient, ["Ann Lee is 40 years old, ann@x.io"]);
    expect(results[0]).toMatchObject({ success: true, result: { name: "Ann Lee", age: 40 } });
    const inProcess = new BatchProcessor("openai/gpt-4o-mini", DemoUser, {
      apiKey: "k",
      baseURL: "http://emulator.local/v1",
      fetch: server.emulator.fetch,
    });
    expect((await runToResults(inProcess, ["x"])).results).toHaveLength(1);
  });
});

describe("credentials", () => {
  it("fails clearly without an API key, before sending anything", async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const p = new BatchProcessor("openai/gpt-4o-mini", DemoUser, { baseURL: server.baseURL });
      const buffer = await p.createBatchFromMessages([conversation("x")]);
      const before = (
        await new OpenAI({ apiKey: "k", baseURL: server.baseURL }).batches.list({ limit: 1 })
      ).data[0]?.id;
      const error = await p.submitBatch(buffer).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingApiKeyError);
      expect((error as Error).message).toContain("OPENAI_API_KEY");
      const after = (
        await new OpenAI({ apiKey: "k", baseURL: server.baseURL }).batches.list({ limit: 1 })
      ).data[0]?.id;
      expect(after).toBe(before);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });

  it("never puts a rejected key in the error", async () => {
    const guarded = useGuardedServer();
    const secret = "sk-proj-THIS-IS-A-SECRET-KEY-123456";
    const p = new BatchProcessor("openai/gpt-4o-mini", DemoUser, {
      apiKey: secret,
      baseURL: "http://emulator.local/v1",
      fetch: guarded.fetch,
    });
    const error = await p
      .submitBatch(await p.createBatchFromMessages([conversation("x")]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect((error as ProviderApiError).status).toBe(401);
    expect((error as Error).message).toContain("upload batch file");
    expect(
      JSON.stringify({ message: (error as Error).message, stack: (error as Error).stack }),
    ).not.toContain("SECRET-KEY");
  });
});

function useSlowServer() {
  // Real-time phases: the batch stays in validating until the clock is advanced.
  const emulator = createEmulator({
    phases: { validatingMs: 3_600_000, inProgressMs: 1000, finalizingMs: 1000, cancellingMs: 1000 },
  });
  return { emulator, fetch: emulator.fetch as typeof fetch };
}

function useGuardedServer() {
  const emulator = createEmulator({ apiKeys: ["the-only-valid-key"] });
  return { emulator, fetch: emulator.fetch as typeof fetch };
}
