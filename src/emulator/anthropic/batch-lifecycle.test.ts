import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fixtureJson, fixtureText } from "../../../test/support/fixtures.js";
import {
  type AnthropicHarness,
  item,
  rawFetch,
  readResults,
  startAnthropicHarness,
} from "./test-support/anthropic-harness.js";

const inProgressFixture = fixtureJson("anthropic/batch.in_progress.json");
const referenceFixture = fixtureJson("anthropic/batch.api_reference_example.json");
const createFixture = fixtureJson("anthropic/batch_create.request.json");
const succeededLine = JSON.parse(fixtureText("anthropic/results.succeeded.jsonl").split("\n")[0]!);

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const DAY = 24 * 60 * 60 * 1000;
const ms = (time: string | null) => Date.parse(time!);

describe("Anthropic Message Batches lifecycle over HTTP with the official SDK", () => {
  let h: AnthropicHarness;
  beforeAll(async () => {
    h = await startAnthropicHarness({
      phases: { validatingMs: 1000, inProgressMs: 4000, finalizingMs: 1000, cancellingMs: 1000 },
    });
  });
  afterAll(() => h.close());
  beforeEach(() => h.emulator.reset());

  it("stays in_progress while requests finish one after another, then ends", async () => {
    const created = await h.client.messages.batches.create({
      requests: ["a", "b", "c", "d"].map((id) => item(id, `Hello ${id}`)),
    });
    expect(created.id).toMatch(/^msgbatch_01[A-Za-z0-9]{22}$/);
    expect(Object.keys(created).sort()).toEqual(Object.keys(referenceFixture).sort());
    expect(Object.keys(created.request_counts)).toEqual(
      Object.keys(inProgressFixture.request_counts),
    );
    expect(created).toMatchObject({
      type: "message_batch",
      processing_status: "in_progress",
      request_counts: { processing: 4, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      ended_at: null,
      archived_at: null,
      cancel_initiated_at: null,
      results_url: null,
    });
    expect(created.created_at).toMatch(RFC3339);
    expect(ms(created.expires_at) - ms(created.created_at)).toBe(DAY);

    h.emulator.clock.advance(1000);
    const queued = await h.client.messages.batches.retrieve(created.id);
    expect(queued.request_counts.processing).toBe(4);

    h.emulator.clock.advance(2000);
    const halfway = await h.client.messages.batches.retrieve(created.id);
    expect(halfway.processing_status).toBe("in_progress");
    expect(halfway.request_counts).toEqual({
      processing: 2,
      succeeded: 2,
      errored: 0,
      canceled: 0,
      expired: 0,
    });
    await expect(h.client.messages.batches.results(created.id)).rejects.toThrow(/results_url/);

    h.emulator.clock.advance(2000);
    const allDone = await h.client.messages.batches.retrieve(created.id);
    expect(allDone.processing_status).toBe("in_progress");
    expect(allDone.request_counts.succeeded).toBe(4);

    h.emulator.clock.advance(1000);
    const ended = await h.client.messages.batches.retrieve(created.id);
    expect(ended.processing_status).toBe("ended");
    expect(ms(ended.ended_at) - ms(created.created_at)).toBe(6000);
    expect(ended.ended_at).toMatch(RFC3339);
    expect(ended.results_url).toBe(`${h.server.url}/v1/messages/batches/${created.id}/results`);

    const rows = await readResults(h.client, created.id);
    expect(rows.map((r) => r.custom_id)).toEqual(["a", "b", "c", "d"]);
    expect(rows.every((r) => r.result.type === "succeeded")).toBe(true);
  });

  it("writes result lines in the real shape, one per line, ending with a newline", async () => {
    const created = await h.client.messages.batches.create(createFixture);
    h.emulator.clock.advance(6000);
    const ended = await h.client.messages.batches.retrieve(created.id);
    const response = await rawFetch(h.server, new URL(ended.results_url!).pathname);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).not.toContain("\n\n");
    const lines = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    const line = lines.find((l) => l.custom_id === succeededLine.custom_id);
    expect(Object.keys(line)).toEqual(Object.keys(succeededLine));
    expect(Object.keys(line.result.message)).toEqual(Object.keys(succeededLine.result.message));
    expect(Object.keys(line.result.message.usage)).toEqual(["input_tokens", "output_tokens"]);
    expect(line.result.message).toMatchObject({
      type: "message",
      role: "assistant",
      model: "claude-opus-5",
      stop_reason: "end_turn",
      stop_sequence: null,
    });
    expect(line.result.message.id).toMatch(/^msg_01/);
    expect(line.result.message.content).toEqual([
      { type: "text", text: "This is an emulated answer to: Hi again, friend" },
    ]);
  });

  it("refuses the results of a batch that has not ended", async () => {
    const created = await h.client.messages.batches.create({ requests: [item("a", "x")] });
    const response = await rawFetch(h.server, `/v1/messages/batches/${created.id}/results`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: "error",
      error: { type: "invalid_request_error" },
    });
  });

  it("turns unknown batches into the SDK's NotFoundError", async () => {
    const error = await h.client.messages.batches.retrieve("msgbatch_01missing").catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect(error).toMatchObject({ status: 404, type: "not_found_error" });
    expect(error.requestID).toMatch(/^req_011C/);
    expect(error.error).toEqual({
      ...fixtureJson("anthropic/error.response.json"),
      request_id: error.requestID,
    });
  });
});

describe("result order", () => {
  it("honours the shuffle option", async () => {
    const h = await startAnthropicHarness({ shuffle: true });
    try {
      const created = await h.client.messages.batches.create({
        requests: ["a", "b", "c"].map((id) => item(id, "hi")),
      });
      const rows = await readResults(h.client, created.id);
      expect(rows.map((r) => r.custom_id)).toEqual(["c", "b", "a"]);
    } finally {
      await h.close();
    }
  });
});
