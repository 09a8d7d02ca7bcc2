import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredFile } from "../file-store.js";
import {
  chatLine,
  type OpenAIHarness,
  startOpenAIHarness,
  submit,
} from "../test-support/openai-harness.js";
import { validateInputFile } from "./input-validation.js";

const LIMITS = { maxRequestsPerBatch: 50_000, maxInputFileBytes: 200 * 1024 * 1024 };

function storedFile(text: string, purpose = "batch"): StoredFile {
  return {
    id: "file-x",
    provider: "openai",
    filename: "batch.jsonl",
    purpose,
    bytes: new TextEncoder().encode(text),
    createdAtMs: 0,
    expiresAtMs: null,
  };
}

describe("input validation over HTTP: a failed batch naming the lines", () => {
  let h: OpenAIHarness;
  beforeAll(async () => {
    h = await startOpenAIHarness();
  });
  afterAll(() => h.close());

  async function failedErrors(lines: unknown[]) {
    const batch = await submit(h.client, lines);
    const failed = await h.client.batches.retrieve(batch.id);
    expect(failed.status).toBe("failed");
    expect(failed.failed_at).toBe(failed.created_at);
    expect(failed.in_progress_at).toBeNull();
    expect(failed.output_file_id).toBeNull();
    expect(failed.error_file_id).toBeNull();
    expect(failed.request_counts).toEqual({ total: 0, completed: 0, failed: 0 });
    expect(failed.errors?.object).toBe("list");
    return failed.errors?.data;
  }

  it("a line that is not JSON", async () => {
    const errors = await failedErrors([chatLine("a", "x"), "{not json", chatLine("c", "x")]);
    expect(errors).toEqual([
      {
        code: "invalid_json_line",
        message: "This line is not parseable as valid JSON.",
        param: null,
        line: 2,
      },
    ]);
  });

  it("a url that differs from the batch endpoint", async () => {
    const errors = await failedErrors([
      chatLine("a", "x"),
      chatLine("b", "x"),
      chatLine("c", "x", { url: "/v1/embeddings" }),
    ]);
    expect(errors).toEqual([
      {
        code: "invalid_url",
        message: "The URL provided for this request does not match the batch endpoint.",
        param: "url",
        line: 3,
      },
    ]);
  });

  it("more than one model", async () => {
    const errors = await failedErrors([
      chatLine("a", "x"),
      chatLine("b", "x", { model: "gpt-4o" }),
      chatLine("c", "x"),
    ]);
    expect(errors).toEqual([
      {
        code: "model_mismatch",
        message: expect.stringContaining("gpt-4o"),
        param: "body.model",
        line: 2,
      },
    ]);
  });

  it("a duplicate custom_id", async () => {
    const errors = await failedErrors([chatLine("a", "x"), chatLine("b", "x"), chatLine("a", "y")]);
    expect(errors).toEqual([
      { code: "duplicate_custom_id", message: expect.any(String), param: "custom_id", line: 3 },
    ]);
  });

  it("reports every bad line, missing fields included", async () => {
    const { custom_id: _id, ...noId } = chatLine("a", "x");
    const noModel = chatLine("c", "x");
    delete (noModel.body as { model?: string }).model;
    const errors = await failedErrors([
      noId,
      { ...chatLine("b", "x"), method: "GET" },
      noModel,
      "[1,2]",
    ]);
    expect(errors?.map((e) => [e.line, e.code, e.param])).toEqual([
      [1, "missing_required_parameter", "custom_id"],
      [2, "invalid_value", "method"],
      [3, "invalid_request", "body.model"],
      [4, "invalid_request", null],
    ]);
    expect(errors?.[0]?.message).toBe("Missing required parameter: 'custom_id'.");
  });

  it("a streaming request", async () => {
    const line = chatLine("s", "x");
    const errors = await failedErrors([{ ...line, body: { ...line.body, stream: true } }]);
    expect(errors).toEqual([
      {
        code: "streaming_unsupported",
        message: expect.stringContaining("Streaming is not supported"),
        param: "body.stream",
        line: 1,
      },
    ]);
  });

  it("a batch input file that does not exist", async () => {
    const batch = await h.client.batches.create({
      input_file_id: "file-missing",
      endpoint: "/v1/chat/completions",
      completion_window: "24h",
    });
    const failed = await h.client.batches.retrieve(batch.id);
    expect(failed.status).toBe("failed");
    expect(failed.errors?.data?.[0]).toMatchObject({
      code: "invalid_request",
      param: "file_id",
      line: null,
    });
  });
});

describe("validateInputFile", async () => {
  it("accepts a valid file, CRLF line ends and a missing final newline", async () => {
    const text = [chatLine("a", "x"), chatLine("b", "y")]
      .map((l) => JSON.stringify(l))
      .join("\r\n");
    const result = await validateInputFile(
      storedFile(text),
      "file-x",
      "/v1/chat/completions",
      LIMITS,
    );
    expect(result).toMatchObject({ ok: true, model: "gpt-4o-mini" });
    expect(result.ok && result.requests.map((r) => [r.line, r.customId])).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
  });

  it("rejects an empty file", async () => {
    expect(
      await validateInputFile(storedFile(""), "file-x", "/v1/chat/completions", LIMITS),
    ).toEqual({
      ok: false,
      errors: [{ code: "empty_file", message: expect.any(String), param: null, line: null }],
    });
  });

  it("treats a blank line in the middle as invalid JSON", async () => {
    const text = `${JSON.stringify(chatLine("a", "x"))}\n\n${JSON.stringify(chatLine("b", "x"))}\n`;
    const result = await validateInputFile(
      storedFile(text),
      "file-x",
      "/v1/chat/completions",
      LIMITS,
    );
    expect(result.ok === false && result.errors.map((e) => [e.code, e.line])).toEqual([
      ["invalid_json_line", 2],
    ]);
  });

  it("enforces the request and size limits", async () => {
    const text = [1, 2, 3].map((n) => JSON.stringify(chatLine(`r${n}`, "x"))).join("\n");
    const tooMany = await validateInputFile(storedFile(text), "file-x", "/v1/chat/completions", {
      ...LIMITS,
      maxRequestsPerBatch: 2,
    });
    expect(tooMany.ok === false && tooMany.errors[0]?.code).toBe("too_many_tasks");
    const tooBig = await validateInputFile(storedFile(text), "file-x", "/v1/chat/completions", {
      ...LIMITS,
      maxInputFileBytes: 10,
    });
    expect(tooBig.ok === false && tooBig.errors[0]).toMatchObject({
      code: "file_too_large",
      line: null,
    });
    expect(tooBig.ok === false && tooBig.errors[0]?.message).toContain("gpt-4o-mini");
  });

  it("rejects an input file that is not a batch file", async () => {
    const result = await validateInputFile(
      storedFile("{}", "batch_output"),
      "file-x",
      "/v1/chat/completions",
      LIMITS,
    );
    expect(result.ok === false && result.errors[0]).toMatchObject({
      code: "invalid_request",
      param: "input_file_id",
    });
  });

  it("checks /v1/responses lines against that endpoint", async () => {
    const line = {
      custom_id: "r",
      method: "POST",
      url: "/v1/responses",
      body: { model: "gpt-4o-mini", input: "hi" },
    };
    expect(
      (await validateInputFile(storedFile(JSON.stringify(line)), "file-x", "/v1/responses", LIMITS))
        .ok,
    ).toBe(true);
  });
});
