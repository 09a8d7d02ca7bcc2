// The OpenAI Responses API as a batch endpoint, against the emulator over real HTTP, the official
// SDK reading what was sent and written. (Every common scenario also runs on /v1/responses in
// test/conformance.)
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { DemoUser } from "../src/cli/demo.js";
import { BatchProcessor, type BatchProcessorOptions } from "../src/index.js";
import { conversation, runToResults, useScriptedServer } from "./support/end-to-end.js";

const { server, runOutcomes } = useScriptedServer();
const RESPONSES: BatchProcessorOptions = { openai: { endpoint: "/v1/responses" } };
const make = (model: string, options: BatchProcessorOptions = RESPONSES) =>
  new BatchProcessor(`openai/${model}`, DemoUser, {
    apiKey: "test-key",
    baseURL: server.baseURL,
    ...options,
  });
const sdk = () => new OpenAI({ apiKey: "k", baseURL: server.baseURL, maxRetries: 0 });

async function fileLines(fileId: string | null | undefined) {
  if (!fileId) return [];
  const text = await (await sdk().files.content(fileId)).text();
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe("OpenAI Responses API batches on the emulator", () => {
  it("sends text.format strict to /v1/responses and reads answers with reasoning tokens", async () => {
    const processor = make("gpt-5-mini");
    const { id, results } = await runToResults(processor, ["Ann Lee is 40, ann@x.io"], {
      maxTokens: 2000,
      reasoning: { effort: "low" },
    });
    expect(results[0]).toMatchObject({
      success: true,
      result: { name: "Ann Lee", age: 40, email: "ann@x.io" },
      // The emulator bills 32 thinking tokens at effort "low" (see reasoning-usage.ts).
      usage: { reasoningTokens: 32 },
    });
    const batch = await sdk().batches.retrieve(id);
    expect(batch.endpoint).toBe("/v1/responses");
    const [input] = await fileLines(batch.input_file_id);
    expect(input).toMatchObject({
      url: "/v1/responses",
      body: {
        model: "gpt-5-mini",
        input: [{ role: "user", content: "Ann Lee is 40, ann@x.io" }],
        max_output_tokens: 2000,
        reasoning: { effort: "low" },
        text: { format: { type: "json_schema", strict: true, name: "response" } },
      },
    });
    const [line] = await fileLines(batch.output_file_id);
    const body = line.response.body;
    expect(body).toMatchObject({
      object: "response",
      status: "completed",
      incomplete_details: null,
      reasoning: { effort: "low" },
      usage: { output_tokens_details: { reasoning_tokens: 32 } },
    });
    expect(body.id).toMatch(/^resp_/);
    expect(body.output.map((item: { type: string }) => item.type)).toEqual([
      "reasoning",
      "message",
    ]);
    expect(body.output[1].content[0].type).toBe("output_text");
    expect(body.usage.output_tokens).toBe(results[0]!.usage!.outputTokens);
    expect(batch.usage?.output_tokens_details.reasoning_tokens).toBe(32);
  });

  it("maps refusals and truncation (incomplete_details) into the same error types as chat", async () => {
    for (const options of [RESPONSES, {}]) {
      const byId = await runOutcomes(
        make("gpt-4o-mini", options),
        {
          refused: { type: "refusal", message: "I can't help with that." },
          cut: { type: "truncated" },
          fine: { type: "success" },
        },
        { maxTokens: 100 },
      );
      expect(byId.get("refused")).toMatchObject({
        success: false,
        errorType: "refusal",
        errorMessage: "I can't help with that.",
      });
      expect(byId.get("cut")).toMatchObject({ success: false, errorType: "truncated" });
      expect(byId.get("fine")?.success).toBe(true);
    }
    const processor = make("gpt-4o-mini");
    const byId = await runOutcomes(processor, { cut: { type: "truncated" } });
    const raw = byId.get("cut")?.raw as { response: { body: Record<string, unknown> } };
    expect(raw.response.body).toMatchObject({
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
      output: [{ type: "message", status: "incomplete" }],
    });
  });

  it("a batch built for /v1/responses is submitted there by any processor, and read by any", async () => {
    const built = await make("gpt-4o-mini").createBatchFromMessages([
      conversation("Bob Wilson, 28, bob@email.com"),
    ]);
    const chat = make("gpt-4o-mini", {});
    const id = await chat.submitBatch(built);
    await chat.waitForCompletion(id, { pollIntervalMs: 5 });
    expect((await sdk().batches.retrieve(id)).endpoint).toBe("/v1/responses");
    const [result] = await chat.getResults(id);
    expect(result).toMatchObject({ success: true, result: { name: "Bob Wilson", age: 28 } });
  });

  it("refuses a Responses-only model on chat before anything is sent, naming the option", async () => {
    let threw: unknown;
    try {
      await make("gpt-5-pro", {}).createBatchFromMessages([conversation("x")]);
    } catch (error) {
      threw = error;
    }
    expect(threw).toMatchObject({
      name: "InvalidArgumentError",
      issues: [{ code: "unsupported_endpoint", path: ["model"] }],
    });
    expect(String((threw as Error).message)).toContain('openai: { endpoint: "/v1/responses" }');
    const { results } = await runToResults(make("gpt-5-pro"), ["Jane Smith, 30, jane@co.com"]);
    expect(results[0]?.success).toBe(true);
  });
});
