// Together AI on the OpenAI wire: its default base URL and upload route, its 64-character custom
// ids, its own batch objects (`{ job }`, upper-case statuses, ISO dates, a bare list), on the
// emulator's /together/v1 routes over real HTTP with the official openai SDK.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { bufferFromJsonl } from "../../batch/buffer-from-jsonl.js";
import { createEmulator } from "../../emulator/index.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { MissingApiKeyError } from "../../errors/missing-api-key-error.js";
import { ProviderApiError } from "../../errors/provider-api-error.js";
import { BatchProcessor } from "../../processor/batch-processor.js";
import { batchLineProblem } from "../batch-line-shapes.js";
import { fromTogetherBatch } from "./together-batch-wire.js";

const MODEL = "together/meta-llama/Llama-3.3-70B-Instruct-Turbo";
const User = z.object({ name: z.string() });
const CONVERSATIONS = [[{ role: "user" as const, content: "John Doe" }]];
const emulator = createEmulator({
  apiKeys: ["k"],
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

const sdk = (apiKey = "k") => new OpenAI({ apiKey, baseURL: `${url}/together/v1` });

/** A JSONL upload to Together's `/files/upload`, as its API reference describes it. */
async function upload(lines: object[], client = sdk()): Promise<{ id: string; LineCount: number }> {
  const form = new FormData();
  form.set("purpose", "batch-api");
  form.set("file_name", "b.jsonl");
  form.set("file_type", "jsonl");
  form.set("file", new Blob([lines.map((l) => `${JSON.stringify(l)}\n`).join("")]), "b.jsonl");
  const response = await fetch(`${url}/together/v1/files/upload`, {
    method: "POST",
    headers: { authorization: `Bearer ${client.apiKey}` },
    body: form,
  });
  return (await response.json()) as { id: string; LineCount: number };
}

const line = (customId: string) => ({
  custom_id: customId,
  body: { model: "m", messages: [{ role: "user", content: "hi" }] },
});

describe("together/<model>", () => {
  it("uploads to Together's own base URL and /files/upload when none is given", async () => {
    const saved = process.env.TOGETHER_BASE_URL;
    delete process.env.TOGETHER_BASE_URL;
    const seen: string[] = [];
    try {
      const processor = new BatchProcessor(MODEL, User, {
        apiKey: "together-secret",
        fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
          const request = new Request(input, init);
          const form = await request.formData();
          seen.push(
            `${request.url} ${request.headers.get("authorization")} ${form.get("purpose")} ${form.get("file_name")} ${form.get("file_type")}`,
          );
          return Response.json({ error: { message: "no network here" } }, { status: 401 });
        }) as typeof fetch,
      });
      const error = await processor
        .submitBatch(await processor.createBatchFromMessages(CONVERSATIONS))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderApiError);
      expect((error as Error).message).not.toContain("together-secret");
      expect(seen).toEqual([
        "https://api.together.xyz/v1/files/upload Bearer together-secret batch-api batch.jsonl jsonl",
      ]);
    } finally {
      if (saved !== undefined) process.env.TOGETHER_BASE_URL = saved;
    }
  });

  it("names TOGETHER_API_KEY when no key is set", async () => {
    const saved = process.env.TOGETHER_API_KEY;
    delete process.env.TOGETHER_API_KEY;
    try {
      const processor = new BatchProcessor(MODEL, User, { baseURL: `${url}/together/v1` });
      const error = await processor
        .submitBatch(await processor.createBatchFromMessages(CONVERSATIONS))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingApiKeyError);
      expect((error as Error).message).toContain("TOGETHER_API_KEY");
    } finally {
      if (saved !== undefined) process.env.TOGETHER_API_KEY = saved;
    }
  });

  it("refuses a custom id over Together's 64 characters before anything is sent", async () => {
    const processor = new BatchProcessor(MODEL, User, { apiKey: "k", baseURL: "http://0.0.0.0:9" });
    const error = await processor
      .createBatchFromMessages(CONVERSATIONS, { customIds: ["x".repeat(65)] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/65 characters long; together accepts at most 64/);
    // 64 is fine.
    await expect(
      processor.createBatchFromMessages(CONVERSATIONS, { customIds: ["x".repeat(64)] }),
    ).resolves.toBeDefined();
  });

  it("refuses the Responses API: Together batches chat completions only", () => {
    expect(
      () => new BatchProcessor(MODEL, User, { openai: { endpoint: "/v1/responses" } }),
    ).toThrow(/Together AI batches do not take \/v1\/responses/);
  });

  it("runs the workflow under /together/v1 with counts Together does not report itself", async () => {
    const processor = new BatchProcessor(MODEL, User, {
      apiKey: "k",
      baseURL: `${url}/together/v1`,
    });
    const id = await processor.submitBatch(
      await processor.createBatchFromMessages([...CONVERSATIONS, ...CONVERSATIONS]),
    );
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const done = await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(done).toMatchObject({
      provider: "together",
      status: "completed",
      rawStatus: "completed",
      requestCounts: { total: 2, succeeded: 2, failed: 0, pending: 0 },
    });
    expect(done.createdAt).toBeInstanceOf(Date);
    expect((await processor.getResults(id)).map((r) => r.success)).toEqual([true, true]);
    const listed = await processor.listBatches({ limit: 50 });
    expect(listed.find((b) => b.id === id)).toMatchObject({ status: "completed" });
  });
});

