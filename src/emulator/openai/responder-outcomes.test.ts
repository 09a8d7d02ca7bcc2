import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../index.js";
import type { EmulatedOutcome, EmulatedRequest, Responder } from "../responder/types.js";
import {
  chatLine,
  type OpenAIHarness,
  readJsonl,
  STRICT_USER_SCHEMA,
  startOpenAIHarness,
  submit,
  ZERO_PHASES,
} from "../test-support/openai-harness.js";

const QUICK_START = [
  "John Doe is 25 years old and his email is john@example.com",
  "Jane Smith, age 30, can be reached at jane.smith@company.com",
  "Bob Wilson (28) - bob.wilson@email.com",
];

const SCRIPT: Record<string, EmulatedOutcome | undefined> = {
  ok: {
    type: "success",
    content: { name: "Given", age: 1, email: "g@x.io" },
    usage: { inputTokens: 7, outputTokens: 3 },
  },
  raw: { type: "success", content: '{"name":"Raw"' },
  default: undefined,
  text: { type: "text", text: "Sure! Here is the user: John." },
  refusal: { type: "refusal", message: "I can't help with that." },
  truncated: { type: "truncated" },
  error: {
    type: "error",
    status: 400,
    message: "Invalid schema for response_format 'user'.",
    code: "invalid_json_schema",
  },
  server: { type: "error" },
  expired: { type: "expired" },
  cancelled: { type: "cancelled" },
};

describe("responders decide each request's outcome", () => {
  let h: OpenAIHarness;
  const seen: EmulatedRequest[] = [];
  const responder: Responder = async (request) => {
    seen.push(request);
    return SCRIPT[request.customId];
  };
  beforeAll(async () => {
    h = await startOpenAIHarness({ responder });
  });
  afterAll(() => h.close());

  it("splits HTTP 200 answers into the output file and everything else into the error file", async () => {
    const ids = Object.keys(SCRIPT);
    const batch = await submit(
      h.client,
      ids.map((id) =>
        chatLine(id, QUICK_START[0]!, { schema: STRICT_USER_SCHEMA, system: "Extract the user." }),
      ),
    );
    const done = await h.client.batches.retrieve(batch.id);
    expect(done.status).toBe("completed");
    expect(done.request_counts).toEqual({ total: 10, completed: 6, failed: 4 });

    expect(seen.map((r) => r.customId)).toEqual(ids);
    expect(seen[0]).toMatchObject({
      provider: "openai",
      index: 0,
      model: "gpt-4o-mini",
      messages: [
        { role: "system", text: "Extract the user." },
        { role: "user", text: QUICK_START[0] },
      ],
      jsonSchema: STRICT_USER_SCHEMA,
    });

    const output = Object.fromEntries(
      (await readJsonl(h.client, done.output_file_id)).map((l) => [l.custom_id, l.response]),
    );
    expect(Object.keys(output)).toEqual(["ok", "raw", "default", "text", "refusal", "truncated"]);
    const message = (id: string) => output[id].body.choices[0].message;
    const finish = (id: string) => output[id].body.choices[0].finish_reason;
    expect(JSON.parse(message("ok").content)).toEqual({ name: "Given", age: 1, email: "g@x.io" });
    // With the details objects the real API writes (no reasoning: gpt-4o-mini is not a
    // reasoning model).
    expect(output.ok.body.usage).toEqual({
      prompt_tokens: 7,
      completion_tokens: 3,
      total_tokens: 10,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    });
    expect(message("raw").content).toBe('{"name":"Raw"');
    expect(JSON.parse(message("default").content)).toEqual({
      name: "John Doe",
      age: 25,
      email: "john@example.com",
    });
    expect(message("text").content).toBe("Sure! Here is the user: John.");
    expect(message("refusal")).toEqual({
      role: "assistant",
      content: null,
      refusal: "I can't help with that.",
    });
    expect(finish("refusal")).toBe("stop");
    expect(finish("truncated")).toBe("length");
    expect(() => JSON.parse(message("truncated").content)).toThrow();
    expect(output.truncated.body.usage.completion_tokens).toBe(150);

    const errors = Object.fromEntries(
      (await readJsonl(h.client, done.error_file_id)).map((l) => [l.custom_id, l]),
    );
    expect(Object.keys(errors)).toEqual(["error", "server", "expired", "cancelled"]);
    expect(errors.error.error).toBeNull();
    expect(errors.error.response).toMatchObject({
      status_code: 400,
      request_id: expect.any(String),
      body: {
        error: {
          message: "Invalid schema for response_format 'user'.",
          type: "invalid_request_error",
          param: null,
          code: "invalid_json_schema",
        },
      },
    });
    expect(errors.server.response.status_code).toBe(500);
    expect(errors.server.response.body.error.type).toBe("server_error");
    expect(errors.expired).toMatchObject({ response: null, error: { code: "batch_expired" } });
    expect(errors.cancelled).toMatchObject({ response: null, error: { code: "batch_cancelled" } });
  });

  it("leaves output_file_id null when nothing succeeded, error_file_id null when nothing failed", async () => {
    const failing = await submit(h.client, [chatLine("error", "x"), chatLine("expired", "x")]);
    const allFailed = await h.client.batches.retrieve(failing.id);
    expect(allFailed.output_file_id).toBeNull();
    expect(allFailed.error_file_id).not.toBeNull();
    const passing = await submit(h.client, [chatLine("ok", "x"), chatLine("default", "x")]);
    const allPassed = await h.client.batches.retrieve(passing.id);
    expect(allPassed.error_file_id).toBeNull();
    expect(allPassed.output_file_id).not.toBeNull();
  });

  it("turns a throwing responder into a 500 for that request alone", async () => {
    const broken = await startOpenAIHarness({
      responder: (r) => {
        if (r.index === 1) throw new Error("scripted failure");
        return undefined;
      },
    });
    try {
      const batch = await submit(broken.client, [chatLine("a", "x"), chatLine("b", "x")]);
      const done = await broken.client.batches.retrieve(batch.id);
      expect(done.request_counts).toEqual({ total: 2, completed: 1, failed: 1 });
      const [line] = await readJsonl(broken.client, done.error_file_id);
      expect(line.response.body.error.message).toContain("scripted failure");
    } finally {
      await broken.close();
    }
  });
});

