import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchProcessor } from "../../processor/batch-processor.js";
import {
  type OpenAIHarness,
  readJsonl,
  STRICT_USER_SCHEMA,
  startOpenAIHarness,
  submit,
} from "../test-support/openai-harness.js";
import { modelParamRejection } from "./model-param-check.js";

const CHAT = "/v1/chat/completions";
const RESPONSES = "/v1/responses";
const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });

const chatBody = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: "user", content: "Ann, 31, ann@example.com" }],
  response_format: {
    type: "json_schema",
    json_schema: { name: "user", schema: STRICT_USER_SCHEMA, strict: true },
  },
  ...extra,
});

describe("modelParamRejection", () => {
  it("names the parameter, the value and the only value a reasoning model takes", () => {
    expect(modelParamRejection(chatBody("o3", { temperature: 0.1 }), CHAT)).toEqual({
      message:
        "Unsupported value: 'temperature' does not support 0.1 with this model. Only the default (1) value is supported.",
      param: "temperature",
      code: "unsupported_value",
    });
    expect(
      modelParamRejection(chatBody("gpt-5-mini", { presence_penalty: 0.5 }), CHAT),
    ).toMatchObject({ param: "presence_penalty", code: "unsupported_value" });
    expect(
      modelParamRejection(chatBody("gpt-5-mini", { frequency_penalty: 0.2 }), CHAT)?.message,
    ).toContain("Only the default (0) value");
    // The defaults themselves are taken, and so is anything on a model that is not reasoning.
    expect(
      modelParamRejection(chatBody("o4-mini", { temperature: 1, top_p: 1 }), CHAT),
    ).toBeUndefined();
    expect(
      modelParamRejection(chatBody("gpt-4o-mini", { temperature: 0.1 }), CHAT),
    ).toBeUndefined();
    expect(
      modelParamRejection({ model: "gpt-5-nano", input: "x", top_p: 0.5 }, RESPONSES),
    ).toMatchObject({ param: "top_p", code: "unsupported_value" });
  });

  it("refuses max_tokens on a reasoning model, and output limits above the model's ceiling", () => {
    expect(modelParamRejection(chatBody("gpt-5-mini", { max_tokens: 100 }), CHAT)).toEqual({
      message:
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      param: "max_tokens",
      code: "unsupported_parameter",
    });
    expect(modelParamRejection(chatBody("gpt-4o-mini", { max_tokens: 100 }), CHAT)).toBeUndefined();
    expect(
      modelParamRejection(chatBody("gpt-4o-mini", { max_completion_tokens: 20_000 }), CHAT),
    ).toEqual({
      message:
        "max_completion_tokens is too large: 20000. This model supports at most 16384 completion tokens, whereas you provided 20000.",
      param: "max_completion_tokens",
      code: "invalid_value",
    });
    expect(
      modelParamRejection({ model: "o3", input: "x", max_output_tokens: 100_001 }, RESPONSES),
    ).toMatchObject({ param: "max_output_tokens", code: "invalid_value" });
    expect(
      modelParamRejection(chatBody("gpt-4o-mini", { max_completion_tokens: 16_384 }), CHAT),
    ).toBeUndefined();
  });

  it("refuses a reasoning effort on a model that does not reason, or one it does not take", () => {
    expect(modelParamRejection(chatBody("gpt-4o-mini", { reasoning_effort: "low" }), CHAT)).toEqual(
      {
        message: "Unsupported parameter: 'reasoning_effort' is not supported with this model.",
        param: "reasoning_effort",
        code: "unsupported_parameter",
      },
    );
    expect(
      modelParamRejection(
        { model: "gpt-4.1", input: "x", reasoning: { effort: "low" } },
        RESPONSES,
      ),
    ).toMatchObject({ param: "reasoning.effort", code: "unsupported_parameter" });
    expect(
      modelParamRejection(chatBody("o3", { reasoning_effort: "minimal" }), CHAT)?.message,
    ).toBe(
      "Unsupported value: 'reasoning_effort' does not support 'minimal' with this model. Supported values are: 'low', 'medium', and 'high'.",
    );
    expect(
      modelParamRejection(chatBody("gpt-5-mini", { reasoning_effort: "minimal" }), CHAT),
    ).toBeUndefined();
  });

  it("refuses a Responses-only model on chat completions; unknown models pass", () => {
    expect(modelParamRejection(chatBody("gpt-5-pro"), CHAT)).toEqual({
      message: "This model is only supported in v1/responses and not in v1/chat/completions.",
      param: "model",
      code: null,
    });
    expect(modelParamRejection({ model: "gpt-5-pro", input: "x" }, RESPONSES)).toBeUndefined();
    expect(
      modelParamRejection(chatBody("my-finetune-9", { temperature: 0.1, max_tokens: 9e9 }), CHAT),
    ).toBeUndefined();
  });
});

