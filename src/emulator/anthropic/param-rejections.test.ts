// A user who bypasses the library (the official SDK creating the batch itself) gets, per
// request, what the real API answers for the model asked for: an errored result with the real
// envelope. The library then reads those results into its taxonomy.
import { transformJSONSchema } from "@anthropic-ai/sdk/lib/transform-json-schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchProcessor, resultsByCustomId } from "../../index.js";
import {
  type AnthropicHarness,
  item,
  QUICK_START,
  readResults,
  startAnthropicHarness,
  USER_SCHEMA,
} from "./test-support/anthropic-harness.js";

const HAIKU = "claude-haiku-4-5";
const thinking = (budget: number) => ({ thinking: { type: "enabled", budget_tokens: budget } });
const ZOD_SCHEMA = z.toJSONSchema(z.object({ name: z.string(), age: z.int() })) as Record<
  string,
  unknown
>;
const RECURSIVE = {
  type: "object",
  properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#" } } },
  additionalProperties: false,
};

// custom id -> [params, the message the real API answers with]
const REJECTED: Record<string, [Parameters<typeof item>[2], string]> = {
  ceiling: [
    { model: HAIKU, tool: USER_SCHEMA, extra: { max_tokens: 100_000 } },
    "max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-haiku-4-5",
  ],
  forced: [
    { model: HAIKU, tool: USER_SCHEMA, extra: { max_tokens: 4000, ...thinking(2048) } },
    "Thinking may not be enabled when tool_choice forces tool use.",
  ],
  low: [
    { model: HAIKU, outputSchema: USER_SCHEMA, extra: { max_tokens: 4000, ...thinking(512) } },
    "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024",
  ],
  budget: [
    { model: HAIKU, outputSchema: USER_SCHEMA, extra: { max_tokens: 2048, ...thinking(2048) } },
    "`max_tokens` must be greater than `thinking.budget_tokens`.",
  ],
  nostructured: [
    { model: "claude-sonnet-4-20250514", outputSchema: USER_SCHEMA },
    "output_config.format: claude-sonnet-4-20250514 does not support structured outputs",
  ],
  bounds: [
    { model: HAIKU, outputSchema: ZOD_SCHEMA },
    "output_config.format.schema.properties.age: For 'integer' type, property 'minimum' is not supported",
  ],
  recursive: [
    { model: HAIKU, outputSchema: RECURSIVE },
    "output_config.format.schema: Recursive schemas are not supported",
  ],
  record: [
    {
      model: HAIKU,
      outputSchema: { type: "object", additionalProperties: { type: "string" } },
    },
    "output_config.format.schema: For 'object' type, 'additionalProperties' must be explicitly set to false",
  ],
  nothinking: [
    { model: "claude-3-5-haiku-20241022", extra: thinking(2048) },
    "thinking: claude-3-5-haiku-20241022 does not support extended thinking",
  ],
  alwaysthinks: [
    { model: "claude-opus-5-5", tool: USER_SCHEMA },
    "tool_choice: claude-opus-5-5 does not support forced tool use",
  ],
  sampling: [
    { model: HAIKU, tool: USER_SCHEMA, extra: { temperature: 0.2 } },
    "temperature: Extra inputs are not permitted",
  ],
};

describe("the emulator refuses what the API refuses for the model", () => {
  let h: AnthropicHarness;
  let batchId: string;
  beforeAll(async () => {
    h = await startAnthropicHarness();
    const batch = await h.client.messages.batches.create({
      requests: [
        ...Object.entries(REJECTED).map(([id, [options]]) => item(id, QUICK_START[0]!, options)),
        // Accepted: a model the catalog does not know, thinking with output_config, and the
        // official SDK's own transform of the Zod schema.
        item("unknown", QUICK_START[0]!, {
          model: "claude-opus-9",
          extra: { max_tokens: 500_000 },
        }),
        item("native", QUICK_START[0]!, {
          model: HAIKU,
          outputSchema: transformJSONSchema(ZOD_SCHEMA),
          extra: { max_tokens: 4000, ...thinking(2048) },
        }),
      ],
    });
    batchId = batch.id;
  });
  afterAll(() => h.close());

  it("answers each as an errored result in the real envelope, the others as succeeded", async () => {
    const rows = Object.fromEntries(
      (await readResults(h.client, batchId)).map((r) => [r.custom_id, r.result]),
    ) as Record<string, any>;
    for (const [id, [, message]] of Object.entries(REJECTED)) {
      expect(rows[id].type, id).toBe("errored");
      expect(rows[id].error.type).toBe("error");
      expect(rows[id].error.error.type, id).toBe("invalid_request_error");
      expect(rows[id].error.error.message, id).toContain(message);
      expect(rows[id].error.request_id).toMatch(/^req_011C/);
    }
    expect(rows.unknown.type).toBe("succeeded");
    expect(rows.native.type).toBe("succeeded");
  });

  it("thinks before a native answer: a signed thinking block, counted in output_tokens", async () => {
    const [row] = (await readResults(h.client, batchId)).filter((r) => r.custom_id === "native");
    const message = (row!.result as any).message;
    expect(message.content.map((b: { type: string }) => b.type)).toEqual(["thinking", "text"]);
    expect(message.content[0].thinking).not.toBe("");
    expect(message.content[0].signature).toMatch(/^Eq[A-Za-z0-9]{86}==$/);
    expect(JSON.parse(message.content[1].text)).toEqual({ name: "John Doe", age: 25 });
    const { output_tokens: output, output_tokens_details: details } = message.usage;
    expect(details.thinking_tokens).toBeGreaterThan(0);
    expect(output).toBe(details.thinking_tokens + Math.ceil(message.content[1].text.length / 4));
  });

  it("reads through the library as provider errors with Anthropic's type and status", async () => {
    const processor = new BatchProcessor(`anthropic/${HAIKU}`, z.object({ name: z.string() }), {
      apiKey: "test-key",
      baseURL: h.server.url,
    });
    const results = resultsByCustomId(await processor.getResults(batchId));
    for (const [id, [, message]] of Object.entries(REJECTED)) {
      expect(results.get(id), id).toMatchObject({
        success: false,
        errorType: "provider_error",
        errorCode: "invalid_request_error",
        statusCode: 400,
        errorMessage: expect.stringContaining(message),
      });
    }
    expect(results.get("native")).toMatchObject({
      success: true,
      result: { name: "John Doe" },
      usage: { reasoningTokens: expect.any(Number) },
    });
  });
});
