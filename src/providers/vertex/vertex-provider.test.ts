// The vertex/ adapter over real HTTP on the emulator, through @google/genai in Vertex mode: what
// it writes to Cloud Storage and deletes again, how it reads a job that was cancelled midway,
// and what it refuses before anything is sent.
import { GoogleGenAI } from "@google/genai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CONVERSATIONS, DemoUser } from "../../cli/demo.js";
import { createEmulator } from "../../emulator/index.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { findModel } from "../../models/find-model.js";
import { BatchProcessor } from "../../processor/batch-processor.js";

const emulator = createEmulator({
  phases: { validatingMs: 0, inProgressMs: 3000, finalizingMs: 0, cancellingMs: 0 },
});
let url = "";
let close: () => Promise<void> = async () => {};
let requests = 0;
beforeAll(async () => {
  const server = await emulator.listen({ port: 0, host: "127.0.0.1" });
  url = server.url;
  close = server.close;
});
afterAll(() => close());
afterEach(() => emulator.reset());

const settings = () => ({
  project: "p1",
  location: "us-central1",
  gcsUri: "gs://bkt/team/batches",
  storageBaseURL: `${url}/gcs`,
});
const counting: typeof fetch = (input, init) => {
  requests++;
  return fetch(input, init);
};
const make = (vertex: Record<string, unknown> = settings()) =>
  new BatchProcessor("vertex/gemini-2.5-flash", DemoUser, {
    apiKey: "tok",
    baseURL: `${url}/vertex`,
    fetch: counting,
    vertex,
  });

async function objectNames(prefix: string): Promise<string[]> {
  const response = await fetch(
    `${url}/gcs/storage/v1/b/bkt/o?prefix=${encodeURIComponent(prefix)}`,
    {
      headers: { authorization: "Bearer tok" },
    },
  );
  const body = (await response.json()) as { items?: { name: string }[] };
  return (body.items ?? []).map((o) => o.name);
}

