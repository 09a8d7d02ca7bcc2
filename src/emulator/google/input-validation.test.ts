import { ApiError } from "@google/genai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureJson, fixtureText } from "../../../test/support/fixtures.js";
import {
  downloadLines,
  type GoogleHarness,
  inlined,
  rawBatch,
  startGoogleHarness,
  toJsonl,
  uploadJsonl,
} from "./test-support/google-harness.js";

const CREATE = "/v1beta/models/gemini-2.5-flash:batchGenerateContent";

describe("what a Gemini batch accepts", () => {
  let h: GoogleHarness;
  beforeAll(async () => {
    h = await startGoogleHarness({ google: { limits: { maxInlineBytes: 4096 } } });
  });
  afterAll(() => h.close());

  const post = (body: unknown) =>
    h.rest(CREATE, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("takes the docs' snake_case inline body and answers in input order", async () => {
    const response = await post(fixtureJson("gemini/batch_create.inline.request.json"));
    expect(response.status).toBe(200);
    const created = await response.json();
    expect(created.metadata.displayName).toBe("my-batch-requests");
    const done = await rawBatch(h, created.name);
    const results = done.metadata.output.inlinedResponses.inlinedResponses;
    expect(results.map((r: any) => r.metadata.key)).toEqual(["request-1", "request-2"]);
    expect(done.metadata.inputConfig).toBeUndefined();
  });

  it("runs the docs' input file, snake_case generation_config included", async () => {
    const fileName = await uploadJsonl(h.ai, [fixtureText("gemini/input.jsonl").trim()]);
    const body = fixtureJson("gemini/batch_create.file.request.json");
    body.batch.input_config.file_name = fileName;
    const created = await (await post(body)).json();
    const done = await rawBatch(h, created.name);
    expect(done.metadata.state).toBe("BATCH_STATE_SUCCEEDED");
    const lines = await downloadLines(h, done.metadata.output.responsesFile);
    expect(lines.map((l) => l.key)).toEqual(["request-1", "request-2"]);
    expect(lines[0].response.candidates[0].content.parts[0].text).toContain(
      "Describe the process of photosynthesis.",
    );
  });

  it("refuses inline requests over the size limit with a 400 the SDK raises", async () => {
    const src = [inlined("big", "x".repeat(5000))];
    const error = await h.ai.batches.create({ model: "gemini-2.5-flash", src }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(JSON.parse(error.message)).toEqual({
      error: {
        code: 400,
        message: "Request payload size exceeds the limit: 4096 bytes.",
        status: "INVALID_ARGUMENT",
      },
    });
  });

  it("answers 403 for an input file that does not exist, as the Files API does", async () => {
    const response = await post(fixtureJson("gemini/batch_create.file.request.json"));
    expect(response.status).toBe(403);
    expect((await response.json()).error).toEqual({
      code: 403,
      message: "You do not have permission to access the File 123456 or it may not exist.",
      status: "PERMISSION_DENIED",
    });
  });

  it.each([
    ["not JSON", "{", "Invalid JSON payload received."],
    ["no batch", {}, "Missing required field: batch."],
    [
      "both sources",
      { batch: { inputConfig: { fileName: "files/a", requests: { requests: [] } } } },
      "batch.input_config must set exactly one of file_name and requests.",
    ],
    [
      "no requests",
      { batch: { input_config: { requests: { requests: [] } } } },
      "batch.input_config.requests.requests must be a non-empty list.",
    ],
  ])("rejects a body with %s", async (_, body, message) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toEqual({
      code: 400,
      message,
      status: "INVALID_ARGUMENT",
    });
  });

  it("fails the whole batch when a line of its file cannot be read", async () => {
    const good = { key: "a", request: { contents: [{ parts: [{ text: "hi" }] }] } };
    for (const [bad, message] of [
      ["{not json", "Line 2 of the input file is not valid JSON."],
      ['{"key":"b"}', 'Line 2 of the input file has no "request" object.'],
    ]) {
      const upload = await h.ai.files.upload({
        file: new Blob([toJsonl([good, bad, good])]),
        config: { mimeType: "jsonl" },
      });
      const job = await h.ai.batches.create({ model: "gemini-2.5-flash", src: upload.name! });
      expect(job.state).toBe("JOB_STATE_FAILED");
      const raw = await rawBatch(h, job.name!);
      expect(raw.done).toBe(true);
      expect(raw.error).toEqual({ code: 3, message });
      expect(raw.response).toBeUndefined();
      expect(raw.metadata.output).toBeUndefined();
      expect(raw.metadata.batchStats).toEqual({ requestCount: "3", failedRequestCount: "3" });
    }
  });

  it("fails only the request the model would reject", async () => {
    const fileName = await uploadJsonl(h.ai, [
      { key: "empty", request: { contents: [] } },
      { key: "fine", request: { contents: [{ parts: [{ text: "hi" }] }] } },
      {
        key: "both",
        request: {
          contents: [{ parts: [{ text: "hi" }] }],
          generationConfig: {
            responseMimeType: "application/json",
            responseSchema: { type: "OBJECT" },
            responseJsonSchema: { type: "object" },
          },
        },
      },
    ]);
    const job = await h.ai.batches.create({ model: "gemini-2.5-flash", src: fileName });
    const raw = await rawBatch(h, job.name!);
    expect(raw.metadata.state).toBe("BATCH_STATE_SUCCEEDED");
    const lines = await downloadLines(h, raw.metadata.output.responsesFile);
    expect(lines[0].error).toEqual({
      code: 3,
      message: "* GenerateContentRequest.contents: contents is not specified\n",
    });
    expect(lines[1].response).toBeDefined();
    expect(lines[2].error.code).toBe(3);
  });

  it("answers unknown batches and routes in Gemini's envelope", async () => {
    const error = await h.ai.batches.get({ name: "batches/nothing" }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    const route = await h.rest("/v1beta/models/gemini-2.5-flash:generateContent", {
      method: "POST",
    });
    expect(route.status).toBe(404);
    expect((await route.json()).error.status).toBe("NOT_FOUND");
    expect((await h.rest("/v1beta/batches/x:pause", { method: "POST" })).status).toBe(404);
  });
});
