// Azure OpenAI's Global Batch through the SDK's AzureOpenAI client, over real HTTP on the
// emulator's /azure routes: what Azure does differently from OpenAI, each checked on the wire.
import { AzureOpenAI, toFile } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createEmulator } from "../../emulator/index.js";
import { BatchFailedError } from "../../errors/batch-failed-error.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { MissingApiKeyError } from "../../errors/missing-api-key-error.js";
import { MissingSettingError } from "../../errors/missing-setting-error.js";
import { BatchProcessor } from "../../processor/batch-processor.js";

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });
const CONVERSATIONS = [
  [{ role: "user" as const, content: "John Doe is 25, john@example.com" }],
  [{ role: "user" as const, content: "Jane Smith is 30, jane@company.com" }],
];
const INSTANT = { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 };

const emulator = createEmulator({ phases: INSTANT, azure: { limits: { maxRequestsPerBatch: 5 } } });
let url = "";
let close: () => Promise<void> = async () => {};
beforeAll(async () => {
  const server = await emulator.listen({ port: 0, host: "127.0.0.1" });
  url = server.url;
  close = server.close;
});
afterAll(() => close());

/** A fetch over real HTTP that remembers each request's method, path, query and auth headers. */
function recordingFetch() {
  const seen: {
    method: string;
    path: string;
    apiVersion: string | null;
    apiKey: string | null;
    auth: string | null;
    body?: string;
  }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const target = new URL(request.url);
    const body =
      request.method === "POST" && target.pathname.endsWith("/batches")
        ? await request.clone().text()
        : undefined;
    seen.push({
      method: request.method,
      path: target.pathname,
      apiVersion: target.searchParams.get("api-version"),
      apiKey: request.headers.get("api-key"),
      auth: request.headers.get("authorization"),
      ...(body !== undefined && { body }),
    });
    return globalThis.fetch(request);
  };
  return { seen, fetch: fetch as typeof globalThis.fetch };
}

const sdk = () =>
  new AzureOpenAI({ apiKey: "k", endpoint: `${url}/azure`, apiVersion: "2024-10-21" });

