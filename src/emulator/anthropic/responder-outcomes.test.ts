import type Anthropic from "@anthropic-ai/sdk";
import { transformJSONSchema } from "@anthropic-ai/sdk/lib/transform-json-schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { EmulatedOutcome, EmulatedRequest, Responder } from "../responder/types.js";
import {
  type AnthropicHarness,
  item,
  QUICK_START,
  readResults,
  startAnthropicHarness,
} from "./test-support/anthropic-harness.js";

const User = z.object({
  name: z.string(),
  age: z.int(),
  email: z.string(),
  nickname: z.string().optional(),
});
const USER_SCHEMA = z.toJSONSchema(User) as Record<string, unknown>;
// What the official SDK's jsonSchemaOutputFormat sends for it: output_config.format takes a
// JSON-schema subset (Zod's integer bounds are moved into the description).
const NATIVE_SCHEMA = transformJSONSchema(USER_SCHEMA);

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
  invalid: { type: "error", status: 400, message: "tools.0.input_schema: bad schema" },
  server: { type: "error" },
  overloaded: { type: "error", status: 529 },
  limited: { type: "error", status: 429 },
  billing: { type: "error", status: 402, errorType: "billing_error", message: "No credit." },
  throws: undefined,
  expired: { type: "expired" },
  cancelled: { type: "cancelled" },
};

type Row = Anthropic.Messages.MessageBatchIndividualResponse;
const byId = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.custom_id, r.result])) as any;

describe("responders decide each Anthropic request's outcome", () => {
  let h: AnthropicHarness;
  const seen: EmulatedRequest[] = [];
  const responder: Responder = async (request) => {
    seen.push(request);
    if (request.customId === "throws") throw new Error("scripted failure");
    return SCRIPT[request.customId];
  };
  beforeAll(async () => {
    h = await startAnthropicHarness({ responder });
  });
  afterAll(() => h.close());

  it("maps every outcome type onto forced tool use", async () => {
    const ids = Object.keys(SCRIPT);
    const batch = await h.client.messages.batches.create({
      requests: ids.map((id) => item(id, QUICK_START[0]!, { tool: USER_SCHEMA })),
    });
    expect(batch.request_counts).toEqual({
      processing: 0,
      succeeded: 6,
      errored: 6,
      canceled: 1,
      expired: 1,
    });
    const r = byId(await readResults(h.client, batch.id));

    expect(r.ok.message.content).toEqual([
      {
        type: "tool_use",
        id: expect.stringMatching(/^toolu_01/),
        name: "User",
        input: { name: "Given", age: 1, email: "g@x.io" },
      },
    ]);
    expect(r.ok.message.stop_reason).toBe("tool_use");
    expect(r.ok.message.usage).toEqual({ input_tokens: 7, output_tokens: 3 });
    expect(r.raw.message.content).toEqual([{ type: "text", text: '{"name":"Raw"' }]);
    expect(r.raw.message.stop_reason).toBe("end_turn");
    expect(User.parse(r.default.message.content[0].input)).toEqual({
      name: "John Doe",
      age: 25,
      email: "john@example.com",
    });
    expect(r.text.message.content).toEqual([
      { type: "text", text: "Sure! Here is the user: John." },
    ]);
    expect(r.refusal.message).toMatchObject({
      stop_reason: "refusal",
      content: [{ type: "text", text: "I can't help with that." }],
    });
    expect(r.truncated.message).toMatchObject({
      stop_reason: "max_tokens",
      content: [{ type: "tool_use", name: "User", input: {} }],
      usage: { output_tokens: 150 },
    });

    const error = (id: string) => r[id].error;
    expect(r.invalid.type).toBe("errored");
    expect(error("invalid")).toEqual({
      type: "error",
      error: { type: "invalid_request_error", message: "tools.0.input_schema: bad schema" },
      request_id: expect.stringMatching(/^req_011C/),
    });
    expect(error("server").error).toEqual({ type: "api_error", message: "Internal server error" });
    expect(error("overloaded").error).toEqual({ type: "overloaded_error", message: "Overloaded" });
    expect(error("limited").error.type).toBe("rate_limit_error");
    expect(error("billing").error).toEqual({ type: "billing_error", message: "No credit." });
    expect(error("throws").error).toEqual({
      type: "api_error",
      message: "The emulator's responder threw: scripted failure",
    });
    expect(r.expired).toEqual({ type: "expired" });
    expect(r.cancelled).toEqual({ type: "canceled" });
  });

  it("hands the responder the request flattened, with the schema of either form", async () => {
    seen.length = 0;
    const system = [{ type: "text", text: "Extract the user." }];
    await h.client.messages.batches.create({
      requests: [
        item("default", QUICK_START[1]!, { tool: USER_SCHEMA, extra: { system } }),
        item("ok", QUICK_START[2]!, { outputSchema: NATIVE_SCHEMA, system: "Be brief." }),
      ],
    });
    const [tool, native] = seen;
    expect(tool).toMatchObject({
      provider: "anthropic",
      customId: "default",
      index: 0,
      model: "claude-opus-5",
      messages: [
        { role: "system", text: "Extract the user." },
        { role: "user", text: QUICK_START[1] },
      ],
      jsonSchema: USER_SCHEMA,
    });
    expect(tool!.body.tool_choice).toEqual({ type: "tool", name: "User" });
    expect(native).toMatchObject({
      index: 1,
      messages: [
        { role: "system", text: "Be brief." },
        { role: "user", text: QUICK_START[2] },
      ],
      jsonSchema: NATIVE_SCHEMA,
    });
  });

  it("rejects params the declared version refuses as errored rows, without asking the responder", async () => {
    seen.length = 0;
    const batch = await h.client.messages.batches.create({
      requests: [
        item("default", "hi", { extra: { temperature: 0.1 } }),
        item("ok", "hi", { extra: { top_k: 5 } }),
      ],
    });
    expect(batch.request_counts.errored).toBe(2);
    expect(seen).toEqual([]);
    const r = byId(await readResults(h.client, batch.id));
    expect(r.default.error.error).toEqual({
      type: "invalid_request_error",
      message: "temperature: Extra inputs are not permitted",
    });
    expect(r.ok.error.error.message).toContain("top_k");
  });
});

