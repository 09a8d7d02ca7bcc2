import Anthropic from "@anthropic-ai/sdk";
import { ApiError, GoogleGenAI } from "@google/genai";
import OpenAI, { type APIError } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { item } from "../anthropic/test-support/anthropic-harness.js";
import { inlined } from "../google/test-support/google-harness.js";
import { createEmulator } from "../index.js";
import { chatLine, toJsonl, upload, ZERO_PHASES } from "../test-support/openai-harness.js";
import type { Emulator, EmulatorServer } from "../types.js";
import type { RequestLogEntry } from "./types.js";

const KEY = "test-key";

describe("status faults over HTTP with the official SDKs", () => {
  let emulator: Emulator;
  let server: EmulatorServer;
  let log: RequestLogEntry[];
  let openai: OpenAI;
  let anthropic: Anthropic;
  let gemini: GoogleGenAI;
  beforeAll(async () => {
    emulator = createEmulator({ phases: ZERO_PHASES, onRequest: (entry) => log.push(entry) });
    server = await emulator.listen({ port: 0 });
    openai = new OpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });
    gemini = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: server.url } });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    emulator.reset();
    emulator.faults.clear();
    log = [];
  });
  const attempts = (method: string, path: string) =>
    log.filter((e) => e.method === method && e.path === path).map((e) => e.status);

  async function createOpenAIBatch(client: OpenAI) {
    const file = await upload(openai, toJsonl([chatLine("a", "Hello")]));
    return client.batches.create({
      input_file_id: file.id,
      endpoint: "/v1/chat/completions",
      completion_window: "24h",
    });
  }

  it("a 429 with retry-after is retried by the openai SDK, which then succeeds", async () => {
    const retrying = new OpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 2 });
    emulator.faults.add({
      match: { provider: "openai", method: "POST", path: "/v1/batches" },
      fault: { type: "status", status: 429, retryAfterSeconds: 0 },
    });
    const batch = await createOpenAIBatch(retrying);
    expect(batch.id).toMatch(/^batch_/);
    expect(attempts("POST", "/v1/batches")).toEqual([429, 200]);
    expect(log.find((e) => e.status === 429)?.fault).toBe("status:429");
    expect(emulator.faults.list()).toEqual([]);
  });

  it("without retries the openai SDK throws RateLimitError with OpenAI's type and code", async () => {
    emulator.faults.add({
      match: { path: "/v1/batches" },
      fault: { type: "status", status: 429, retryAfterSeconds: 7 },
    });
    const error = await openai.batches.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, type: "requests", code: "rate_limit_exceeded" });
    expect((error as APIError).headers?.get("retry-after")).toBe("7");

    emulator.faults.add({ fault: { type: "status", status: 503, message: "busy" } });
    const unavailable = await openai.batches.list().catch((e: unknown) => e);
    expect(unavailable).toBeInstanceOf(OpenAI.InternalServerError);
    expect(unavailable).toMatchObject({ status: 503, type: "server_error", message: "503 busy" });
  });

  it("a 529 is retried by the Anthropic SDK; without retries it is an OverloadedError", async () => {
    const retrying = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 2 });
    emulator.faults.add({
      match: { provider: "anthropic" },
      times: 2,
      // The SDK ignores a retry-after of 0 and backs off ~0.5 s; a fraction keeps this fast.
      fault: { type: "status", status: 529, retryAfterSeconds: 0.01 },
    });
    const page = await retrying.messages.batches.list();
    expect(page.data).toEqual([]);
    expect(attempts("GET", "/v1/messages/batches")).toEqual([529, 529, 200]);

    emulator.faults.add({ fault: { type: "status", status: 529 } });
    const error = await anthropic.messages.batches.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.OverloadedError);
    expect(error).toMatchObject({
      status: 529,
      error: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
    });

    emulator.faults.add({ fault: { type: "status", status: 429 } });
    const limited = await anthropic.messages.batches.list().catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(limited).toMatchObject({ error: { error: { type: "rate_limit_error" } } });
  });

  it("Gemini answers in its envelope; the SDK retries only when retryOptions ask it to", async () => {
    emulator.faults.add({ match: { provider: "google" }, fault: { type: "status", status: 503 } });
    const error = await gemini.batches.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect(JSON.parse((error as ApiError).message)).toEqual({
      error: {
        code: 503,
        message: "The model is overloaded. Please try again later.",
        status: "UNAVAILABLE",
      },
    });

    emulator.faults.add({ match: { provider: "google" }, fault: { type: "status", status: 429 } });
    const retrying = new GoogleGenAI({
      apiKey: KEY,
      httpOptions: { baseUrl: server.url, retryOptions: { attempts: 2, initialDelay: 0.01 } },
    });
    log = [];
    await retrying.batches.list();
    expect(log.map((e) => [e.status, e.provider])).toEqual([
      [429, "google"],
      [200, "google"],
    ]);
  });

  it('when: "after" creates the OpenAI batch, yet the client gets the error', async () => {
    emulator.faults.add({
      match: { method: "POST", path: "/v1/batches" },
      fault: { type: "status", status: 500, when: "after" },
    });
    const error = await createOpenAIBatch(openai).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(log.at(-1)?.fault).toBe("status:500:after");
    const listed = await openai.batches.list();
    expect(listed.data).toHaveLength(1);
  });

  it('when: "after" creates the Anthropic and Gemini batches too; "before" creates none', async () => {
    emulator.faults.add({
      match: { provider: "anthropic", method: "POST" },
      fault: { type: "status", status: 529, when: "after" },
    });
    emulator.faults.add({
      match: { provider: "google", method: "POST" },
      fault: { type: "status", status: 500, when: "after" },
    });
    const request = { requests: [item("a", "Hello")] };
    await expect(anthropic.messages.batches.create(request)).rejects.toThrow(/Overloaded/);
    await expect(
      gemini.batches.create({ model: "gemini-2.5-flash", src: [inlined("a", "Hello")] }),
    ).rejects.toBeInstanceOf(ApiError);
    expect((await anthropic.messages.batches.list()).data).toHaveLength(1);
    expect((await gemini.batches.list()).page).toHaveLength(1);

    emulator.faults.add({
      match: { provider: "anthropic", method: "POST" },
      fault: { type: "status", status: 500 },
    });
    await expect(anthropic.messages.batches.create(request)).rejects.toThrow(/500/);
    expect((await anthropic.messages.batches.list()).data).toHaveLength(1);
  });
});
