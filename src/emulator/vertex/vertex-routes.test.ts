// The Vertex AI and Cloud Storage emulation on its own, over the in-process fetch: what a client
// sees on the wire (auth answers, job states on the clock, the output layout in the bucket).
import { describe, expect, it } from "vitest";
import { createEmulator } from "../index.js";

const JOBS = "/vertex/v1/projects/p1/locations/us-central1/batchPredictionJobs";
const auth = { authorization: "Bearer t0k3n" };
const line = (key: string, text: string) =>
  JSON.stringify({ key, request: { contents: [{ role: "user", parts: [{ text }] }] } });

function setup(options: Parameters<typeof createEmulator>[0] = {}) {
  const emulator = createEmulator({
    phases: { validatingMs: 1000, inProgressMs: 3000, finalizingMs: 0, cancellingMs: 500 },
    ...options,
  });
  const call = (path: string, init: RequestInit = {}) =>
    emulator.fetch(path, { ...init, headers: { ...auth, ...(init.headers ?? {}) } });
  const upload = (name: string, body: string) =>
    call(`/gcs/upload/storage/v1/b/bkt/o?uploadType=media&name=${encodeURIComponent(name)}`, {
      method: "POST",
      body,
    });
  const create = (input = "gs://bkt/in/input.jsonl") =>
    call(JOBS, {
      method: "POST",
      body: JSON.stringify({
        displayName: "job",
        model: "publishers/google/models/gemini-2.5-flash",
        inputConfig: { instancesFormat: "jsonl", gcsSource: { uris: [input] } },
        outputConfig: {
          predictionsFormat: "jsonl",
          gcsDestination: { outputUriPrefix: "gs://bkt/out/" },
        },
      }),
    });
  return { emulator, call, upload, create };
}