describe("the default responder through the whole API", () => {
  it("answers the quick start with the right names, ages and e-mails", async () => {
    const h = await startOpenAIHarness();
    try {
      const lines = QUICK_START.map((text, i) =>
        chatLine(`request-${i}`, text, { schema: STRICT_USER_SCHEMA }),
      );
      const batch = await submit(h.client, lines);
      const done = await h.client.batches.retrieve(batch.id);
      const answers = (await readJsonl(h.client, done.output_file_id)).map((l) =>
        JSON.parse(l.response.body.choices[0].message.content),
      );
      expect(answers).toEqual([
        { name: "John Doe", age: 25, email: "john@example.com" },
        { name: "Jane Smith", age: 30, email: "jane.smith@company.com" },
        { name: "Bob Wilson", age: 28, email: "bob.wilson@email.com" },
      ]);
    } finally {
      await h.close();
    }
  });

  it("answers /v1/responses batches with a response object", async () => {
    const h = await startOpenAIHarness();
    try {
      const line = {
        custom_id: "r1",
        method: "POST",
        url: "/v1/responses",
        body: {
          model: "gpt-4o-mini",
          instructions: "Extract the user.",
          input: [{ role: "user", content: [{ type: "input_text", text: QUICK_START[1] }] }],
          text: {
            format: { type: "json_schema", name: "user", schema: STRICT_USER_SCHEMA, strict: true },
          },
        },
      };
      const batch = await submit(h.client, [line], "/v1/responses");
      const done = await h.client.batches.retrieve(batch.id);
      const [result] = await readJsonl(h.client, done.output_file_id);
      const body = result.response.body;
      expect(body).toMatchObject({ object: "response", status: "completed", model: "gpt-4o-mini" });
      expect(body.output[0]).toMatchObject({ type: "message", role: "assistant" });
      expect(body.output[0].content[0].type).toBe("output_text");
      expect(JSON.parse(body.output[0].content[0].text)).toEqual({
        name: "Jane Smith",
        age: 30,
        email: "jane.smith@company.com",
      });
      expect(body.usage.total_tokens).toBe(body.usage.input_tokens + body.usage.output_tokens);
    } finally {
      await h.close();
    }
  });
});

describe("result order and the in-process fetch", () => {
  it("shuffle: true reverses, a number gives a fixed permutation, custom_ids stay joinable", async () => {
    for (const shuffle of [true, 42] as const) {
      const emulator = createEmulator({ phases: ZERO_PHASES, shuffle });
      // The emulator's fetch is a drop-in for the SDK's: no server, no port.
      const client = new OpenAI({
        apiKey: "k",
        baseURL: "http://emulator.local/v1",
        fetch: emulator.fetch,
        maxRetries: 0,
      });
      const ids = Array.from({ length: 8 }, (_, i) => `r${i}`);
      const batch = await submit(
        client,
        ids.map((id) => chatLine(id, id)),
      );
      const done = await client.batches.retrieve(batch.id);
      const order = (await readJsonl(client, done.output_file_id)).map((l) => l.custom_id);
      expect([...order].sort()).toEqual(ids);
      if (shuffle === true) expect(order).toEqual([...ids].reverse());
      else expect(order).not.toEqual(ids);
    }
  });

  it("reset forgets files and batches", async () => {
    const emulator = createEmulator({ phases: ZERO_PHASES });
    const client = new OpenAI({
      apiKey: "k",
      baseURL: "http://emulator.local/v1",
      fetch: emulator.fetch,
      maxRetries: 0,
    });
    const batch = await submit(client, [chatLine("a", "x")]);
    emulator.reset();
    await expect(client.batches.retrieve(batch.id)).rejects.toMatchObject({ status: 404 });
    expect((await client.files.list()).data).toEqual([]);
  });
});
