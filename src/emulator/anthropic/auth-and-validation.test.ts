import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AnthropicHarness,
  item,
  rawFetch,
  startAnthropicHarness,
} from "./test-support/anthropic-harness.js";

async function badRequest(h: AnthropicHarness, requests: unknown) {
  const error = await h.client.messages.batches
    .create({ requests } as Anthropic.Messages.BatchCreateParams)
    .catch((e) => e);
  expect(error).toBeInstanceOf(Anthropic.BadRequestError);
  expect(error).toMatchObject({ status: 400, type: "invalid_request_error" });
  return error.error.error.message as string;
}

describe("authentication and anthropic-version", () => {
  let h: AnthropicHarness;
  beforeAll(async () => {
    h = await startAnthropicHarness({ apiKeys: ["test-key"] });
  });
  afterAll(() => h.close());

  it("rejects a wrong key without echoing it", async () => {
    const client = new Anthropic({ apiKey: "sk-secret-123", baseURL: h.server.url, maxRetries: 0 });
    const error = await client.messages.batches.list().catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error).toMatchObject({ status: 401, type: "authentication_error" });
    expect(JSON.stringify(error.error)).not.toContain("sk-secret-123");
    expect(error.message).not.toContain("sk-secret-123");
  });

  it("rejects a request without a key", async () => {
    const client = new Anthropic({
      apiKey: null,
      baseURL: h.server.url,
      maxRetries: 0,
      defaultHeaders: { authorization: null },
    });
    const error = await client.messages.batches.list().catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error.error.error).toEqual({
      type: "authentication_error",
      message: "x-api-key header is required",
    });
  });

  it("serves the older SDKs' x-api-key and 2023-06-01 headers", async () => {
    const created = await rawFetch(h.server, "/v1/messages/batches", {
      method: "POST",
      body: JSON.stringify({ requests: [item("a", "hi", { extra: { temperature: 0.1 } })] }),
    });
    expect(created.status).toBe(200);
    expect(created.headers.get("request-id")).toMatch(/^req_011C/);
    const batch = await created.json();
    const results = await rawFetch(h.server, new URL(batch.results_url).pathname);
    const line = JSON.parse(await results.text());
    // 2023-06-01 still accepts temperature.
    expect(line.result.type).toBe("succeeded");
    const wrong = await rawFetch(h.server, "/v1/messages/batches", {
      headers: { "x-api-key": "nope" },
    });
    expect(wrong.status).toBe(401);
  });

  it("requires a supported anthropic-version", async () => {
    const missing = await rawFetch(h.server, "/v1/messages/batches", {
      headers: { "anthropic-version": "" },
    });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toEqual({
      type: "invalid_request_error",
      message: "anthropic-version: header is required",
    });
    const unknown = await rawFetch(h.server, "/v1/messages/batches", {
      headers: { "anthropic-version": "2024-10-22" },
    });
    expect(unknown.status).toBe(400);
    const body = await unknown.json();
    expect(body.error.message).toBe('anthropic-version: "2024-10-22" is not a valid version');
    expect(body.request_id).toMatch(/^req_/);
  });

  it("answers unknown paths in each provider's envelope", async () => {
    const anthropic = await rawFetch(h.server, "/v1/messages/batches/x/nothing");
    expect(anthropic.status).toBe(404);
    expect(await anthropic.json()).toMatchObject({
      type: "error",
      error: { type: "not_found_error" },
    });
    const openai = await fetch(`${h.server.url}/v1/nothing`);
    expect(openai.status).toBe(404);
    expect((await openai.json()).error).toHaveProperty("param");
  });
});

describe("create-time validation", () => {
  let h: AnthropicHarness;
  beforeAll(async () => {
    h = await startAnthropicHarness({
      anthropic: { limits: { maxRequestsPerBatch: 3, maxBodyBytes: 2000 } },
    });
  });
  afterAll(() => h.close());

  it("checks custom_id format and uniqueness", async () => {
    expect(await badRequest(h, [item("has space", "hi")])).toBe(
      "requests.0.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'",
    );
    expect(await badRequest(h, [item("a", "hi"), item("x".repeat(65), "hi")])).toBe(
      "requests.1.custom_id: String should have at most 64 characters",
    );
    expect(await badRequest(h, [item("", "hi")])).toContain("at least 1 character");
    const duplicate = await badRequest(h, [item("a", "hi"), item("b", "hi"), item("a", "hi")]);
    expect(duplicate).toContain("requests.2.custom_id");
    expect(duplicate).toContain("'a'");
  });

  it("checks the requests list and the required params", async () => {
    expect(await badRequest(h, [])).toContain("requests: List should have at least 1 item");
    expect(await badRequest(h, "nope")).toBe("requests: Input should be a valid list");
    expect(await badRequest(h, [{ custom_id: "a" }])).toBe("requests.0.params: Field required");
    for (const field of ["model", "max_tokens", "messages"]) {
      const params = { model: "m", max_tokens: 5, messages: [] } as Record<string, unknown>;
      delete params[field];
      expect(await badRequest(h, [{ custom_id: "a", params }])).toBe(
        `requests.0.params.${field}: Field required`,
      );
    }
    const bad = await rawFetch(h.server, "/v1/messages/batches", { method: "POST", body: "{" });
    expect(bad.status).toBe(400);
  });

  it("answers 413 request_too_large beyond the configured limits", async () => {
    const many = await h.client.messages.batches
      .create({ requests: ["a", "b", "c", "d"].map((id) => item(id, "hi")) })
      .catch((e) => e);
    expect(many).toBeInstanceOf(Anthropic.ContentTooLargeError);
    expect(many).toMatchObject({ status: 413, type: "request_too_large" });

    const big = await h.client.messages.batches
      .create({ requests: [item("a", "x".repeat(2_000_000))] })
      .catch((e) => e);
    expect(big).toBeInstanceOf(Anthropic.ContentTooLargeError);
    expect(big.error.error.type).toBe("request_too_large");
    expect((await h.client.messages.batches.list()).data).toEqual([]);
  });
});