describe("vertex/ adapter", () => {
  it("writes the input under its own run folder, reads the output, and deletes both with the job", async () => {
    const processor = make();
    const id = await processor.submitBatch(
      await processor.createBatchFromMessages(DEMO_CONVERSATIONS),
    );
    expect(id).toMatch(/^projects\/p1\/locations\/us-central1\/batchPredictionJobs\/\d+$/);
    const [input] = await objectNames("team/batches/structured-batch/");
    expect(input).toMatch(/^team\/batches\/structured-batch\/[\dT-]+Z-[0-9a-f]{12}\/input\.jsonl$/);
    emulator.clock.advance(3000);
    await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    const results = await processor.getResults(id);
    expect(results.map((r) => r.success && r.result.name).sort()).toEqual([
      "Bob Wilson",
      "Jane Smith",
      "John Doe",
    ]);
    const all = await objectNames("team/batches/");
    expect(all).toHaveLength(2);
    expect(all[1]).toMatch(/\/output\/prediction-model-[^/]+\/predictions\.jsonl$/);
    const report = await processor.deleteBatch(id);
    expect(report.batchDeleted).toBe(true);
    expect(report.deletedFiles.sort()).toEqual(all.map((n) => `gs://bkt/${n}`).sort());
    expect(await objectNames("team/batches/")).toEqual([]);
  });

  it("reports the requests a cancelled job never ran as cancelled, the finished ones as answered", async () => {
    const processor = make();
    const id = await processor.submitBatch(
      await processor.createBatchFromMessages(DEMO_CONVERSATIONS),
    );
    const pending = await processor.getBatchStatus(id);
    // Before Vertex reports counts, the submitted request count stands in for the total.
    expect(pending.requestCounts).toMatchObject({ total: 3, pending: 3 });
    emulator.clock.advance(1500);
    await processor.cancelBatch(id);
    const status = await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(status).toMatchObject({
      status: "cancelled",
      requestCounts: { total: 3, succeeded: 1, failed: 2, pending: 0 },
    });
    const results = await processor.getResults(id);
    expect(
      Object.fromEntries(results.map((r) => [r.customId, r.success ? "ok" : r.errorType])),
    ).toEqual({
      "request-0": "ok",
      "request-1": "cancelled",
      "request-2": "cancelled",
    });
  });

  it("reaches a job by its full name in the project and location the name gives", async () => {
    const processor = make();
    const id = await processor.submitBatch(
      await processor.createBatchFromMessages(DEMO_CONVERSATIONS),
    );
    emulator.clock.advance(3000);
    const elsewhere = make({ ...settings(), project: "other", location: "europe-west4" });
    expect((await elsewhere.getBatchStatus(id)).status).toBe("completed");
    expect((await elsewhere.getResults(id)).filter((r) => r.success)).toHaveLength(3);
    // The configured place is still where new jobs go and what is listed.
    expect(await elsewhere.listBatches()).toEqual([]);
  });

  it("names what to set when the project or the Cloud Storage folder is missing, before sending", async () => {
    const saved = { project: process.env.GOOGLE_CLOUD_PROJECT, gcs: process.env.VERTEX_GCS_URI };
    delete process.env.GOOGLE_CLOUD_PROJECT;
    delete process.env.VERTEX_GCS_URI;
    try {
      const { project: _, ...noProject } = settings();
      const before = requests;
      const buffer = await make(noProject).createBatchFromMessages(DEMO_CONVERSATIONS);
      const missingProject = await make(noProject)
        .submitBatch(buffer)
        .catch((e: unknown) => e);
      expect(missingProject).toBeInstanceOf(InvalidArgumentError);
      expect((missingProject as Error).message).toContain("GOOGLE_CLOUD_PROJECT");
      const { gcsUri: __, ...noFolder } = settings();
      const missingFolder = await make(noFolder)
        .submitBatch(buffer)
        .catch((e: unknown) => e);
      expect(missingFolder).toBeInstanceOf(InvalidArgumentError);
      expect((missingFolder as Error).message).toContain("VERTEX_GCS_URI");
      expect(requests).toBe(before);
    } finally {
      if (saved.project !== undefined) process.env.GOOGLE_CLOUD_PROJECT = saved.project;
      if (saved.gcs !== undefined) process.env.VERTEX_GCS_URI = saved.gcs;
    }
  });

  it("refuses settings that would reach another URL before any request, and a client that is not in Vertex mode", async () => {
    // Unknown keys when the processor is made; values when it first connects, before sending.
    expect(() => make({ ...settings(), projectId: "p" })).toThrow(InvalidArgumentError);
    const buffer = await make().createBatchFromMessages(DEMO_CONVERSATIONS);
    for (const [vertex, path] of [
      [{ location: "us-central1/../x" }, ["vertex", "location"]],
      [{ project: "p?x=1" }, ["vertex", "project"]],
      [{ gcsUri: "s3://bkt/x" }, ["vertex", "gcsUri"]],
      [{ gcsUri: "gs://bkt/../x" }, ["vertex", "gcsUri"]],
      [{ storageBaseURL: "http://u:pw@host/gcs" }, ["vertex", "storageBaseURL"]],
    ] as const) {
      const before = requests;
      const error = await make({ ...settings(), ...vertex })
        .submitBatch(buffer)
        .catch((e: unknown) => e);
      expect(error, JSON.stringify(vertex)).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).issues[0]?.path).toEqual(path);
      expect(requests).toBe(before);
    }
    const gemini = new GoogleGenAI({ apiKey: "k" });
    const processor = new BatchProcessor("vertex/gemini-2.5-flash", DemoUser, {
      client: gemini,
      vertex: { gcsUri: "gs://bkt/x" },
    });
    const error = await processor
      .submitBatch(await processor.createBatchFromMessages(DEMO_CONVERSATIONS))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toContain("vertexai: true");
  });

  it("finds the same model capabilities as google/ for Vertex model names", () => {
    for (const name of [
      "gemini-2.5-flash",
      "publishers/google/models/gemini-2.5-pro",
      "gemini-3-flash-preview",
    ]) {
      const google = findModel("google", name.replace("publishers/google/models/", ""));
      expect(google, name).toBeDefined();
      expect(findModel("vertex", name)).toBe(google);
    }
  });

  it("estimates the batch's cost at the Gemini list price with Vertex's 50% batch discount", async () => {
    const processor = make();
    const { cost } = await processor.estimateCost(DEMO_CONVERSATIONS, { maxTokens: 100 });
    const google = await new BatchProcessor("google/gemini-2.5-flash", DemoUser, {
      apiKey: "k",
    }).estimateCost(DEMO_CONVERSATIONS, { maxTokens: 100 });
    expect(cost).toBeDefined();
    expect(cost?.total).toBeGreaterThan(0);
    expect(cost?.total).toBeCloseTo(google.cost!.total, 12);
    expect(cost?.prices.batchDiscount).toBe(0.5);
  });
});
