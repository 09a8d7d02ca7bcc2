import OpenAI, { AuthenticationError, BadRequestError, NotFoundError, toFile } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fixtures from "../test-support/openai-fixtures.js";
import {
  chatLine,
  type OpenAIHarness,
  readText,
  startOpenAIHarness,
  toJsonl,
  upload,
} from "../test-support/openai-harness.js";

const DAY_S = 24 * 60 * 60;

describe("OpenAI Files routes", () => {
  let h: OpenAIHarness;
  beforeAll(async () => {
    h = await startOpenAIHarness();
  });
  afterAll(() => h.close());

  it("uploads multipart bytes and hands back a real file object and the same bytes", async () => {
    const content = toJsonl([chatLine("a", "héllo wörld")]);
    const file = await upload(h.client, content);
    expect(file).toEqual({
      id: expect.stringMatching(/^file-/),
      object: "file",
      bytes: new TextEncoder().encode(content).byteLength,
      created_at: expect.any(Number),
      expires_at: file.created_at + 30 * DAY_S,
      filename: "batch.jsonl",
      purpose: "batch",
      status: "processed",
      status_details: null,
    });
    expect(await h.client.files.retrieve(file.id)).toEqual(file);
    expect(await readText(h.client, file.id)).toBe(content);
  });

  it("accepts the parts in any order and honours expires_after", async () => {
    const form = new FormData();
    form.append("expires_after[seconds]", "3600");
    form.append("purpose", "batch");
    form.append("expires_after[anchor]", "created_at");
    form.append("file", new File(["{}\n"], "late.jsonl", { type: "application/jsonl" }));
    const response = await fetch(`${h.server.url}/v1/files`, {
      method: "POST",
      headers: { authorization: "Bearer k" },
      body: form,
    });
    expect(response.status).toBe(200);
    const file = await response.json();
    expect(file.expires_at - file.created_at).toBe(3600);

    const viaSdk = await h.client.files.create({
      file: await toFile(new TextEncoder().encode("{}\n"), "b.jsonl"),
      purpose: "batch",
      expires_after: { anchor: "created_at", seconds: 7200 },
    });
    expect(viaSdk.expires_at! - viaSdk.created_at).toBe(7200);
    h.emulator.clock.advance(7200 * 1000);
    await expect(h.client.files.retrieve(viaSdk.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("rejects other purposes, non-.jsonl names and bad expiry with 400", async () => {
    const bytes = new TextEncoder().encode("{}\n");
    const purpose = await h.client.files
      .create({ file: await toFile(bytes, "a.jsonl"), purpose: "fine-tune" })
      .catch((e) => e);
    expect(purpose).toBeInstanceOf(BadRequestError);
    expect(purpose.error).toMatchObject({ param: "purpose", code: "invalid_value" });
    const name = await h.client.files
      .create({ file: await toFile(bytes, "a.txt"), purpose: "batch" })
      .catch((e) => e);
    expect(name).toBeInstanceOf(BadRequestError);
    expect(name.message).toContain("Must be .jsonl");
    const expiry = await h.client.files
      .create({
        file: await toFile(bytes, "a.jsonl"),
        purpose: "batch",
        expires_after: { anchor: "created_at", seconds: 60 },
      })
      .catch((e) => e);
    expect(expiry.error).toMatchObject({
      param: "expires_after.seconds",
      code: "integer_below_min_value",
    });
  });

  it("lists by purpose, order, limit and after", async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3])
      ids.push((await upload(h.client, toJsonl([chatLine(`l${n}`, "x")]), `list-${n}.jsonl`)).id);
    const newest = await h.client.files.list({ limit: 2 });
    expect(newest.data.map((f) => f.id)).toEqual([ids[2], ids[1]]);
    expect(newest.has_more).toBe(true);
    const oldestFirst: string[] = [];
    for await (const f of h.client.files.list({ order: "asc", limit: 1, purpose: "batch" }))
      oldestFirst.push(f.id);
    expect(oldestFirst.slice(-3)).toEqual(ids);
    const none = await h.client.files.list({ purpose: "batch_output" });
    expect(none.data.every((f) => f.purpose === "batch_output")).toBe(true);
  });

  it("deletes: the real reply, then 404 for the file and its content", async () => {
    const file = await upload(h.client, toJsonl([chatLine("d", "x")]));
    const deleted = await h.client.files.delete(file.id);
    expect(deleted).toEqual({ ...fixtures.fileDeleted, id: file.id });
    await expect(h.client.files.retrieve(file.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(h.client.files.content(file.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(h.client.files.delete(file.id)).rejects.toBeInstanceOf(NotFoundError);
    const list = await h.client.files.list();
    expect(list.data.map((f) => f.id)).not.toContain(file.id);
  });

  it("a batch whose input file was deleted fails with invalid_request", async () => {
    const slow = await startOpenAIHarness({ phases: { validatingMs: 1000 } });
    try {
      const file = await upload(slow.client, toJsonl([chatLine("a", "x")]));
      const batch = await slow.client.batches.create({
        input_file_id: file.id,
        endpoint: "/v1/chat/completions",
        completion_window: "24h",
      });
      await slow.client.files.delete(file.id);
      slow.emulator.clock.advance(1000);
      const failed = await slow.client.batches.retrieve(batch.id);
      expect(failed.status).toBe("failed");
      expect(failed.errors?.data).toEqual([
        {
          code: "invalid_request",
          message: expect.stringContaining(file.id),
          param: "file_id",
          line: null,
        },
      ]);
    } finally {
      await slow.close();
    }
  });

  it("answers unknown paths with the real 'Invalid URL' 404", async () => {
    const response = await fetch(`${h.server.url}/v1/nothing-here`, {
      headers: { authorization: "Bearer k" },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        message: "Invalid URL (GET /v1/nothing-here)",
        type: "invalid_request_error",
        param: null,
        code: null,
      },
    });
  });
});

describe("OpenAI authentication", () => {
  it("401 without a bearer token, in the real envelope", async () => {
    const h = await startOpenAIHarness();
    try {
      const cases: Record<string, string>[] = [
        {},
        { authorization: "Bearer " },
        { authorization: "Basic abc" },
      ];
      for (const headers of cases) {
        const response = await fetch(`${h.server.url}/v1/batches`, { headers });
        expect(response.status).toBe(401);
        const body = await response.json();
        expect(Object.keys(body.error)).toEqual(["message", "type", "param", "code"]);
        expect(body.error.message).toContain("You didn't provide an API key");
      }
      const client = new OpenAI({
        apiKey: "x",
        baseURL: `${h.server.url}/v1`,
        maxRetries: 0,
        defaultHeaders: { authorization: null },
      });
      await expect(client.batches.list()).rejects.toBeInstanceOf(AuthenticationError);
    } finally {
      await h.close();
    }
  });

  it("with apiKeys, accepts only those and never echoes the token", async () => {
    const h = await startOpenAIHarness({ apiKeys: ["sk-good-one"] });
    try {
      const secret = "sk-very-secret-wrong-key";
      const wrong = new OpenAI({ apiKey: secret, baseURL: `${h.server.url}/v1`, maxRetries: 0 });
      const error = await wrong.files.list().catch((e) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.status).toBe(401);
      expect(error.code).toBe("invalid_api_key");
      expect(JSON.stringify(error.error)).not.toContain("secret");
      expect(error.message).not.toContain(secret);
      const right = new OpenAI({
        apiKey: "sk-good-one",
        baseURL: `${h.server.url}/v1`,
        maxRetries: 0,
      });
      await expect(right.files.list()).resolves.toBeDefined();
    } finally {
      await h.close();
    }
  });
});
