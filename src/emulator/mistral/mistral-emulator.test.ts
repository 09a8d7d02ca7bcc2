// The Mistral emulation over real HTTP, with the official SDK as the client: auth, the schema
// keyword Mistral refuses, inline results, cancel, timeout, bad input, faults in Mistral's shape.
import { Mistral } from "@mistralai/mistralai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../index.js";
import type { Emulator, EmulatorServer } from "../types.js";

const MINUTE = 60_000;
const SCHEMA = {
  type: "object",
  properties: { name: { type: "string" } },
  required: ["name"],
  additionalProperties: false,
};

function line(customId: string, schema: Record<string, unknown> = SCHEMA) {
  return {
    custom_id: customId,
    body: {
      messages: [{ role: "user", content: `Extract: ${customId}` }],
      max_tokens: 100,
      response_format: { type: "json_schema", json_schema: { name: "user", schema, strict: true } },
    },
  };
}

const jsonl = (lines: unknown[]) =>
  new File([lines.map((l) => JSON.stringify(l)).join("\n")], "batch.jsonl");

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

let emulator: Emulator;
let server: EmulatorServer;
let sdk: Mistral;
beforeAll(async () => {
  emulator = createEmulator({
    phases: { validatingMs: MINUTE, inProgressMs: MINUTE, finalizingMs: 0, cancellingMs: MINUTE },
    apiKeys: ["good-key"],
  });
  server = await emulator.listen({ port: 0 });
  sdk = new Mistral({ apiKey: "good-key", serverURL: `${server.url}/mistral` });
});
afterAll(() => server.close());

