import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { EmulatedOutcome, EmulatedRequest, Responder } from "../responder/types.js";
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

const SCRIPT: Record<string, EmulatedOutcome | undefined> = {
  ok: {
    type: "success",
    content: { name: "Given", age: 1, email: "g@x.io" },
    usage: { inputTokens: 7, outputTokens: 3 },
  },
  default: undefined,
  text: { type: "text", text: "Sure! Here is the user: John." },
  refusal: { type: "refusal" },
  blocked: { type: "refusal", blockedPrompt: true },
  truncated: { type: "truncated" },
  invalid: { type: "error", status: 400, message: "Invalid JSON schema." },
  limited: { type: "error", status: 429 },
  internal: { type: "error" },
  overloaded: { type: "error", status: 503 },
  named: { type: "error", status: 400, code: "FAILED_PRECONDITION", message: "Not now." },
  expired: { type: "expired" },
  cancelled: { type: "cancelled" },
};

const candidate = (r: any) => r.response?.candidates?.[0];

describe("responders decide each Gemini request's outcome", () => {
  let h: GoogleHarness;
  const seen: EmulatedRequest[] = [];
  const responder: Responder = (request) => {
    seen.push(request);
    if (request.customId === "throws") throw new Error("scripted failure");
    return SCRIPT[request.customId];
  };
  beforeAll(async () => {
    h = await startGoogleHarness({ responder });
  });
  afterAll(() => h.close());

  it("maps every outcome to Gemini's inline result shapes, in input order", async () => {
    const keys = [...Object.keys(SCRIPT), "throws"];
    const src = keys.map((key) =>
      inlined(key, QUICK_START[0]!, {
        schema: USER_SCHEMA,
        system: "Extract the user.",
        maxOutputTokens: 64,
      }),
    );
    const job = await h.ai.batches.create({ model: "gemini-2.5-flash", src });
    const raw = await rawBatch(h, job.name!);
    const results: any[] = raw.metadata.output.inlinedResponses.inlinedResponses;
    expect(raw.response.inlinedResponses.inlinedResponses).toEqual(results);
    expect(results.map((r) => r.metadata.key)).toEqual(keys);
    const by = Object.fromEntries(results.map((r) => [r.metadata.key, r]));

    expect(candidate(by.ok)).toEqual({
      content: { role: "model", parts: [{ text: '{"name":"Given","age":1,"email":"g@x.io"}' }] },
      finishReason: "STOP",
      index: 0,
    });
    // 2.5 Flash thinks by default: its thoughts are counted apart and in the total.
    expect(by.ok.response.usageMetadata).toMatchObject({
      promptTokenCount: 7,
      candidatesTokenCount: 3,
      thoughtsTokenCount: 76,
      totalTokenCount: 86,
    });
    expect(by.ok.response.modelVersion).toBe("gemini-2.5-flash");
    expect(by.ok.response.responseId).toMatch(/^[\w-]{23}$/);
    const answer = JSON.parse(candidate(by.default).content.parts[0].text);
    expect(
      z.fromJSONSchema(USER_SCHEMA as z.core.JSONSchema.JSONSchema).safeParse(answer).success,
    ).toBe(true);
    expect(answer).toEqual({ name: "John Doe", age: 25, email: "john@example.com" });
    expect(candidate(by.text).content.parts[0].text).toBe("Sure! Here is the user: John.");

    expect(candidate(by.refusal).finishReason).toBe("SAFETY");
    expect(candidate(by.refusal).content).toBeUndefined();
    expect(candidate(by.refusal).safetyRatings).toContainEqual(
      expect.objectContaining({ blocked: true, probability: "HIGH" }),
    );
    expect(by.blocked.response.candidates).toBeUndefined();
    expect(by.blocked.response.promptFeedback.blockReason).toBe("SAFETY");

    expect(candidate(by.truncated).finishReason).toBe("MAX_TOKENS");
    expect(() => JSON.parse(candidate(by.truncated).content.parts[0].text)).toThrow();
    expect(by.truncated.response.usageMetadata.candidatesTokenCount).toBe(64);

    expect(by.invalid.error).toEqual({ code: 3, message: "Invalid JSON schema." });
    expect(by.limited.error).toEqual({
      code: 8,
      message: "Resource has been exhausted (e.g. check quota).",
    });
    expect(by.internal.error).toEqual({ code: 13, message: "An internal error has occurred." });
    expect(by.overloaded.error.code).toBe(14);
    expect(by.named.error).toEqual({ code: 9, message: "Not now." });
    expect(by.expired.error.code).toBe(4);
    expect(by.cancelled.error.code).toBe(1);
    expect(by.throws.error).toEqual({
      code: 13,
      message: "The emulator's responder threw: scripted failure",
    });
    const successes = ["ok", "default", "text", "refusal", "blocked", "truncated"].length;
    expect(raw.metadata.batchStats).toEqual({
      requestCount: String(keys.length),
      successfulRequestCount: String(successes),
      failedRequestCount: String(keys.length - successes),
    });

    const sdk = await h.ai.batches.get({ name: job.name! });
    // The SDK hands inline responses over as plain objects (no `.text` getter).
    expect(sdk.dest!.inlinedResponses![0]!.response!.candidates![0]!.content!.parts![0]!.text).toBe(
      '{"name":"Given","age":1,"email":"g@x.io"}',
    );
    expect(sdk.dest!.inlinedResponses!.find((r) => r.metadata?.key === "invalid")!.error).toEqual({
      code: 3,
      message: "Invalid JSON schema.",
    });
  });

  it("hands the responder the request flattened: system first, model turns as assistant", async () => {
    seen.length = 0;
    const src = [
      {
        contents: [
          { role: "user", parts: [{ text: "Hello" }] },
          { role: "model", parts: [{ text: "Hi!" }, { text: "How can I help?" }] },
          { role: "user", parts: [{ text: "Bob Wilson (28) - bob.wilson@email.com" }] },
        ],
        metadata: { key: "default" },
        config: {
          systemInstruction: "Extract the user.",
          responseMimeType: "application/json",
          responseSchema: {
            type: "OBJECT",
            properties: {
              name: { type: "STRING" },
              tags: { type: "ARRAY", items: { type: "STRING" } },
            },
          },
        },
      },
    ];
    await h.ai.batches.create({ model: "gemini-2.5-flash", src } as never);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      provider: "google",
      customId: "default",
      index: 0,
      model: "gemini-2.5-flash",
      messages: [
        { role: "system", text: "Extract the user." },
        { role: "user", text: "Hello" },
        { role: "assistant", text: "Hi!\nHow can I help?" },
        { role: "user", text: "Bob Wilson (28) - bob.wilson@email.com" },
      ],
      jsonSchema: {
        type: "object",
        properties: {
          name: { type: "string" },
          tags: { type: "array", items: { type: "string" } },
        },
      },
    });
    expect(seen[0]!.body.generationConfig).toMatchObject({ responseMimeType: "application/json" });
  });

  it("writes file results as JSONL, echoing each line's own fields, in the shuffle order", async () => {
    const shuffled = await startGoogleHarness({ responder, shuffle: true });
    try {
      const lines = ["ok", "invalid", "refusal"].map((key) => ({
        ...fileLine(key, QUICK_START[1]!, { schema: USER_SCHEMA }),
        source: `row-${key}`,
      }));
      const fileName = await uploadJsonl(shuffled.ai, lines);
      const job = await shuffled.ai.batches.create({ model: "gemini-2.5-flash", src: fileName });
      const raw = await rawBatch(shuffled, job.name!);
      const text = await (
        await shuffled.rest(`/v1beta/${raw.metadata.output.responsesFile}:download?alt=media`)
      ).text();
      expect(text.endsWith("\n")).toBe(true);
      expect(
        text
          .trimEnd()
          .split("\n")
          .every((l) => l.length > 0),
      ).toBe(true);
      const results = await downloadLines(shuffled, raw.metadata.output.responsesFile);
      expect(results.map((r) => r.key)).toEqual(["refusal", "invalid", "ok"]);
      expect(results[1]).toEqual({
        error: { code: 3, message: "Invalid JSON schema." },
        key: "invalid",
        source: "row-invalid",
      });
      expect(Object.keys(results[2])).toEqual(["response", "key", "source"]);
    } finally {
      await shuffled.close();
    }
  });
});
