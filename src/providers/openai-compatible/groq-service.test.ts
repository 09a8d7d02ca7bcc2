// Groq on the OpenAI wire: its default base URL, its one endpoint and its completion windows,
// on the emulator's /groq/openai/v1 routes over real HTTP with the official openai SDK.
import OpenAI, { toFile } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createEmulator } from "../../emulator/index.js";
import { ProviderApiError } from "../../errors/provider-api-error.js";
import { BatchProcessor } from "../../processor/batch-processor.js";

const User = z.object({ name: z.string() });
const CONVERSATIONS = [[{ role: "user" as const, content: "John Doe" }]];
const emulator = createEmulator({
  phases: { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 },
});
let url = "";
let close: () => Promise<void> = async () => {};
beforeAll(async () => {
  const server = await emulator.listen({ port: 0, host: "127.0.0.1" });
  url = server.url;
  close = server.close;
});
afterAll(() => close());

const sdk = () => new OpenAI({ apiKey: "k", baseURL: `${url}/groq/openai/v1` });

async function uploadOneLine(): Promise<string> {
  const line = JSON.stringify({
    custom_id: "a",
    method: "POST",
    url: "/v1/chat/completions",
    body: { model: "llama-3.1-8b-instant", messages: [{ role: "user", content: "hi" }] },
  });
  return (
    await sdk().files.create({
      file: await toFile(new Blob([`${line}\n`]), "b.jsonl"),
      purpose: "batch",
    })
  ).id;
}

describe("groq/<model>", () => {
  it("goes to Groq's own base URL when none is given, with the key as a bearer token", async () => {
    const saved = process.env.GROQ_BASE_URL;
    delete process.env.GROQ_BASE_URL;
    const seen: string[] = [];
    try {
      const processor = new BatchProcessor("groq/llama-3.1-8b-instant", User, {
        apiKey: "groq-key",
        fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
          const request = new Request(input, init);
          seen.push(`${request.url} ${request.headers.get("authorization")}`);
          return Response.json({ error: { message: "no network here" } }, { status: 401 });
        }) as typeof fetch,
      });
      const error = await processor
        .submitBatch(await processor.createBatchFromMessages(CONVERSATIONS))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderApiError);
      expect((error as Error).message).not.toContain("groq-key");
      expect(seen).toEqual(["https://api.groq.com/openai/v1/files Bearer groq-key"]);
    } finally {
      if (saved !== undefined) process.env.GROQ_BASE_URL = saved;
    }
  });

  it("refuses the Responses API before anything is sent: Groq batches chat completions only", () => {
    expect(
      () =>
        new BatchProcessor("groq/llama-3.1-8b-instant", User, {
          openai: { endpoint: "/v1/responses" },
        }),
    ).toThrow(/Groq batches do not take \/v1\/responses/);
  });

  it("runs the workflow under /groq/openai/v1, the batch in Groq's id shape", async () => {
    const processor = new BatchProcessor("groq/llama-3.1-8b-instant", User, {
      apiKey: "k",
      baseURL: `${url}/groq/openai/v1`,
    });
    const id = await processor.submitBatch(await processor.createBatchFromMessages(CONVERSATIONS));
    expect(id).toMatch(/^batch_[0-9a-z]{26}$/);
    await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    expect((await processor.getResults(id)).map((r) => r.success)).toEqual([true]);
    expect((await processor.listBatches({ limit: 5 })).map((b) => b.provider)).toContain("groq");
  });
});

describe("the emulator's /groq routes", () => {
  it("take Groq's windows up to 7d, and refuse longer ones and other endpoints", async () => {
    const client = sdk();
    const week = await client.batches.create({
      input_file_id: await uploadOneLine(),
      endpoint: "/v1/chat/completions",
      completion_window: "7d" as "24h",
    });
    expect(week.completion_window).toBe("7d");
    const tooLong = await client.batches
      .create({
        input_file_id: await uploadOneLine(),
        endpoint: "/v1/chat/completions",
        completion_window: "8d" as "24h",
      })
      .catch((e: unknown) => e);
    expect(tooLong).toMatchObject({
      status: 400,
      code: "invalid_value",
      param: "completion_window",
    });
    const responses = await client.batches
      .create({
        input_file_id: await uploadOneLine(),
        endpoint: "/v1/responses",
        completion_window: "24h",
      })
      .catch((e: unknown) => e);
    expect(responses).toMatchObject({ status: 400, param: "endpoint" });
  });

  it("keep Groq's batches apart from OpenAI's", async () => {
    const id = (
      await sdk().batches.create({
        input_file_id: await uploadOneLine(),
        endpoint: "/v1/chat/completions",
        completion_window: "24h",
      })
    ).id;
    const openai = new OpenAI({ apiKey: "k", baseURL: `${url}/v1` });
    await expect(openai.batches.retrieve(id)).rejects.toMatchObject({ status: 404 });
  });
});
