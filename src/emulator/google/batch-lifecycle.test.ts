import { ApiError } from "@google/genai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureJson } from "../../../test/support/fixtures.js";
import {
  downloadLines,
  fileLine,
  type GoogleHarness,
  inlined,
  QUICK_START,
  rawBatch,
  startGoogleHarness,
  USER_SCHEMA,
  uploadJsonl,
} from "./test-support/google-harness.js";

const HOUR = 60 * 60 * 1000;
const pendingFixture = fixtureJson("gemini/batch.pending.file.json");
const succeededFixture = fixtureJson("gemini/sdk_test.embed_batch.succeeded.file.json");

describe("Gemini batch lifecycle over HTTP with the official SDK", () => {
  let h: GoogleHarness;
  beforeAll(async () => {
    h = await startGoogleHarness({
      phases: { validatingMs: 1000, inProgressMs: 4000, finalizingMs: 1000, cancellingMs: 1000 },
    });
  });
  afterAll(() => h.close());

  it("walks PENDING -> RUNNING (stats moving) -> SUCCEEDED as the clock advances", async () => {
    const lines = ["a", "b", "c", "d"].map((key) => fileLine(key, QUICK_START[0]!));
    const fileName = await uploadJsonl(h.ai, lines);
    const job = await h.ai.batches.create({
      model: "gemini-2.5-flash",
      src: fileName,
      config: { displayName: "lifecycle" },
    });
    expect(job.state).toBe("JOB_STATE_PENDING");
    expect(job.name).toMatch(/^batches\/[a-z0-9]{36}$/);

    const pending = await rawBatch(h, job.name!);
    expect(Object.keys(pending)).toEqual(Object.keys(pendingFixture));
    expect(Object.keys(pending.metadata)).toEqual(Object.keys(pendingFixture.metadata));
    expect(pending.metadata).toMatchObject({
      "@type": pendingFixture.metadata["@type"],
      model: "models/gemini-2.5-flash",
      displayName: "lifecycle",
      inputConfig: { fileName },
      batchStats: { requestCount: "4", pendingRequestCount: "4" },
      state: "BATCH_STATE_PENDING",
      name: job.name,
    });
    expect(pending.metadata.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);

    h.emulator.clock.advance(1000 + 2000);
    const halfway = await rawBatch(h, job.name!);
    expect(halfway.metadata.state).toBe("BATCH_STATE_RUNNING");
    expect(halfway.metadata.batchStats).toEqual({
      requestCount: "4",
      successfulRequestCount: "2",
      pendingRequestCount: "2",
    });
    expect(halfway.done).toBeUndefined();
    expect(halfway.metadata.output).toBeUndefined();
    expect((await h.ai.batches.get({ name: job.name! })).state).toBe("JOB_STATE_RUNNING");

    h.emulator.clock.advance(2000);
    // Gemini has no finalizing state: the batch stays RUNNING until it ends.
    expect((await rawBatch(h, job.name!)).metadata.state).toBe("BATCH_STATE_RUNNING");

    h.emulator.clock.advance(1000);
    const done = await rawBatch(h, job.name!);
    expect(Object.keys(done)).toEqual(Object.keys(succeededFixture));
    // The fixture's batch had no display name; otherwise the same keys in the same order.
    const expectedKeys = Object.keys(succeededFixture.metadata);
    expectedKeys.splice(2, 0, "displayName");
    expect(Object.keys(done.metadata)).toEqual(expectedKeys);
    const responsesFile = `files/batch-${job.name!.slice("batches/".length)}`;
    expect(done).toMatchObject({
      done: true,
      metadata: {
        state: "BATCH_STATE_SUCCEEDED",
        batchStats: { requestCount: "4", successfulRequestCount: "4" },
        output: { responsesFile },
      },
      response: {
        "@type":
          "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput",
        responsesFile,
      },
    });
    expect(Date.parse(done.metadata.endTime) - Date.parse(done.metadata.createTime)).toBe(6000);
    expect(done.metadata.updateTime).toBe(done.metadata.endTime);

    const sdk = await h.ai.batches.get({ name: job.name! });
    expect(sdk.state).toBe("JOB_STATE_SUCCEEDED");
    expect(sdk.dest?.fileName).toBe(responsesFile);
    const results = await downloadLines(h, responsesFile);
    expect(results.map((r) => r.key)).toEqual(["a", "b", "c", "d"]);
  });

  it("cancels: RUNNING until the cancel lands, finished requests keep their results", async () => {
    const src = ["a", "b", "c", "d"].map((key) => inlined(key, QUICK_START[1]!));
    const job = await h.ai.batches.create({ model: "gemini-2.5-flash", src });
    h.emulator.clock.advance(1000 + 2000);
    await h.ai.batches.cancel({ name: job.name! });
    await h.ai.batches.cancel({ name: job.name! });
    expect((await rawBatch(h, job.name!)).metadata.state).toBe("BATCH_STATE_RUNNING");

    h.emulator.clock.advance(1000);
    const cancelled = await rawBatch(h, job.name!);
    expect(cancelled.metadata.state).toBe("BATCH_STATE_CANCELLED");
    expect(cancelled.done).toBe(true);
    expect(cancelled.error).toBeUndefined();
    expect(cancelled.metadata.batchStats).toEqual({
      requestCount: "4",
      successfulRequestCount: "2",
      failedRequestCount: "2",
    });
    const sdk = await h.ai.batches.get({ name: job.name! });
    expect(sdk.state).toBe("JOB_STATE_CANCELLED");
    const results = sdk.dest!.inlinedResponses!;
    expect(results.map((r) => r.metadata?.key)).toEqual(["a", "b", "c", "d"]);
    expect(results.slice(0, 2).every((r) => r.response?.candidates?.[0]?.finishReason)).toBe(true);
    for (const r of results.slice(2)) {
      expect(r.error).toEqual({
        code: 1,
        message: "The batch was cancelled before this request was processed.",
      });
    }

    const error = await h.ai.batches.cancel({ name: job.name! }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect(JSON.parse((error as ApiError).message).error.status).toBe("FAILED_PRECONDITION");
  });

  it("cancels a PENDING batch: no request runs", async () => {
    const job = await h.ai.batches.create({
      model: "gemini-2.5-flash",
      src: [inlined("only", "hi")],
    });
    await h.ai.batches.cancel({ name: job.name! });
    h.emulator.clock.advance(500);
    expect((await rawBatch(h, job.name!)).metadata.state).toBe("BATCH_STATE_PENDING");
    h.emulator.clock.advance(HOUR);
    const raw = await rawBatch(h, job.name!);
    expect(raw.metadata.state).toBe("BATCH_STATE_CANCELLED");
    expect(raw.metadata.output.inlinedResponses.inlinedResponses[0].error.code).toBe(1);
  });

  it("deletes a batch whatever its state; a deleted batch is not found", async () => {
    const job = await h.ai.batches.create({ model: "gemini-2.5-flash", src: [inlined("k", "x")] });
    await h.ai.batches.delete({ name: job.name! });
    const error = await h.ai.batches.get({ name: job.name! }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect(JSON.parse((error as ApiError).message)).toEqual({
      error: { code: 404, message: "Requested entity was not found.", status: "NOT_FOUND" },
    });
    const again = await h.rest(`/v1beta/${job.name}`, { method: "DELETE" });
    expect(again.status).toBe(404);
  });
});

describe("the Gemini completion window", () => {
  it("expires after 48 h by default; unfinished requests get DEADLINE_EXCEEDED", async () => {
    const h = await startGoogleHarness({
      phases: { validatingMs: 0, inProgressMs: 96 * HOUR, finalizingMs: 0, cancellingMs: 0 },
    });
    try {
      const src = ["a", "b", "c", "d"].map((key) => inlined(key, QUICK_START[2]!));
      const job = await h.ai.batches.create({ model: "gemini-2.5-flash", src });
      h.emulator.clock.advance(47 * HOUR);
      expect((await rawBatch(h, job.name!)).metadata.state).toBe("BATCH_STATE_RUNNING");
      h.emulator.clock.advance(HOUR);
      const raw = await rawBatch(h, job.name!);
      expect(raw.metadata.state).toBe("BATCH_STATE_EXPIRED");
      expect((await h.ai.batches.get({ name: job.name! })).state).toBe("JOB_STATE_EXPIRED");
      const results = raw.response.inlinedResponses.inlinedResponses;
      expect(results[0].response).toBeDefined();
      expect(results[3].error.code).toBe(4);
      expect(raw.metadata.batchStats).toEqual({
        requestCount: "4",
        successfulRequestCount: "2",
        failedRequestCount: "2",
      });
    } finally {
      await h.close();
    }
  });

  it("follows completionWindowMs, and google.completionWindowMs over it", async () => {
    for (const options of [
      { completionWindowMs: 1000 },
      { completionWindowMs: 10 * HOUR, google: { completionWindowMs: 1000 } },
    ]) {
      const h = await startGoogleHarness({
        ...options,
        phases: { validatingMs: 0, inProgressMs: 4000, finalizingMs: 0, cancellingMs: 0 },
      });
      try {
        const job = await h.ai.batches.create({
          model: "gemini-2.5-flash",
          src: [inlined("a", "x"), inlined("b", "y")],
        });
        h.emulator.clock.advance(1000);
        expect((await rawBatch(h, job.name!)).metadata.state).toBe("BATCH_STATE_EXPIRED");
      } finally {
        await h.close();
      }
    }
  });

  it("writes the responses file for an expired file batch too", async () => {
    const h = await startGoogleHarness({
      google: { completionWindowMs: 0 },
      phases: { validatingMs: 0, inProgressMs: 1000, finalizingMs: 0, cancellingMs: 0 },
    });
    try {
      const fileName = await uploadJsonl(h.ai, [fileLine("x", "hello", { schema: USER_SCHEMA })]);
      const job = await h.ai.batches.create({ model: "gemini-2.5-flash", src: fileName });
      expect(job.state).toBe("JOB_STATE_EXPIRED");
      const raw = await rawBatch(h, job.name!);
      expect(await downloadLines(h, raw.metadata.output.responsesFile)).toEqual([
        {
          error: { code: 4, message: "The batch expired before this request was processed." },
          key: "x",
        },
      ]);
    } finally {
      await h.close();
    }
  });
});