describe("azure/<deployment>", () => {
  it("writes the deployment and /chat/completions, sends api-key and api-version, waits for the upload to be processed", async () => {
    const { seen, fetch } = recordingFetch();
    const processor = new BatchProcessor("azure/my-batch-deployment", User, {
      apiKey: "azure-key",
      fetch,
      azure: { endpoint: `${url}/azure`, apiVersion: "2025-04-01-preview", model: "gpt-4o-mini" },
    });
    const buffer = await processor.createBatchFromMessages(CONVERSATIONS, { maxTokens: 100 });
    const lines = buffer
      .text()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.url, l.body.model])).toEqual([
      ["/chat/completions", "my-batch-deployment"],
      ["/chat/completions", "my-batch-deployment"],
    ]);
    const id = await processor.submitBatch(buffer);
    expect(id).toMatch(/^batch_[0-9a-f-]{36}$/);
    // Every call under /azure/openai with the api-version and the key in Azure's header.
    expect(seen.length).toBeGreaterThan(0);
    for (const call of seen) {
      expect(call.path.startsWith("/azure/openai/")).toBe(true);
      expect(call).toMatchObject({
        apiVersion: "2025-04-01-preview",
        apiKey: "azure-key",
        auth: null,
      });
    }
    // Upload (answered `pending`), a look at the file until it is processed, then the batch.
    const paths = seen.map((c) => `${c.method} ${c.path.replace(/file-[0-9a-f]+/, "{file}")}`);
    expect(paths).toEqual([
      "POST /azure/openai/files",
      "GET /azure/openai/files/{file}",
      "POST /azure/openai/batches",
    ]);
    expect(JSON.parse(seen[2]!.body!)).toMatchObject({
      endpoint: "/chat/completions",
      completion_window: "24h",
    });
    await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    const results = await processor.getResults(id);
    expect(results.map((r) => r.success)).toEqual([true, true]);
    expect(await processor.getBatchStatus(id)).toMatchObject({
      provider: "azure",
      status: "completed",
    });
  });

  it("is refused a batch over an upload Azure has not processed yet (what the wait is for)", async () => {
    const client = sdk();
    const file = await client.files.create({
      file: await toFile(new Blob(["{}\n"]), "batch.jsonl"),
      purpose: "batch",
    });
    expect(file.status).toBe("pending");
    const error = await client.batches
      .create({
        input_file_id: file.id,
        endpoint: "/chat/completions" as never,
        completion_window: "24h",
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect((await client.files.retrieve(file.id)).status).toBe("processed");
  });

  it("throws a BatchFailedError naming every line of a batch Azure failed (errors.data)", async () => {
    const client = sdk();
    // OpenAI-style lines (url /v1/chat/completions) in an Azure batch: each line is refused.
    const line = (id: string) =>
      JSON.stringify({
        custom_id: id,
        method: "POST",
        url: "/v1/chat/completions",
        body: { model: "d", messages: [] },
      });
    const file = await client.files.create({
      file: await toFile(new Blob([`${line("a")}\n${line("b")}\n`]), "batch.jsonl"),
      purpose: "batch",
    });
    await client.files.retrieve(file.id);
    const batch = await client.batches.create({
      input_file_id: file.id,
      endpoint: "/chat/completions" as never,
      completion_window: "24h",
    });
    const processor = new BatchProcessor("azure/d", User, { apiKey: "k", baseURL: `${url}/azure` });
    expect((await processor.waitForCompletion(batch.id, { pollIntervalMs: 5 })).status).toBe(
      "failed",
    );
    const error = await processor.getResults(batch.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchFailedError);
    expect((error as BatchFailedError).errors.map((e) => [e.line, e.code])).toEqual([
      [1, "invalid_url"],
      [2, "invalid_url"],
    ]);
    expect((error as Error).message).toContain("line 1: ");
    expect((error as Error).message).toContain("line 2: ");
  });

  it("fails a file over Azure's request limit as a whole (emulator limit set to 5 here)", async () => {
    const processor = new BatchProcessor("azure/d", User, {
      apiKey: "k",
      baseURL: `${url}/azure`,
      // The processor would split at Azure's 100,000; above the emulator's 5 it sends one file.
      limits: { maxRequests: 6 },
    });
    const six = Array.from({ length: 6 }, () => CONVERSATIONS[0]!);
    const id = await processor.submitBatch(await processor.createBatchFromMessages(six));
    await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    const error = await processor.getResults(id).catch((e: unknown) => e);
    expect((error as BatchFailedError).errors[0]).toMatchObject({ code: "too_many_tasks" });
  });

  it("authenticates with an Entra ID token provider as a bearer token, never an api-key", async () => {
    const { seen, fetch } = recordingFetch();
    const processor = new BatchProcessor("azure/gpt-4o-mini", User, {
      fetch,
      azure: { endpoint: `${url}/azure`, azureADTokenProvider: async () => "entra-token" },
    });
    const id = await processor.submitBatch(await processor.createBatchFromMessages(CONVERSATIONS));
    expect(id).toMatch(/^batch_/);
    for (const call of seen)
      expect(call).toMatchObject({ apiKey: null, auth: "Bearer entra-token" });
  });

  it("gives the upload Azure's expiry when asked (expires_after)", async () => {
    const processor = new BatchProcessor("azure/gpt-4o-mini", User, {
      apiKey: "k",
      baseURL: `${url}/azure`,
      azure: { fileExpirySeconds: 1_209_600 },
    });
    const id = await processor.submitBatch(await processor.createBatchFromMessages(CONVERSATIONS));
    const batch = await sdk().batches.retrieve(id);
    const file = await sdk().files.retrieve(batch.input_file_id);
    expect(file.expires_at! - file.created_at).toBe(1_209_600);
  });

  it("names what is missing before sending anything", async () => {
    const saved = { ...process.env };
    for (const name of ["AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "OPENAI_BASE_URL"]) {
      delete process.env[name];
    }
    try {
      const keyless = new BatchProcessor("azure/gpt-4o-mini", User, { baseURL: `${url}/azure` });
      const noKey = await keyless
        .submitBatch(await keyless.createBatchFromMessages(CONVERSATIONS))
        .catch((e: unknown) => e);
      expect(noKey).toBeInstanceOf(MissingApiKeyError);
      expect((noKey as Error).message).toContain("AZURE_OPENAI_API_KEY");
      expect((noKey as Error).message).toContain("azureADTokenProvider");
      const nowhere = new BatchProcessor("azure/gpt-4o-mini", User, { apiKey: "secret-azure-key" });
      const noEndpoint = await nowhere
        .submitBatch(await nowhere.createBatchFromMessages(CONVERSATIONS))
        .catch((e: unknown) => e);
      expect(noEndpoint).toBeInstanceOf(MissingSettingError);
      expect((noEndpoint as Error).message).toContain("AZURE_OPENAI_ENDPOINT");
      expect((noEndpoint as Error).message).not.toContain("secret-azure-key");
    } finally {
      process.env = saved;
    }
  });

  it("refuses bad Azure settings when the processor is made", () => {
    const make = (azure: Record<string, unknown>, apiKey?: string) => () =>
      new BatchProcessor("azure/d", User, { ...(apiKey && { apiKey }), azure: azure as never });
    expect(make({ azureADTokenProvider: async () => "t" }, "k")).toThrow(InvalidArgumentError);
    expect(make({ fileExpirySeconds: 3600 })).toThrow(/1209600 to 2592000/);
    expect(make({ apiVersion: "2024-10-21 " })).toThrow(/azure\.apiVersion/);
    expect(make({ endpoint: "https://u:pw@res.openai.azure.com" })).toThrow(/credentials/);
    expect(make({ deployment: "x" })).toThrow(/azure\.deployment/);
    // Azure's Global Batch has no Responses endpoint.
    expect(
      () => new BatchProcessor("azure/d", User, { openai: { endpoint: "/v1/responses" } }),
    ).toThrow(/Azure OpenAI batches do not take \/v1\/responses/);
  });

  it("follows the rules of the model the deployment runs (azure.model), else warns", async () => {
    const warnings: string[] = [];
    const logger = { warn: (m: string) => warnings.push(m) };
    const reasoning = new BatchProcessor("azure/my-o3", User, {
      azure: { model: "o3-mini" },
      logger,
    });
    const sent = await reasoning.createBatchFromMessages(CONVERSATIONS, { temperature: 0.2 });
    expect(JSON.parse(sent.text().split("\n")[0]!).body.temperature).toBeUndefined();
    expect(warnings.join("\n")).toContain("temperature is not sent to o3-mini");
    warnings.length = 0;
    const unknown = new BatchProcessor("azure/my-o3", User, { logger });
    await unknown.createBatchFromMessages(CONVERSATIONS, { temperature: 0.2 });
    expect(warnings.join("\n")).toContain("my-o3 is not in structured-batch's model catalog");
  });
});

describe("the emulator's /azure routes", () => {
  it("answer a missing api-version and a missing key as Azure's gateway does", async () => {
    const noVersion = await fetch(`${url}/azure/openai/batches`, { headers: { "api-key": "k" } });
    expect(noVersion.status).toBe(404);
    expect(await noVersion.json()).toEqual({
      error: { code: "404", message: "Resource not found" },
    });
    const noKey = await fetch(`${url}/azure/openai/batches?api-version=2024-10-21`);
    expect(noKey.status).toBe(401);
    expect(((await noKey.json()) as { error: { message: string } }).error.message).toContain(
      "Access denied due to invalid subscription key",
    );
    const guarded = createEmulator({ apiKeys: ["right"] });
    const wrong = await guarded.fetch("/azure/openai/batches?api-version=2024-10-21", {
      headers: { "api-key": "wrong-key-123" },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("wrong-key-123");
  });

  it("keep Azure files apart from OpenAI's", async () => {
    const file = await sdk().files.create({
      file: await toFile(new Blob(["{}\n"]), "batch.jsonl"),
      purpose: "batch",
    });
    const openai = await fetch(`${url}/v1/files/${file.id}`, {
      headers: { authorization: "Bearer k" },
    });
    expect(openai.status).toBe(404);
  });
});
