// Prices are data with a date: nothing here asserts a price as today's truth. The tests check
// the arithmetic against what the dataset itself returns (calcPrice), the batch discount applied
// once, tiers switching where the dataset says, and the explicit price used exactly.
import { readFileSync } from "node:fs";
import { calcPrice } from "@pydantic/genai-prices";
import { describe, expect, it } from "vitest";
import type { ProviderId } from "../providers/types.js";
import { BATCH_DISCOUNT } from "./batch-discounts.js";
import { loadModelPricing, type ModelPricing } from "./model-pricing.js";
import { PRICE_DATASET } from "./price-dataset.js";

const MODELS: [ProviderId, string][] = [
  ["openai", "gpt-5-mini"],
  ["anthropic", "claude-sonnet-4-5"],
  ["google", "gemini-2.5-pro"],
];

async function priced(provider: ProviderId, model: string): Promise<ModelPricing> {
  const pricing = await loadModelPricing(provider, model);
  if ("unknownPrice" in pricing) throw new Error(pricing.unknownPrice);
  return pricing;
}

describe("model pricing", () => {
  it("names the installed dataset version (bump the data date with it)", () => {
    const installed = JSON.parse(
      readFileSync(
        new URL("../../node_modules/@pydantic/genai-prices/package.json", import.meta.url),
        "utf8",
      ),
    ) as { version: string };
    expect(PRICE_DATASET.version).toBe(installed.version);
    expect(PRICE_DATASET.dataDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  for (const [provider, model] of MODELS) {
    it(`${provider}/${model}: each request costs the dataset's price times the batch share, once`, async () => {
      const pricing = await priced(provider, model);
      const share = 1 - BATCH_DISCOUNT[provider];
      expect(share).toBeGreaterThan(0);
      for (const [input, output] of [
        [1234, 567],
        [10, 0],
        [150_000, 4096],
        [250_000, 1000],
      ] as const) {
        const list = calcPrice({ input_tokens: input, output_tokens: output }, model, {
          providerId: provider,
        })!;
        const got = pricing.priceRequest(input, output);
        expect(got.input).toBeCloseTo(list.input_price * share, 12);
        expect(got.output).toBeCloseTo(list.output_price * share, 12);
      }
      const used = pricing.describe(0);
      expect(used.batchDiscount).toBe(BATCH_DISCOUNT[provider]);
      expect(used.source).toMatchObject({ kind: "dataset", version: PRICE_DATASET.version });
    });
  }

  it("switches tier above the dataset's tier start, per request", async () => {
    const pricing = await priced("anthropic", "claude-sonnet-4-5");
    const { tiers, inputPerMillion } = pricing.describe(0);
    expect(tiers.length).toBeGreaterThan(0);
    const start = tiers[0]!.above;
    const at = pricing.priceRequest(start, 0);
    const above = pricing.priceRequest(start + 1, 0);
    const share = 1 - BATCH_DISCOUNT.anthropic;
    expect(at.tier).toBe(0);
    expect(at.input).toBeCloseTo((start * inputPerMillion * share) / 1e6, 12);
    expect(above.tier).toBe(1);
    expect(above.input).toBeCloseTo(((start + 1) * tiers[0]!.inputPerMillion * share) / 1e6, 12);
    // The output of a request above the tier start is priced at the tier too.
    expect(pricing.priceRequest(start + 1, 1000).output).toBeCloseTo(
      (1000 * tiers[0]!.outputPerMillion * share) / 1e6,
      12,
    );
  });

  it("uses an explicit price exactly, with no discount, and for a model the dataset lacks", async () => {
    const price = { inputPerMillion: 0.7, outputPerMillion: 2.9 };
    for (const model of ["gpt-5-mini", "my-fine-model"]) {
      const pricing = await loadModelPricing("openai", model, price);
      if ("unknownPrice" in pricing) throw new Error("explicit price ignored");
      expect(pricing.priceRequest(1_000_000, 2_000_000)).toEqual({
        input: 0.7,
        output: 5.8,
        tier: 0,
      });
      expect(pricing.describe(0)).toMatchObject({ batchDiscount: 0, source: { kind: "explicit" } });
    }
  });

  it("says why there is no price, and how to give one", async () => {
    const pricing = await loadModelPricing("google", "gemini-not-a-model");
    expect(pricing).toEqual({
      unknownPrice: expect.stringContaining("price: { inputPerMillion, outputPerMillion }"),
    });
    expect((pricing as { unknownPrice: string }).unknownPrice).toContain(PRICE_DATASET.package);
  });
});
