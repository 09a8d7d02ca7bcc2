// Cost before and after, through BatchProcessor against the emulator over real HTTP on
// 127.0.0.1, on every provider: maxCost refuses a batch before any request reaches the
// emulator (its request log stays empty); results.summary.cost is the usage each result
// reports, priced per request at the dataset's price (asked of the dataset itself here).
import { calcPrice } from "@pydantic/genai-prices";
import { beforeEach, describe, expect, it } from "vitest";
import { DemoUser } from "../src/cli/demo.js";
import { BATCH_DISCOUNT } from "../src/cost/batch-discounts.js";
import type { RequestLogEntry } from "../src/emulator/index.js";
import {
  BatchProcessor,
  type BatchProcessorOptions,
  CostLimitExceededError,
  estimateCost,
  PartialSubmitError,
} from "../src/index.js";
import { conversation, useScriptedServer } from "./support/end-to-end.js";

const log: RequestLogEntry[] = [];
const { server } = useScriptedServer({ onRequest: (entry) => log.push(entry) });
beforeEach(() => {
  log.length = 0;
});

const MODELS = {
  openai: "gpt-5-mini",
  anthropic: "claude-haiku-4-5",
  google: "gemini-2.5-flash",
  mistral: "mistral-small-latest",
} as const;
type Provider = keyof typeof MODELS;
/** A model no provider's price list has (the dataset matches by prefix, so not `claude-...-x`). */
const UNPRICED = "acme-extractor-1";

const processor = (provider: Provider, options: BatchProcessorOptions = {}) =>
  new BatchProcessor(`${provider}/${MODELS[provider]}`, DemoUser, {
    apiKey: "test-key",
    baseURL: baseURLOf(provider),
    ...options,
  });

const texts = Array.from(
  { length: 12 },
  (_, i) => `Ada Lovelace${i} is ${20 + i}, ada${i}@example.com`,
);

/** The emulator serves OpenAI under /v1 and Mistral under /mistral; the others at its root. */
const baseURLOf = (provider: Provider) =>
  provider === "openai"
    ? server.baseURL
    : provider === "mistral"
      ? `${server.url}/mistral`
      : server.url;

describe.each(["openai", "anthropic", "google", "mistral"] as const)("cost on %s", (provider) => {
  it("maxCost under the estimate: refused with the figures, nothing reaches the emulator", async () => {
    const estimate = await processor(provider).estimateCost(texts.map(conversation), {
      maxTokens: 400,
    });
    const total = estimate.cost!.total;
    expect(total).toBeGreaterThan(0);
    const p = processor(provider, { maxCost: total * 0.99 });
    const buffer = await p.createBatchFromMessages(texts.map(conversation), { maxTokens: 400 });
    const error = await p.submitBatch(buffer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CostLimitExceededError);
    const refused = error as CostLimitExceededError;
    expect(refused.code).toBe("cost_limit_exceeded");
    expect(refused.issues[0]).toMatchObject({ code: "cost_limit_exceeded", limit: total * 0.99 });
    expect(refused.issues[0]!.estimate).toBeCloseTo(total, 12);
    expect(refused.message).toContain("nothing was sent");
    expect(log).toEqual([]);
    // The same batch under a limit above its estimate goes through.
    const id = await processor(provider, { maxCost: total * 1.01 }).submitBatch(buffer);
    expect(id).toBeTruthy();
    expect(log.length).toBeGreaterThan(0);
  });

  it("maxCost on a model without a price: refused until a price is given", async () => {
    const model = UNPRICED;
    const make = (options: BatchProcessorOptions) =>
      new BatchProcessor(`${provider}/${model}`, DemoUser, {
        apiKey: "test-key",
        baseURL: baseURLOf(provider),
        ...options,
      });
    const p = make({ maxCost: 100 });
    const buffer = await p.createBatchFromMessages(texts.map(conversation), { maxTokens: 100 });
    const error = await p.submitBatch(buffer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CostLimitExceededError);
    expect((error as CostLimitExceededError).issues[0]).toMatchObject({
      code: "cost_unknown",
      limit: 100,
    });
    expect((error as Error).message).toContain("price: { inputPerMillion, outputPerMillion }");
    expect(log).toEqual([]);
    // With a price, the estimate is exact arithmetic on it: refused when over, sent when under.
    const price = { inputPerMillion: 1, outputPerMillion: 1 };
    const estimate = await estimateCost(buffer, { price });
    expect(estimate.cost!.total).toBeCloseTo((estimate.inputTokens + 12 * 100) / 1e6, 15);
    await expect(
      make({ maxCost: estimate.cost!.total / 2, price }).submitBatch(buffer),
    ).rejects.toThrow(CostLimitExceededError);
    expect(log).toEqual([]);
  });

  it("streamed parts: the part that would go over is refused, the ones before it were sent", async () => {
    const one = await processor(provider).estimateCost([conversation(texts[0]!)], {
      maxTokens: 400,
    });
    // Room for a little more than 4 requests of this size: parts of 4, so the second is refused.
    const p = processor(provider, { maxCost: one.cost!.total * 4.5, limits: { maxRequests: 4 } });
    const parts = await p.createBatchFromMessages(texts.map(conversation), {
      maxTokens: 400,
      stream: true,
    });
    const error = await p.submitBatch(parts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialSubmitError);
    expect((error as PartialSubmitError).cause).toBeInstanceOf(CostLimitExceededError);
    expect((error as PartialSubmitError).submittedRequests).toBe(4);
  });

  it("results.summary.cost: the usage of each result at the dataset's batch price", async () => {
    const p = processor(provider);
    const buffer = await p.createBatchFromMessages(texts.map(conversation), { maxTokens: 400 });
    const id = await p.submitBatch(buffer);
    await p.waitForCompletion(id, { pollIntervalMs: 5 });
    const results = await p.getResults(id);
    const cost = results.summary.cost!;
    expect(cost).toMatchObject({ currency: "USD", atMost: false });
    let input = 0;
    let output = 0;
    for (const r of results) {
      expect(r.usage).toBeDefined();
      const list = calcPrice(
        { input_tokens: r.usage!.inputTokens, output_tokens: r.usage!.outputTokens },
        MODELS[provider],
        { providerId: provider },
      )!;
      input += list.input_price * (1 - BATCH_DISCOUNT[provider]);
      output += list.output_price * (1 - BATCH_DISCOUNT[provider]);
    }
    expect(input).toBeGreaterThan(0);
    expect(cost.input).toBeCloseTo(input, 12);
    expect(cost.output).toBeCloseTo(output, 12);
    expect(cost.total).toBeCloseTo(input + output, 12);
    // The estimate bounds what came back: output at the limit, input counted before sending.
    const estimate = await p.estimateCost(buffer);
    expect(estimate.cost!.output).toBeGreaterThanOrEqual(cost.output);
    // Not enumerable: the results still serialise as a plain list.
    expect(Object.keys(results)).not.toContain("summary");
  });

  it("results.summary.cost is undefined with the reason when the model has no price", async () => {
    const model = UNPRICED;
    const p = new BatchProcessor(`${provider}/${model}`, DemoUser, {
      apiKey: "test-key",
      baseURL: baseURLOf(provider),
    });
    const id = await p.submitBatch(
      await p.createBatchFromMessages(texts.slice(0, 2).map(conversation), { maxTokens: 100 }),
    );
    await p.waitForCompletion(id, { pollIntervalMs: 5 });
    const results = await p.getResults(id);
    expect(results.summary.cost).toBeUndefined();
    expect(results.summary.unknownPrice).toContain(model);
  });
});
