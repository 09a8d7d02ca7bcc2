import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fixtures from "../test-support/openai-fixtures.js";
import {
  chatLine,
  type OpenAIHarness,
  readJsonl,
  readText,
  STRICT_USER_SCHEMA,
  startOpenAIHarness,
  submit,
} from "../test-support/openai-harness.js";

const HOUR = 60 * 60 * 1000;

describe("OpenAI batch lifecycle over HTTP with the official SDK", () => {
  let h: OpenAIHarness;
  beforeAll(async () => {
    h = await startOpenAIHarness({
      phases: { validatingMs: 1000, inProgressMs: 4000, finalizingMs: 1000, cancellingMs: 1000 },
    });
  });
  afterAll(() => h.close());

  it("walks validating -> in_progress -> finalizing -> completed as the clock advances", async () => {
    const lines = ["a", "b", "c", "d"].map((id) => chatLine(id, `Hello ${id}`));
    const created = await submit(h.client, lines);
    expect(created.status).toBe("validating");
    expect(Object.keys(created)).toEqual(Object.keys(fixtures.batchValidating));
    expect(created).toMatchObject({
      object: "batch",
      endpoint: "/v1/chat/completions",
      errors: null,
      completion_window: "24h",
      output_file_id: null,
      error_file_id: null,
      in_progress_at: null,
      expires_at: null,
      request_counts: { total: 0, completed: 0, failed: 0 },
      metadata: null,
    });

    h.emulator.clock.advance(1000);
    const started = await h.client.batches.retrieve(created.id);
    expect(started.status).toBe("in_progress");
    expect(started.in_progress_at).toBe(created.created_at + 1);
    expect(started.expires_at).toBe(created.created_at + 24 * 60 * 60);
    expect(started.model).toBe("gpt-4o-mini");

    h.emulator.clock.advance(2000);
    const halfway = await h.client.batches.retrieve(created.id);
    expect(halfway.status).toBe("in_progress");
    expect(halfway.request_counts).toEqual({ total: 4, completed: 2, failed: 0 });

    h.emulator.clock.advance(2000);
    const finalizing = await h.client.batches.retrieve(created.id);
    expect(finalizing.status).toBe("finalizing");
    expect(finalizing.output_file_id).toBeNull();
    expect(finalizing.finalizing_at).toBe(created.created_at + 5);

    h.emulator.clock.advance(1000);
    const done = await h.client.batches.retrieve(created.id);
    expect(done.status).toBe("completed");
    expect(done.completed_at).toBe(created.created_at + 6);
    expect(done.request_counts).toEqual({ total: 4, completed: 4, failed: 0 });
    expect(done.error_file_id).toBeNull();
    expect(done.usage?.total_tokens).toBeGreaterThan(0);
    const completedKeys = Object.keys(fixtures.batchCompleted);
    expect(Object.keys(done)).toEqual(completedKeys);

    const output = await readJsonl(h.client, done.output_file_id);
    expect(output.map((l) => l.custom_id)).toEqual(["a", "b", "c", "d"]);
    const outputFile = await h.client.files.retrieve(done.output_file_id!);
    expect(outputFile).toMatchObject({
      purpose: "batch_output",
      status: "processed",
      object: "file",
    });
  });

  it("writes result lines in exactly the real shape, one per line, ending with a newline", async () => {
    const batch = await submit(h.client, [
      chatLine("user-1", "John Doe is 25 years old and his email is john@example.com", {
        schema: STRICT_USER_SCHEMA,
      }),
    ]);
    h.emulator.clock.advance(10_000);
    const done = await h.client.batches.retrieve(batch.id);
    const text = await readText(h.client, done.output_file_id!);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n").filter((l) => l === "")).toHaveLength(1);
    const [line] = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const spec = fixtures.outputLine;
    expect(Object.keys(line)).toEqual(Object.keys(spec));
    expect(Object.keys(line.response)).toEqual(Object.keys(spec.response));
    expect(line.id).toMatch(/^batch_req_/);
    expect(line.error).toBeNull();
    expect(line.response.status_code).toBe(200);
    const body = line.response.body;
    expect(body).toMatchObject({ object: "chat.completion", model: "gpt-4o-mini" });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.choices).toEqual([
      {
        index: 0,
        message: { role: "assistant", content: expect.any(String), refusal: null },
        logprobs: null,
        finish_reason: "stop",
      },
    ]);
    expect(JSON.parse(body.choices[0].message.content)).toEqual({
      name: "John Doe",
      age: 25,
      email: "john@example.com",
    });
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  it("pages through every batch newest first with for await over list({limit: 2})", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await submit(h.client, [chatLine(`r${i}`, "hi")])).id);
    const firstPage = await h.client.batches.list({ limit: 2 });
    expect(firstPage.data.map((b) => b.id)).toEqual([ids[4], ids[3]]);
    expect(firstPage.has_more).toBe(true);
    const seen: string[] = [];
    for await (const batch of h.client.batches.list({ limit: 2 })) seen.push(batch.id);
    expect(seen.slice(0, 5)).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("lists with first_id, last_id and has_more like the real list page", async () => {
    const response = await fetch(`${h.server.url}/v1/batches?limit=1`, {
      headers: { authorization: "Bearer k" },
    });
    const page = await response.json();
    expect(Object.keys(page)).toEqual(Object.keys(fixtures.batchList));
    expect(page.first_id).toBe(page.data[0].id);
    expect(page.last_id).toBe(page.data[0].id);
    expect(page.has_more).toBe(true);
    const bad = await fetch(`${h.server.url}/v1/batches?limit=101`, {
      headers: { authorization: "Bearer k" },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({
      param: "limit",
      code: "integer_above_max_value",
    });
  });

  it("cancels: done requests keep their output, the rest are batch_cancelled", async () => {
    const batch = await submit(
      h.client,
      ["a", "b", "c", "d"].map((id) => chatLine(id, `Hi ${id}`)),
    );
    h.emulator.clock.advance(1000 + 2000);
    const cancelling = await h.client.batches.cancel(batch.id);
    expect(cancelling.status).toBe("cancelling");
    expect(cancelling.cancelling_at).not.toBeNull();
    expect(cancelling.request_counts).toEqual({ total: 4, completed: 2, failed: 0 });
    expect((await h.client.batches.cancel(batch.id)).status).toBe("cancelling");

    h.emulator.clock.advance(1000);
    const cancelled = await h.client.batches.retrieve(batch.id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.cancelled_at).toBe(cancelled.cancelling_at! + 1);
    expect(cancelled.finalizing_at).toBeNull();
    expect(cancelled.request_counts).toEqual({ total: 4, completed: 2, failed: 2 });
    const output = await readJsonl(h.client, cancelled.output_file_id);
    expect(output.map((l) => l.custom_id)).toEqual(["a", "b"]);
    const errors = await readJsonl(h.client, cancelled.error_file_id);
    expect(errors.map((l) => l.custom_id)).toEqual(["c", "d"]);
    for (const line of errors) {
      expect(line.response).toBeNull();
      expect(line.error).toEqual({ code: "batch_cancelled", message: expect.any(String) });
    }
  });

  it("cancelled while validating: every request goes to the error file", async () => {
    const batch = await submit(h.client, [chatLine("a", "x"), chatLine("b", "x")]);
    const cancelling = await h.client.batches.cancel(batch.id);
    expect(cancelling).toMatchObject({ status: "cancelling", in_progress_at: null });
    h.emulator.clock.advance(1000);
    const cancelled = await h.client.batches.retrieve(batch.id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.request_counts).toEqual({ total: 2, completed: 0, failed: 2 });
    expect(cancelled.output_file_id).toBeNull();
    const errors = await readJsonl(h.client, cancelled.error_file_id);
    expect(errors.map((l) => [l.custom_id, l.error.code])).toEqual([
      ["a", "batch_cancelled"],
      ["b", "batch_cancelled"],
    ]);
  });

  it("refuses to cancel a finished batch with 409", async () => {
    const batch = await submit(h.client, [chatLine("x", "hi")]);
    h.emulator.clock.advance(10_000);
    const error = await h.client.batches.cancel(batch.id).catch((e) => e);
    expect(error.status).toBe(409);
    expect(error.message).toContain("Cannot cancel a batch with status 'completed'.");
  });

  it("expires when the clock passes expires_at: unfinished requests get batch_expired", async () => {
    const slow = await startOpenAIHarness({
      phases: { validatingMs: 0, inProgressMs: 48 * HOUR, finalizingMs: 0 },
    });
    try {
      const batch = await submit(
        slow.client,
        ["a", "b", "c", "d"].map((id) => chatLine(id, "hi")),
      );
      slow.emulator.clock.advance(25 * HOUR);
      const expired = await slow.client.batches.retrieve(batch.id);
      expect(expired.status).toBe("expired");
      expect(expired.expired_at).toBe(expired.expires_at);
      expect(expired.request_counts).toEqual({ total: 4, completed: 2, failed: 2 });
      const output = await readJsonl(slow.client, expired.output_file_id);
      expect(output.map((l) => l.custom_id)).toEqual(["a", "b"]);
      const errors = await readJsonl(slow.client, expired.error_file_id);
      const expectedLine = fixtures.expiredErrorLine;
      expect(errors.map((l) => l.custom_id)).toEqual(["c", "d"]);
      for (const line of errors) {
        expect(Object.keys(line)).toEqual(Object.keys(expectedLine));
        expect(line.response).toBeNull();
        expect(line.error).toEqual(expectedLine.error);
      }
    } finally {
      await slow.close();
    }
  });

  it("answers unknown ids with 404 parsed into the SDK's NotFoundError", async () => {
    const { NotFoundError } = await import("openai");
    await expect(h.client.batches.retrieve("batch_nope")).rejects.toBeInstanceOf(NotFoundError);
    await expect(h.client.batches.cancel("batch_nope")).rejects.toBeInstanceOf(NotFoundError);
    await expect(h.client.files.retrieve("file-nope")).rejects.toBeInstanceOf(NotFoundError);
    const error = await h.client.files.content("file-nope").catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.error).toMatchObject({
      message: "No such File object: file-nope",
      type: "invalid_request_error",
      param: "id",
      code: null,
    });
  });

  it("rejects bad create parameters with the real envelope", async () => {
    const file = await h.client.files.list();
    const inputId = file.data.find((f) => f.purpose === "batch")!.id;
    const endpoint = await h.client.batches
      .create({ input_file_id: inputId, endpoint: "/v1/embeddings", completion_window: "24h" })
      .catch((e) => e);
    expect(endpoint.status).toBe(400);
    expect(endpoint.error).toMatchObject({
      param: "endpoint",
      code: "invalid_value",
      type: "invalid_request_error",
    });
    const window = await h.client.batches
      .create({
        input_file_id: inputId,
        endpoint: "/v1/chat/completions",
        completion_window: "48h" as "24h",
      })
      .catch((e) => e);
    expect(window.error).toMatchObject({ param: "completion_window", code: "invalid_value" });
    const tooMany = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"]));
    const metadata = await h.client.batches
      .create({
        input_file_id: inputId,
        endpoint: "/v1/chat/completions",
        completion_window: "24h",
        metadata: tooMany,
      })
      .catch((e) => e);
    expect(metadata.status).toBe(400);
    expect(metadata.error.param).toBe("metadata");
    const longValue = await h.client.batches
      .create({
        input_file_id: inputId,
        endpoint: "/v1/chat/completions",
        completion_window: "24h",
        metadata: { k: "x".repeat(513) },
      })
      .catch((e) => e);
    expect(longValue.error.param).toBe("metadata.k");
    const unknown = await h.client.batches
      .create({
        input_file_id: inputId,
        endpoint: "/v1/chat/completions",
        completion_window: "24h",
        foo: 1,
      } as never)
      .catch((e) => e);
    expect(unknown.status).toBe(400);
    expect(unknown.message).toContain("Unrecognized request argument supplied: foo");
    const ok = await h.client.batches.create({
      input_file_id: inputId,
      endpoint: "/v1/chat/completions",
      completion_window: "24h",
      metadata: { description: "demo", k: "x".repeat(512) },
    });
    expect(ok.metadata).toEqual({ description: "demo", k: "x".repeat(512) });
  });
});
