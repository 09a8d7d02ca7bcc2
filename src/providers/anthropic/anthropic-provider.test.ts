// The adapter with the real SDK over a stub fetch: what goes on the wire and what comes back.
import { describe, expect, it } from "vitest";
import { fixtureJson, fixtureText } from "../../../test/support/fixtures.js";
import { BatchBuffer } from "../../batch/batch-buffer.js";
import { BatchNotFinishedError } from "../../errors/batch-not-finished-error.js";
import { MissingApiKeyError } from "../../errors/missing-api-key-error.js";
import { ProviderApiError } from "../../errors/provider-api-error.js";
import { StructuredBatchError } from "../../errors/structured-batch-error.js";
import { createAnthropicProvider } from "./anthropic-provider.js";

type Seen = { method: string; path: string; headers: Headers; body: string };
const encoder = new TextEncoder();
const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });

function stub(batch: Record<string, unknown>, results = "") {
  const seen: Seen[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    seen.push({
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body: request.method === "GET" ? "" : await request.text(),
    });
    if (url.pathname.endsWith("/results")) return new Response(results);
    if (request.method === "DELETE") return json({ id: batch.id, type: "message_batch_deleted" });
    if (url.pathname.endsWith("/cancel")) return json({ ...batch, processing_status: "canceling" });
    if (url.pathname === "/v1/messages/batches" && request.method === "GET") {
      const after = url.searchParams.get("after_id");
      return json(
        after
          ? { data: [{ ...batch, id: "b3" }], has_more: false, first_id: "b3", last_id: "b3" }
          : {
              data: [
                { ...batch, id: "b1" },
                { ...batch, id: "b2" },
              ],
              has_more: true,
              first_id: "b1",
              last_id: "b2",
            },
      );
    }
    return json(batch);
  };
  return { seen, fetch: fetch as typeof globalThis.fetch };
}

const ended = {
  ...fixtureJson("anthropic/batch.in_progress.json"),
  processing_status: "ended",
  request_counts: { processing: 0, succeeded: 2, errored: 0, canceled: 0, expired: 0 },
  results_url:
    "https://files.example/v1/messages/batches/msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d/results",
};

function provider(fetch: typeof globalThis.fetch, logs: unknown[][] = []) {
  return createAnthropicProvider("claude-haiku-4-5", {
    apiKey: "sk-ant-test-key",
    baseURL: "http://anthropic.local",
    fetch,
    logger: { warn: (...args) => logs.push(args), info: () => {} },
  });
}

function buffer(lines: string[]): BatchBuffer {
  return new BatchBuffer({
    provider: "anthropic",
    model: "claude-x",
    customIds: lines.map((l) => JSON.parse(l).custom_id),
    chunks: [encoder.encode(`${lines.join("\n")}\n`)],
  });
}

describe("createAnthropicProvider", () => {
  it("submits the lines inline as one JSON body, and drops metadata with a warning", async () => {
    const { seen, fetch } = stub(fixtureJson("anthropic/batch.in_progress.json"));
    const logs: unknown[][] = [];
    const request = fixtureJson("anthropic/batch_create.request.json").requests;
    const lines = request.map((r: unknown) => JSON.stringify(r));
    const id = await provider(fetch, logs).submit(buffer(lines), { metadata: { a: "b" } });
    expect(id).toBe("msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d");
    // First a look at the newest batch (to recognise this one after a lost answer), then one POST.
    const posts = seen.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ method: "POST", path: "/v1/messages/batches" });
    expect(posts[0]?.headers.get("content-type")).toBe("application/json");
    // Streamed from the buffer's chunks, with its exact length announced.
    expect(posts[0]?.headers.get("content-length")).toBe(
      String(new TextEncoder().encode(posts[0]!.body).length),
    );
    expect(JSON.parse(posts[0]!.body)).toEqual({ requests: request });
    expect(posts[0]?.body).not.toContain("metadata");
    expect(logs[0]?.[0]).toContain("metadata is not sent");
  });

  it("streams results from results_url with the client's auth; garbage is one malformed line", async () => {
    const good = fixtureText("anthropic/results.succeeded.jsonl").trim();
    const { seen, fetch } = stub(ended, `${good}\nnot json\n`);
    const outcomes = [];
    for await (const batch of provider(fetch).readResultBatches(
      "msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d",
    ))
      outcomes.push(...batch);
    expect(outcomes.map((o) => o.customId)).toEqual([
      "my-second-request",
      "my-first-request",
      "line-3",
    ]);
    const download = seen.at(-1)!;
    expect(download.path).toBe("/v1/messages/batches/msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d/results");
    expect(download.headers.get("authorization") ?? download.headers.get("x-api-key")).toContain(
      "sk-ant-test-key",
    );
  });

  it("refuses results and deletion while the batch runs", async () => {
    const { seen, fetch } = stub(fixtureJson("anthropic/batch.in_progress.json"));
    const p = provider(fetch);
    const drain = async () => {
      for await (const _ of p.readResultBatches("x")) void _;
    };
    await expect(drain()).rejects.toThrow(BatchNotFinishedError);
    const error = await p.delete("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredBatchError);
    expect((error as StructuredBatchError).code).toBe("batch_running");
    expect((error as Error).message).toMatch(/cancel it and wait/);
    expect(seen.some((s) => s.method === "DELETE")).toBe(false);
  });

  it("deletes an ended batch, cancels and lists across pages", async () => {
    const { seen, fetch } = stub(ended);
    const p = provider(fetch);
    expect(await p.delete("b")).toEqual({ id: "b", batchDeleted: true, deletedFiles: [] });
    expect(seen.at(-1)?.method).toBe("DELETE");
    expect((await p.cancel("b")).rawStatus).toBe("canceling");
    expect((await p.list({ limit: 5 })).map((s) => s.id)).toEqual(["b1", "b2", "b3"]);
    expect(seen.at(-1)?.path).toContain("after_id=b2");
    expect((await p.list({ limit: 1 })).map((s) => s.id)).toEqual(["b1"]);
  });

  it("wraps HTTP errors and never shows the key", async () => {
    const error = await provider((async () =>
      json(fixtureJson("anthropic/error.response.json"), 404)) as typeof fetch)
      .getStatus("nope")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect((error as ProviderApiError).status).toBe(404);
    expect((error as Error).message).toContain("retrieve batch");
    expect((error as Error).message).not.toContain("sk-ant-test-key");
  });

  it("needs ANTHROPIC_API_KEY or an apiKey", async () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      const error = await createAnthropicProvider("m")
        .getStatus("x")
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingApiKeyError);
      expect((error as Error).message).toContain("ANTHROPIC_API_KEY");
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });
});