describe("Vertex AI emulation", () => {
  it("answers a missing or unknown token as Google does, repeating no token", async () => {
    const { emulator } = setup({ apiKeys: ["good"] });
    const none = await emulator.fetch(JOBS);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      error: {
        code: 401,
        status: "UNAUTHENTICATED",
        message: expect.stringContaining("missing required authentication credential"),
      },
    });
    const wrong = await emulator.fetch(JOBS, { headers: { authorization: "Bearer bad-secret" } });
    expect(wrong.status).toBe(401);
    const text = await wrong.text();
    expect(text).toContain("invalid authentication credentials");
    expect(text).not.toContain("bad-secret");
    const gcs = await emulator.fetch("/gcs/storage/v1/b/bkt/o", {
      headers: { authorization: "Bearer bad-secret" },
    });
    expect(gcs.status).toBe(401);
    expect(await gcs.json()).toMatchObject({
      error: { code: 401, message: "Invalid Credentials", errors: [{ reason: "authError" }] },
    });
    const anonymous = await emulator.fetch("/gcs/storage/v1/b/bkt/o");
    expect((await anonymous.json()).error.errors[0].reason).toBe("required");
    const ok = await emulator.fetch(JOBS, { headers: { authorization: "Bearer good" } });
    expect(ok.status).toBe(200);
  });

  it("runs a job through JOB_STATE_* on the clock and writes predictions.jsonl under a dated folder", async () => {
    const { emulator, call, upload, create } = setup();
    await upload(
      "in/input.jsonl",
      `${line("a", "Ann Lee is 40, ann@x.io")}\n${line("b", "Bob is 30, bob@x.io")}\n`,
    );
    const job = await (await create()).json();
    expect(job.name).toMatch(/^projects\/p1\/locations\/us-central1\/batchPredictionJobs\/\d+$/);
    expect(job.state).toBe("JOB_STATE_PENDING");
    expect(job.completionStats).toBeUndefined();
    const id = job.name.split("/").pop();
    const get = async () => (await call(`${JOBS}/${id}`)).json();
    emulator.clock.advance(1000 + 1500);
    const running = await get();
    expect(running.state).toBe("JOB_STATE_RUNNING");
    expect(running.completionStats).toEqual({
      successfulCount: "1",
      failedCount: "0",
      incompleteCount: "1",
    });
    emulator.clock.advance(2000);
    const done = await get();
    expect(done.state).toBe("JOB_STATE_SUCCEEDED");
    expect(done.completionStats).toEqual({
      successfulCount: "2",
      failedCount: "0",
      incompleteCount: "0",
    });
    const dir: string = done.outputInfo.gcsOutputDirectory;
    expect(dir).toMatch(/^gs:\/\/bkt\/out\/prediction-model-\d{4}-\d\d-\d\dT[\d:.]+\+00:00$/);
    const listed = await (await call("/gcs/storage/v1/b/bkt/o?prefix=out/")).json();
    const name = `${dir.slice("gs://bkt/".length)}/predictions.jsonl`;
    expect(listed.items.map((o: { name: string }) => o.name)).toEqual([name]);
    const media = await call(`/gcs/storage/v1/b/bkt/o/${encodeURIComponent(name)}?alt=media`);
    const rows = (await media.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.key).sort()).toEqual(["a", "b"]);
    for (const row of rows) {
      expect(row).toMatchObject({ status: "", request: { contents: expect.any(Array) } });
      expect(row.response.candidates[0].finishReason).toBe("STOP");
      expect(row.processed_time).toMatch(/Z$/);
    }
  });

  it("exports only the completed rows of a cancelled job, and refuses a second cancel once ended", async () => {
    const { emulator, call, upload, create } = setup();
    await upload("in/input.jsonl", ["a", "b", "c"].map((k) => line(k, `${k} is 20`)).join("\n"));
    const { name } = await (await create()).json();
    const id = name.split("/").pop();
    emulator.clock.advance(1000 + 1100);
    expect((await call(`${JOBS}/${id}:cancel`, { method: "POST" })).status).toBe(200);
    expect((await (await call(`${JOBS}/${id}`)).json()).state).toBe("JOB_STATE_CANCELLING");
    emulator.clock.advance(600);
    const job = await (await call(`${JOBS}/${id}`)).json();
    expect(job.state).toBe("JOB_STATE_CANCELLED");
    expect(job.completionStats).toEqual({
      successfulCount: "1",
      failedCount: "0",
      incompleteCount: "2",
    });
    const file = `${job.outputInfo.gcsOutputDirectory.slice("gs://bkt/".length)}/predictions.jsonl`;
    const text = await (
      await call(`/gcs/download/storage/v1/b/bkt/o/${encodeURIComponent(file)}?alt=media`)
    ).text();
    expect(
      text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).key),
    ).toEqual(["a"]);
    const again = await call(`${JOBS}/${id}:cancel`, { method: "POST" });
    expect(again.status).toBe(400);
    expect((await again.json()).error.status).toBe("FAILED_PRECONDITION");
  });

  it("fails a job whose input object does not exist, and forgets a deleted job", async () => {
    const { emulator, call, create } = setup();
    const { name } = await (await create("gs://bkt/nowhere.jsonl")).json();
    const id = name.split("/").pop();
    emulator.clock.advance(1000);
    const job = await (await call(`${JOBS}/${id}`)).json();
    expect(job.state).toBe("JOB_STATE_FAILED");
    expect(job.error.message).toContain("gs://bkt/nowhere.jsonl");
    const deleted = await call(`${JOBS}/${id}`, { method: "DELETE" });
    expect(await deleted.json()).toMatchObject({ done: true });
    const gone = await call(`${JOBS}/${id}`);
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.status).toBe("NOT_FOUND");
  });

  it("lists newest first in pages, each location its own, and refuses a malformed create", async () => {
    const { call, upload, create } = setup();
    await upload("in/input.jsonl", line("a", "x"));
    const names: string[] = [];
    for (let i = 0; i < 3; i++) names.push((await (await create()).json()).name);
    const first = await (await call(`${JOBS}?pageSize=2`)).json();
    expect(first.batchPredictionJobs.map((j: { name: string }) => j.name)).toEqual([
      names[2],
      names[1],
    ]);
    const second = await (await call(`${JOBS}?pageSize=2&pageToken=${first.nextPageToken}`)).json();
    expect(second.batchPredictionJobs.map((j: { name: string }) => j.name)).toEqual([names[0]]);
    expect(second.nextPageToken).toBeUndefined();
    const other = await (await call(JOBS.replace("us-central1", "europe-west4"))).json();
    expect(other).toEqual({});
    const bad = await call(JOBS, {
      method: "POST",
      body: JSON.stringify({ displayName: "x", model: "gemini" }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.status).toBe("INVALID_ARGUMENT");
  });
});