describe("Mistral emulation", () => {
  it("answers a missing or unknown key with 401 Unauthorized, never echoing it", async () => {
    for (const auth of [undefined, "Bearer wrong-key-123"]) {
      const response = await fetch(`${server.url}/mistral/v1/batch/jobs`, {
        headers: auth ? { authorization: auth } : {},
      });
      expect(response.status).toBe(401);
      const body = await response.text();
      expect(JSON.parse(body)).toMatchObject({ message: "Unauthorized" });
      expect(body).not.toContain("wrong-key-123");
    }
  });

  it("runs a file job; a schema with `format` fails that request with Mistral's own 400", async () => {
    const file = await sdk.files.upload({
      file: jsonl([
        line("ok"),
        line("dated", { ...SCHEMA, properties: { d: { type: "string", format: "date" } } }),
      ]),
      purpose: "batch",
    });
    const job = await sdk.batch.jobs.create({
      inputFiles: [file.id],
      endpoint: "/v1/chat/completions",
      model: "mistral-small-latest",
      metadata: { run: "file" },
    });
    expect(job).toMatchObject({ status: "QUEUED", totalRequests: 0, outputFile: null });
    emulator.clock.advance(MINUTE);
    expect((await sdk.batch.jobs.get({ jobId: job.id })).status).toBe("RUNNING");
    emulator.clock.advance(MINUTE);
    const done = await sdk.batch.jobs.get({ jobId: job.id });
    expect(done).toMatchObject({
      status: "SUCCESS",
      totalRequests: 2,
      succeededRequests: 1,
      failedRequests: 1,
      completedRequests: 2,
      metadata: { run: "file" },
    });
    const output = JSON.parse(await text(await sdk.files.download({ fileId: done.outputFile! })));
    expect(output).toMatchObject({
      custom_id: "ok",
      response: { status_code: 200, body: { object: "chat.completion" } },
      error: null,
    });
    expect(JSON.parse(output.response.body.choices[0].message.content)).toHaveProperty("name");
    const error = JSON.parse(await text(await sdk.files.download({ fileId: done.errorFile! })));
    expect(error).toMatchObject({
      custom_id: "dated",
      response: {
        status_code: 400,
        body: { object: "error", message: "Received unsupported keyword `format` in schema." },
      },
    });
  });

  it("runs an inline job and gives its results inline on request", async () => {
    const job = await sdk.batch.jobs.create({
      requests: [
        { customId: "a", body: line("a").body },
        { customId: "b", body: line("b").body },
      ],
      endpoint: "/v1/chat/completions",
      model: "mistral-small-latest",
    });
    expect(job.inputFiles).toEqual([]);
    emulator.clock.advance(2 * MINUTE);
    const done = await sdk.batch.jobs.get({ jobId: job.id, inline: true });
    expect(done.status).toBe("SUCCESS");
    expect(done.outputs?.map((o) => o.custom_id).sort()).toEqual(["a", "b"]);
    // The same results as files, as for a file job.
    expect(done.outputFile).toEqual(expect.any(String));
    // A job that succeeded cannot be cancelled.
    await expect(sdk.batch.jobs.cancel({ jobId: job.id })).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it("cancels: CANCELLATION_REQUESTED, then CANCELLED with every unrun request reported", async () => {
    const job = await sdk.batch.jobs.create({
      requests: [{ customId: "x", body: line("x").body }],
      endpoint: "/v1/chat/completions",
      model: "mistral-small-latest",
    });
    const cancelling = await sdk.batch.jobs.cancel({ jobId: job.id });
    expect(cancelling.status).toBe("CANCELLATION_REQUESTED");
    emulator.clock.advance(MINUTE);
    const cancelled = await sdk.batch.jobs.get({ jobId: job.id });
    expect(cancelled).toMatchObject({ status: "CANCELLED", failedRequests: 1 });
    const lines = await text(await sdk.files.download({ fileId: cancelled.errorFile! }));
    expect(JSON.parse(lines)).toMatchObject({
      custom_id: "x",
      response: null,
      error: { code: "cancelled" },
    });
    // Cancelling again changes nothing; a cancelled job can be deleted.
    expect((await sdk.batch.jobs.cancel({ jobId: job.id })).status).toBe("CANCELLED");
    expect(await sdk.batch.jobs.delete({ jobId: job.id })).toMatchObject({ deleted: true });
    await expect(sdk.batch.jobs.get({ jobId: job.id })).rejects.toMatchObject({ statusCode: 404 });
  });

  it("ends a job past its timeout_hours as TIMEOUT_EXCEEDED, the unrun requests reported", async () => {
    const id = (
      await sdk.batch.jobs.create({
        requests: [{ customId: "late", body: line("late").body }],
        endpoint: "/v1/chat/completions",
        model: "mistral-small-latest",
        timeoutHours: 1,
      })
    ).id;
    expect(emulator.hold(id)).toBe(true);
    emulator.clock.advance(61 * MINUTE);
    const job = await sdk.batch.jobs.get({ jobId: id });
    expect(job.status).toBe("TIMEOUT_EXCEEDED");
    const lines = await text(await sdk.files.download({ fileId: job.errorFile! }));
    expect(JSON.parse(lines)).toMatchObject({
      custom_id: "late",
      error: { code: "timeout_exceeded" },
    });
  });

  it("fails a job whose input is not Mistral's line format, naming the line", async () => {
    const file = await sdk.files.upload({
      file: jsonl([line("fine"), { custom_id: "bad", method: "POST" }, line("fine")]),
      purpose: "batch",
    });
    const job = await sdk.batch.jobs.create({
      inputFiles: [file.id],
      endpoint: "/v1/chat/completions",
      model: "mistral-small-latest",
    });
    emulator.clock.advance(MINUTE);
    expect(await sdk.batch.jobs.get({ jobId: job.id })).toMatchObject({
      status: "FAILED",
      errors: [
        { message: "line 2: has no body object", count: 1 },
        { message: 'line 3: duplicate custom_id "fine"', count: 1 },
      ],
    });
  });

  it("refuses a create call without a model or with both inputs, in a 422", async () => {
    const post = (body: unknown) =>
      fetch(`${server.url}/mistral/v1/batch/jobs`, {
        method: "POST",
        headers: { authorization: "Bearer good-key", "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post({ endpoint: "/v1/chat/completions", requests: [] })).status).toBe(422);
    const both = await post({
      endpoint: "/v1/chat/completions",
      model: "m",
      requests: [],
      input_files: ["f"],
    });
    expect(both.status).toBe(422);
    expect(await both.json()).toMatchObject({ object: "error", type: "invalid_request_error" });
  });

  it("answers a fault on a Mistral path in Mistral's envelope", async () => {
    emulator.faults.add({
      match: { provider: "mistral", method: "GET" },
      times: 1,
      fault: { type: "status", status: 503 },
    });
    const response = await fetch(`${server.url}/mistral/v1/batch/jobs`, {
      headers: { authorization: "Bearer good-key" },
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      object: "error",
      message: "Service unavailable",
    });
  });
});
