// The parameters each provider refuses beyond the neutral ranges, checked when the batch is
// built (nothing is built, written or sent), on the provider that has the rule only.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { GenerationParams } from "../providers/types.js";
import { BatchProcessor } from "./batch-processor.js";

const User = z.object({ name: z.string() });
const conversations = [[{ role: "user" as const, content: "Ann" }]];
const MODELS = {
  openai: "openai/gpt-4o-mini",
  anthropic: "anthropic/claude-haiku-4-5",
  google: "google/gemini-2.5-flash",
} as const;

async function outcome(provider: keyof typeof MODELS, params: GenerationParams) {
  const processor = new BatchProcessor(MODELS[provider], User);
  try {
    await processor.createBatchFromMessages(conversations, params);
    return "built";
  } catch (error) {
    const e = error as { name: string; issues?: { code: string; path: unknown[] }[] };
    return { name: e.name, issues: e.issues?.map((i) => ({ code: i.code, path: i.path })) };
  }
}

const refused = (...path: unknown[]) => ({
  name: "InvalidArgumentError",
  issues: [{ code: "invalid_parameter", path }],
});

describe("per-provider parameter rules", () => {
  it("OpenAI takes at most 4 stop sequences; the others more", async () => {
    const stop = ["a", "b", "c", "d", "e"];
    expect(await outcome("openai", { stop })).toEqual(refused("stop"));
    expect(await outcome("openai", { stop: stop.slice(0, 4) })).toBe("built");
    expect(await outcome("anthropic", { stop })).toBe("built");
    expect(await outcome("google", { stop })).toBe("built");
  });

  it("Gemini takes at most 5 stop sequences", async () => {
    expect(await outcome("google", { stop: ["a", "b", "c", "d", "e", "f"] })).toEqual(
      refused("stop"),
    );
  });

  it("Anthropic refuses a stop sequence of only whitespace; the others take it", async () => {
    expect(await outcome("anthropic", { stop: ["END", "\n"] })).toEqual(refused("stop", 1));
    expect(await outcome("anthropic", { stop: " " })).toEqual(refused("stop"));
    expect(await outcome("openai", { stop: ["\n"] })).toBe("built");
    expect(await outcome("google", { stop: ["\n"] })).toBe("built");
  });

  it("Gemini's seed and maxOutputTokens are int32; OpenAI takes a larger seed", async () => {
    expect(await outcome("google", { seed: 2 ** 31 })).toEqual(refused("seed"));
    expect(await outcome("google", { seed: -(2 ** 31) - 1 })).toEqual(refused("seed"));
    expect(await outcome("google", { maxTokens: 2 ** 31 })).toEqual(refused("maxTokens"));
    // maxTokens is also held to the model's ceiling (65,536 on gemini-2.5-flash): see
    // src/providers/google/gemini-model-rules.test.ts.
    expect(await outcome("google", { seed: 2 ** 31 - 1, maxTokens: 65_536 })).toBe("built");
    expect(await outcome("openai", { seed: 2 ** 40 })).toBe("built");
  });

  it("Anthropic's max_tokens through providerOptions must be a positive integer", async () => {
    for (const bad of [0, 1.5, "100", null]) {
      expect(
        await outcome("anthropic", { providerOptions: { anthropic: { max_tokens: bad } } }),
      ).toEqual(refused("providerOptions", "anthropic", "max_tokens"));
    }
    expect(await outcome("anthropic", { providerOptions: { anthropic: { max_tokens: 64 } } })).toBe(
      "built",
    );
  });

  it("Anthropic's sampling fields through providerOptions are within Anthropic's ranges", async () => {
    for (const [key, bad] of [
      ["temperature", 1.5],
      ["temperature", -0.1],
      ["top_p", 2],
      ["top_k", 2.5],
      ["top_k", "5"],
    ] as const) {
      expect(
        await outcome("anthropic", { providerOptions: { anthropic: { [key]: bad } } }),
      ).toEqual(refused("providerOptions", "anthropic", key));
    }
    expect(
      await outcome("anthropic", {
        providerOptions: { anthropic: { temperature: 1, top_p: 0.9, top_k: 40 } },
      }),
    ).toBe("built");
  });

  it("OpenAI reasoning models: sampling parameters they refuse are left out, with a warning", async () => {
    const body = async (model: string, params: GenerationParams) => {
      const buffer = await new BatchProcessor(model, User).createBatchFromMessages(
        conversations,
        params,
      );
      return { body: JSON.parse([...buffer.lines()][0]!).body, warnings: buffer.warnings };
    };
    const sampling = { temperature: 0.1, topP: 0.5, presencePenalty: 0.2, frequencyPenalty: 0.3 };
    for (const model of [
      "openai/o4-mini",
      "openai/o1",
      "openai/gpt-5-mini",
      "openai/ft:o4-mini:org::x1",
    ]) {
      const { body: sent, warnings } = await body(model, { ...sampling, maxTokens: 50 });
      expect(sent).not.toHaveProperty("temperature");
      expect(sent).not.toHaveProperty("top_p");
      expect(sent).not.toHaveProperty("presence_penalty");
      expect(sent).not.toHaveProperty("frequency_penalty");
      expect(sent.max_completion_tokens).toBe(50);
      expect(warnings).toHaveLength(4);
      expect(warnings[0]).toContain("providerOptions: { openai: { temperature: 0.1 } }");
    }
    for (const model of ["openai/gpt-4o-mini", "openai/gpt-5-chat-latest"]) {
      const { body: sent, warnings } = await body(model, sampling);
      expect(sent).toMatchObject({ temperature: 0.1, top_p: 0.5 });
      expect(warnings).toEqual([]);
    }
    // The default value is taken, and providerOptions sends a value anyway.
    expect((await body("openai/o3", { temperature: 1 })).body.temperature).toBe(1);
    const forced = await body("openai/o3", {
      temperature: 0.2,
      providerOptions: { openai: { temperature: 0.2 } },
    });
    expect(forced.body.temperature).toBe(0.2);
    expect(forced.warnings).toEqual([]);
  });
});