describe("over HTTP, with the official SDK and through the library", () => {
  let h: OpenAIHarness;
  let asked = 0;
  beforeAll(async () => {
    h = await startOpenAIHarness({
      responder: () => {
        asked++;
        return undefined;
      },
    });
  });
  afterAll(() => h.close());

  const line = (customId: string, body: Record<string, unknown>, url = CHAT) => ({
    custom_id: customId,
    method: "POST",
    url,
    body,
  });

  it("a JSONL uploaded with the SDK: each refused request is a 400 line, the rest run", async () => {
    asked = 0;
    const batch = await submit(h.client, [
      line("temperature", chatBody("gpt-5-mini", { temperature: 0.1 })),
      line("max-tokens", chatBody("gpt-5-mini", { max_tokens: 200 })),
      line("too-long", chatBody("gpt-5-mini", { max_completion_tokens: 200_000 })),
      line("fine", chatBody("gpt-5-mini", { max_completion_tokens: 200 })),
    ]);
    const done = await h.client.batches.retrieve(batch.id);
    expect(done.request_counts).toEqual({ total: 4, completed: 1, failed: 3 });
    expect(asked).toBe(1);
    const errors = await readJsonl(h.client, done.error_file_id);
    const byId = Object.fromEntries(errors.map((e) => [e.custom_id, e]));
    expect(byId.temperature).toMatchObject({
      error: null,
      response: {
        status_code: 400,
        body: {
          error: {
            type: "invalid_request_error",
            param: "temperature",
            code: "unsupported_value",
            message:
              "Unsupported value: 'temperature' does not support 0.1 with this model. Only the default (1) value is supported.",
          },
        },
      },
    });
    expect(byId["max-tokens"].response.body.error.code).toBe("unsupported_parameter");
    expect(byId["too-long"].response.body.error).toMatchObject({
      code: "invalid_value",
      param: "max_completion_tokens",
    });

    // The same batch read through the library: errors in the BatchResult taxonomy.
    const processor = new BatchProcessor("openai/gpt-5-mini", User, {
      apiKey: "k",
      baseURL: `${h.server.url}/v1`,
    });
    const results = await processor.getResults(batch.id);
    const failed = Object.fromEntries(
      results.filter((r) => !r.success).map((r) => [r.customId, r]),
    );
    expect(failed.temperature).toMatchObject({
      errorType: "provider_error",
      errorCode: "unsupported_value",
      statusCode: 400,
    });
    expect(failed["max-tokens"]).toMatchObject({ errorCode: "unsupported_parameter" });
    expect(results.find((r) => r.customId === "fine")?.success).toBe(true);
  });

  it("a Responses-only model on chat fails per line; on /v1/responses it runs", async () => {
    const onChat = await submit(h.client, [line("pro", chatBody("gpt-5-pro"))]);
    const chatDone = await h.client.batches.retrieve(onChat.id);
    const [error] = await readJsonl(h.client, chatDone.error_file_id);
    expect(error.response.body.error).toMatchObject({ param: "model", code: null });
    const onResponses = await submit(
      h.client,
      [line("pro", { model: "gpt-5-pro", input: "Ann, 31" }, RESPONSES)],
      RESPONSES,
    );
    const done = await h.client.batches.retrieve(onResponses.id);
    expect(done.request_counts).toEqual({ total: 1, completed: 1, failed: 0 });
  });

  it("a value forced through providerOptions reaches the emulator and fails as in production", async () => {
    const processor = new BatchProcessor("openai/o3", User, {
      apiKey: "k",
      baseURL: `${h.server.url}/v1`,
    });
    const buffer = await processor.createBatchFromMessages(
      [[{ role: "user", content: "Ann, 31, ann@example.com" }]],
      { temperature: 0.2, providerOptions: { openai: { temperature: 0.2 } } },
    );
    expect(buffer.warnings).toEqual([]);
    const id = await processor.submitBatch(buffer);
    await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    const [result] = await processor.getResults(id);
    expect(result).toMatchObject({
      success: false,
      errorType: "provider_error",
      errorCode: "unsupported_value",
      statusCode: 400,
    });
    expect(result?.success === false && result.errorMessage).toContain(
      "'temperature' does not support 0.2",
    );
  });
});