describe("the default responder over HTTP", () => {
  let h: AnthropicHarness;
  beforeAll(async () => {
    h = await startAnthropicHarness();
  });
  afterAll(() => h.close());

  it("gets the quick-start users right through tool use and output_config alike", async () => {
    const batch = await h.client.messages.batches.create({
      requests: QUICK_START.flatMap((text, i) => [
        item(`tool-${i}`, text, { tool: USER_SCHEMA, system: "Extract the user." }),
        item(`json-${i}`, text, { outputSchema: NATIVE_SCHEMA, system: "Extract the user." }),
      ]),
    });
    const r = byId(await readResults(h.client, batch.id));
    const expected = [
      { name: "John Doe", age: 25, email: "john@example.com" },
      { name: "Jane Smith", age: 30, email: "jane.smith@company.com" },
      { name: "Bob Wilson", age: 28, email: "bob.wilson@email.com" },
    ];
    expected.forEach((user, i) => {
      const tool = r[`tool-${i}`].message;
      expect(tool.stop_reason).toBe("tool_use");
      expect(User.parse(tool.content[0].input)).toEqual(user);
      expect(tool.content[0].input).not.toHaveProperty("nickname");
      const json = r[`json-${i}`].message;
      expect(json.stop_reason).toBe("end_turn");
      expect(json.content[0].type).toBe("text");
      expect(User.parse(JSON.parse(json.content[0].text))).toEqual(user);
    });
  });

  it("answers plain requests with text and truncates JSON answers to a cut-off text", async () => {
    const truncating = await startAnthropicHarness({ responder: () => ({ type: "truncated" }) });
    try {
      const batch = await truncating.client.messages.batches.create({
        requests: [item("json", QUICK_START[0]!, { outputSchema: NATIVE_SCHEMA })],
      });
      const [row] = await readResults(truncating.client, batch.id);
      const message = (row!.result as Anthropic.Messages.MessageBatchSucceededResult).message;
      expect(message.stop_reason).toBe("max_tokens");
      const text = (message.content[0] as Anthropic.Messages.TextBlock).text;
      expect(() => JSON.parse(text)).toThrow();
    } finally {
      await truncating.close();
    }
    const plain = await h.client.messages.batches.create({ requests: [item("p", "What is 2+2?")] });
    const [row] = await readResults(h.client, plain.id);
    expect(row!.result).toMatchObject({
      type: "succeeded",
      message: {
        content: [{ type: "text", text: "This is an emulated answer to: What is 2+2?" }],
        stop_reason: "end_turn",
      },
    });
  });
});