describe("a Together batch file written by hand", () => {
  it("may hold Together's documented { custom_id, body } lines, and is submitted as it is", async () => {
    const bare = line("a");
    expect(batchLineProblem(bare, "together")).toBeUndefined();
    // OpenAI and Groq need `method` and `url` (a bare line has Mistral's shape for them); a
    // wrong one is still refused for Together.
    expect(batchLineProblem(bare, "groq")).toMatch(
      /was built for mistral, but this processor submits to groq/,
    );
    expect(batchLineProblem({ ...bare, url: "/v1/chat/completions" }, "groq")).toMatch(
      /"method" must be "POST"/,
    );
    expect(batchLineProblem({ ...bare, method: "POST", url: "/v1/x" }, "together")).toMatch(/url/);
    const processor = new BatchProcessor(MODEL, User, {
      apiKey: "k",
      baseURL: `${url}/together/v1`,
    });
    const bytes = new TextEncoder().encode(
      `${JSON.stringify(line("a"))}\n${JSON.stringify(line("b"))}\n`,
    );
    const buffer = bufferFromJsonl(bytes, "together", "m", "hand.jsonl", (l) =>
      batchLineProblem(l, "together"),
    );
    const id = await processor.submitBatch(buffer);
    const done = await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(done).toMatchObject({ status: "completed", requestCounts: { total: 2, succeeded: 2 } });
  });
});

describe("the emulator's /together routes", () => {
  it("answer create with { job, warning }, retrieve with the job, list with an array", async () => {
    const client = sdk();
    const file = await upload([line("a"), line("b")]);
    expect(file.LineCount).toBe(2);
    const created = (await client.post("/batches", {
      body: { input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" },
    })) as { job: Record<string, unknown>; warning: string };
    expect(created.job).toMatchObject({ input_file_id: file.id, endpoint: "/v1/chat/completions" });
    const id = created.job.id as string;
    const job = (await client.get(`/batches/${id}`)) as Record<string, unknown>;
    expect(job).toMatchObject({ id, status: "COMPLETED", progress: 100 });
    expect(job.created_at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(job).not.toHaveProperty("request_counts");
    const list = (await client.get("/batches")) as Record<string, unknown>[];
    expect(Array.isArray(list)).toBe(true);
    expect(list.map((b) => b.id)).toContain(id);
  });

  it("fail a batch with a custom id over 64 characters, and refuse OpenAI's upload purpose", async () => {
    const client = sdk();
    const file = await upload([line("y".repeat(65))]);
    const { job } = (await client.post("/batches", {
      body: { input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" },
    })) as { job: { id: string } };
    const failed = (await client.get(`/batches/${job.id}`)) as Record<string, unknown>;
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/custom_id.*maximum length 64/);
    const form = new FormData();
    form.set("purpose", "batch");
    form.set("file_name", "b.jsonl");
    form.set("file", new Blob(["{}\n"]), "b.jsonl");
    const wrong = await fetch(`${url}/together/v1/files/upload`, {
      method: "POST",
      headers: { authorization: "Bearer k" },
      body: form,
    });
    expect(wrong.status).toBe(400);
  });

  it("answer an unknown key with 401", async () => {
    const error = await sdk("wrong")
      .get("/batches")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
  });
});

describe("fromTogetherBatch", () => {
  it("reads upper-case statuses, ISO dates and the one error string", () => {
    const batch = fromTogetherBatch(
      {
        id: "u",
        status: "FAILED",
        created_at: "2024-01-15T14:30:00Z",
        completed_at: "2024-01-15T15:45:30Z",
        job_deadline: "2024-01-16T14:30:00Z",
        error: "bad file",
      },
      { total: 1, completed: 0, failed: 1 },
    );
    expect(batch).toMatchObject({
      status: "failed",
      created_at: Date.parse("2024-01-15T14:30:00Z") / 1000,
      failed_at: Date.parse("2024-01-15T15:45:30Z") / 1000,
      completed_at: null,
      expires_at: Date.parse("2024-01-16T14:30:00Z") / 1000,
      errors: { data: [{ message: "bad file" }] },
    });
  });
});
