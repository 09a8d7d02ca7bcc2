import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { item, startAnthropicHarness } from "../anthropic/test-support/anthropic-harness.js";
import { createEmulator } from "../index.js";
import {
  chatLine,
  type OpenAIHarness,
  startOpenAIHarness,
  submit,
  toJsonl,
  upload,
  ZERO_PHASES,
} from "../test-support/openai-harness.js";
import type { RequestLogEntry } from "./types.js";

async function readAll(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { received, error: undefined };
      received += value.byteLength;
    }
  } catch (error) {
    return { received, error };
  }
}

describe("reset faults over HTTP", () => {
  let h: OpenAIHarness;
  let log: RequestLogEntry[] = [];
  beforeAll(async () => {
    h = await startOpenAIHarness({ onRequest: (entry) => log.push(entry) });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.emulator.reset();
    log = [];
  });

  it("a reset mid-upload is the SDK's APIConnectionError and stores no file", async () => {
    h.emulator.faults.add({
      match: { method: "POST", path: "/v1/files" },
      fault: { type: "reset", when: "request", afterBytes: 64 },
    });
    const content = toJsonl([chatLine("a", "x".repeat(500))]);
    const error = await upload(h.client, content).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(error).not.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect((await h.client.files.list()).data).toEqual([]);
    expect(log[0]).toMatchObject({ path: "/v1/files", status: 0, fault: "reset:request" });

    // The rule is used up: the same upload now goes through.
    await upload(h.client, content);
    expect((await h.client.files.list()).data).toHaveLength(1);
  });

  it("a reset mid-download of a results file errors the stream after some bytes", async () => {
    const batch = await submit(h.client, [chatLine("a", "Hello"), chatLine("b", "World")]);
    const done = await h.client.batches.retrieve(batch.id);
    h.emulator.faults.add({
      match: { path: `/v1/files/${done.output_file_id}/content` },
      fault: { type: "reset", when: "response", afterBytes: 40 },
    });
    const response = await h.client.files.content(done.output_file_id!);
    expect(response.status).toBe(200);
    const { received, error } = await readAll(response.body!);
    expect(received).toBe(40);
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toMatch(/terminated/);

    const whole = await h.client.files.content(done.output_file_id!);
    expect((await whole.text()).split("\n").filter(Boolean)).toHaveLength(2);
  });

  it("never delivers a whole body: a short one loses its last byte", async () => {
    const headers = { authorization: "Bearer k" };
    const whole = await (await fetch(`${h.server.url}/v1/batches`, { headers })).arrayBuffer();
    h.emulator.faults.add({ fault: { type: "reset", when: "response", afterBytes: 1_000_000 } });
    // Read at once: a fetch body that errors drops the bytes nobody has read yet.
    const response = await fetch(`${h.server.url}/v1/batches`, { headers });
    const { received, error } = await readAll(response.body!);
    expect(error).toBeInstanceOf(TypeError);
    expect(received).toBe(whole.byteLength - 1);
  });

  it("Anthropic results cut mid-stream yield the whole lines that arrived, then throw", async () => {
    const a = await startAnthropicHarness();
    try {
      const batch = await a.client.messages.batches.create({
        requests: ["one", "two", "three"].map((id) => item(id, `Hello ${id}`)),
      });
      const full = await (
        await fetch(`${a.server.url}/v1/messages/batches/${batch.id}/results`, {
          headers: { "x-api-key": "k", "anthropic-version": "2023-06-01" },
        })
      ).text();
      a.emulator.faults.add({
        match: { path: `/v1/messages/batches/${batch.id}/results` },
        fault: { type: "reset", when: "response", afterBytes: full.indexOf("\n") + 1 },
      });
      const rows: string[] = [];
      const reading = (async () => {
        for await (const row of await a.client.messages.batches.results(batch.id)) {
          rows.push(row.custom_id);
        }
      })();
      await expect(reading).rejects.toThrow(/terminated/);
      expect(rows).toEqual(["one"]);
    } finally {
      await a.close();
    }
  });
});

describe("reset faults in process", () => {
  it("a request reset rejects fetch with TypeError('fetch failed'); the SDK sees a connection error", async () => {
    const emulator = createEmulator({ phases: ZERO_PHASES });
    emulator.faults.add({ fault: { type: "reset" } });
    const failure = await emulator.fetch("/v1/batches").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure).toMatchObject({ message: "fetch failed", cause: { code: "ECONNRESET" } });

    const client = new OpenAI({
      apiKey: "k",
      baseURL: "http://emulator.local/v1",
      fetch: emulator.fetch,
      maxRetries: 0,
    });
    emulator.faults.add({ match: { path: "/v1/files" }, fault: { type: "reset", afterBytes: 10 } });
    await expect(upload(client, "{}\n")).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect((await client.files.list()).data).toEqual([]);
  });

  it("a response reset hands back a body that errors after afterBytes", async () => {
    const emulator = createEmulator();
    emulator.faults.add({ fault: { type: "reset", when: "response", afterBytes: 5 } });
    const response = await emulator.fetch("/v1/batches", {
      headers: { authorization: "Bearer k" },
    });
    expect(response.status).toBe(200);
    const { received, error } = await readAll(response.body!);
    expect(received).toBe(5);
    expect(error).toMatchObject({ name: "TypeError", message: "terminated" });
  });
});
