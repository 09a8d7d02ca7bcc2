// Gemini's model rules end to end over real HTTP on 127.0.0.1: what the library refuses before
// sending, what it sends for `reasoning`, and what a batch that bypassed the library (the
// official SDK, or providerOptions.google) gets back per request, read into BatchResult.
import { GoogleGenAI, ThinkingLevel } from "@google/genai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DemoUser } from "../src/cli/demo.js";
import { BatchProcessor, InvalidArgumentError, resultsByCustomId } from "../src/index.js";
import { conversation, runToResults, useScriptedServer } from "./support/end-to-end.js";

const { server, recordBodies } = useScriptedServer();
const options = () => ({ apiKey: "test-key", baseURL: server.url });
const processor = (model: string) => new BatchProcessor(`google/${model}`, DemoUser, options());
const TEXT = "John Doe is 25 years old and his email is john@example.com";

describe("Gemini thinking and output limits, library and emulator", () => {
  it("sends reasoning as thinkingConfig and reads thoughts into usage.reasoningTokens", async () => {
    const bodies = recordBodies();
    const { results } = await runToResults(processor("gemini-2.5-flash"), [TEXT], {
      maxTokens: 2000,
      reasoning: { budgetTokens: 1024 },
    });
    expect((bodies[0] as any).generationConfig.thinkingConfig).toEqual({ thinkingBudget: 1024 });
    const [result] = results;
    expect(result?.success).toBe(true);
    const usage = result!.usage!;
    const raw = (result!.raw as any).response.usageMetadata;
    expect(usage.reasoningTokens).toBe(raw.thoughtsTokenCount);
    expect(usage.reasoningTokens).toBeGreaterThan(0);
    expect(usage.reasoningTokens).toBeLessThanOrEqual(1024);
    expect(usage.outputTokens).toBe(raw.candidatesTokenCount + raw.thoughtsTokenCount);
    expect(usage.totalTokens).toBe(usage.inputTokens + usage.outputTokens);

    const off = await runToResults(processor("gemini-2.5-flash"), [TEXT], {
      reasoning: { budgetTokens: 0 },
    });
    expect(off.results[0]?.usage).not.toHaveProperty("reasoningTokens");

    const level = recordBodies();
    await runToResults(processor("gemini-3-flash-preview"), [TEXT], {
      reasoning: { effort: "medium" },
    });
    expect((level[0] as any).generationConfig.thinkingConfig).toEqual({ thinkingLevel: "MEDIUM" });
  });

  it("refuses before sending what the model would refuse, naming the limit", async () => {
    const refused = async (model: string, params: Record<string, unknown>) => {
      const error = await processor(model)
        .createBatchFromMessages([conversation(TEXT)], params)
        .catch((e) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      return error.message as string;
    };
    expect(await refused("gemini-2.5-pro", { maxTokens: 70_000 })).toContain(
      "at most 65536 output tokens",
    );
    expect(await refused("gemini-2.5-pro", { reasoning: { budgetTokens: 0 } })).toContain(
      "cannot turn thinking off",
    );
    expect(await refused("gemini-2.0-flash", { reasoning: { budgetTokens: 512 } })).toContain(
      "not a reasoning model",
    );
  });

  it("a batch that bypassed the library gets the API's errors per request, as provider_error", async () => {
    // The official SDK, straight to the emulator: nothing checked on the way.
    const ai = new GoogleGenAI({
      apiKey: "test-key",
      httpOptions: { baseUrl: server.url, apiVersion: "v1beta" },
    });
    const request = (key: string, config: Record<string, unknown>) => ({
      contents: [{ role: "user", parts: [{ text: TEXT }] }],
      metadata: { key },
      config: {
        responseMimeType: "application/json",
        responseJsonSchema: z.toJSONSchema(DemoUser),
        ...config,
      },
    });
    const job = await ai.batches.create({
      model: "gemini-2.5-pro",
      src: [
        request("ok", { thinkingConfig: { thinkingBudget: 256 } }),
        request("off", { thinkingConfig: { thinkingBudget: 0 } }),
        request("level", { thinkingConfig: { thinkingLevel: ThinkingLevel.HIGH } }),
        request("long", { maxOutputTokens: 100_000 }),
      ],
    });
    const reader = processor("gemini-2.5-pro");
    await reader.waitForCompletion(job.name!, { pollIntervalMs: 5 });
    const by = resultsByCustomId(await reader.getResults(job.name!));
    expect(by.get("ok")).toMatchObject({ success: true, result: { name: "John Doe", age: 25 } });
    expect(by.get("off")).toMatchObject({
      success: false,
      errorType: "provider_error",
      errorCode: "INVALID_ARGUMENT",
      errorMessage: "Budget 0 is invalid. This model only works in thinking mode.",
    });
    expect(by.get("level")).toMatchObject({
      errorType: "provider_error",
      errorMessage: "Thinking level is not supported for this model.",
    });
    expect(by.get("long")).toMatchObject({
      errorType: "provider_error",
      errorMessage: expect.stringContaining("maxOutputTokens value of 100000"),
    });

    // providerOptions.google is sent as given: the emulator, like the API, refuses it per line.
    const { results } = await runToResults(processor("gemini-2.5-pro"), [TEXT], {
      providerOptions: { google: { thinkingConfig: { thinkingBudget: 40_000 } } },
    });
    expect(results[0]).toMatchObject({
      success: false,
      errorType: "provider_error",
      errorMessage: "The thinking budget (40000) is invalid.",
    });
  });
});
