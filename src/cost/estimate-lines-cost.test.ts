// The estimate's arithmetic, from lines each provider's encoder writes: tokens counted the way
// the result says, costs equal to tokens x the dataset's price x the batch share, per request.
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { expectLinear } from "../../test/support/linear-growth.js";
import { countPdfPages } from "../messages/count-pdf-pages.js";
import { makePdf } from "../messages/test-support/pdf.js";
import type { Conversation } from "../messages/types.js";
import { BatchProcessor } from "../processor/batch-processor.js";
import { BATCH_DISCOUNT } from "./batch-discounts.js";
import { estimateLinesCost } from "./estimate-lines-cost.js";
import { FILE_TOKENS } from "./file-token-rules.js";
import { estimateCost } from "./lazy-cost.js";
import { loadModelPricing } from "./model-pricing.js";

const Person = z.object({ name: z.string(), age: z.number() });
const conv = (text: string): Conversation => [
  { role: "system", content: "Extract the person." },
  { role: "user", content: text },
];
const processor = (model: string) => new BatchProcessor(model, Person, { apiKey: "test" });

/** A PDF's text with `pages` page objects and the page tree, base64. */
const pdf = (pages: number) =>
  btoa(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count ${pages} >> endobj\n${Array.from({ length: pages }, (_, i) => `${3 + i} 0 obj << /Type /Page /Parent 2 0 R >> endobj\n`).join("")}%%EOF`,
  );

describe("estimateLinesCost", () => {
  it("OpenAI: counts the texts with o200k_base, plus framing and the schema once per request", async () => {
    const p = processor("openai/gpt-5-mini");
    const texts = ["Ann Lee is 40", "Bob, aged 31, lives in Oslo <|endoftext|>"];
    const buffer = await p.createBatchFromMessages(texts.map(conv), { maxTokens: 300 });
    const e = await estimateCost(buffer);
    const body = JSON.parse([...buffer.lines()][0]!).body;
    const schema = countTokens(JSON.stringify(body.response_format), {
      disallowedSpecial: new Set(),
    });
    const text = (t: string) => countTokens(t, { disallowedSpecial: new Set() });
    const expected = texts.reduce(
      (sum, t) => sum + text("Extract the person.") + text(t) + 2 * 3 + 3 + schema,
      0,
    );
    expect(e.schemaTokensPerRequest).toBe(schema);
    expect(e.inputTokens).toBe(expected);
    expect(e.tokenCounting).toMatch(/^exact: o200k_base \(gpt-tokenizer\)/);
    expect(e.maxOutputTokens).toEqual({ perRequest: 300, total: 600, source: "request limit" });
    const pricing = await loadModelPricing("openai", "gpt-5-mini");
    if ("unknownPrice" in pricing) throw new Error(pricing.unknownPrice);
    const { inputPerMillion, outputPerMillion } = pricing.describe(0);
    const share = 1 - BATCH_DISCOUNT.openai;
    expect(e.cost?.input).toBeCloseTo((expected * inputPerMillion * share) / 1e6, 12);
    expect(e.cost?.output).toBeCloseTo((600 * outputPerMillion * share) / 1e6, 12);
    expect(e.cost?.total).toBeCloseTo(e.cost!.input + e.cost!.output, 12);
    expect(e.cost).toMatchObject({ atMost: true, currency: "USD" });
  });

  it("Anthropic and Gemini: approximated from UTF-8 bytes, labelled so; Anthropic's default max_tokens bounds the output", async () => {
    for (const [model, perToken] of [
      ["anthropic/claude-sonnet-4-5", 3.5],
      ["google/gemini-2.5-flash", 4],
    ] as const) {
      const p = processor(model);
      const e1 = await p.estimateCost([conv("a".repeat(7000))], { maxTokens: 100 });
      const e2 = await p.estimateCost([conv("é".repeat(7000))], { maxTokens: 100 });
      expect(e1.tokenCounting).toMatch(/^approximate: UTF-8 bytes/);
      // 7,000 more bytes of text (é is 2 bytes) is 7,000 / perToken more tokens.
      expect(e2.inputTokens - e1.inputTokens).toBe(
        Math.ceil(14000 / perToken) - Math.ceil(7000 / perToken),
      );
    }
    const e = await processor("anthropic/claude-sonnet-4-5").estimateCost([conv("x")]);
    expect(e.maxOutputTokens).toEqual({ perRequest: 4096, total: 4096, source: "request limit" });
  });

  it("prices each request at its own tier (never on totals)", async () => {
    const p = processor("anthropic/claude-sonnet-4-5");
    const pricing = await loadModelPricing("anthropic", "claude-sonnet-4-5");
    if ("unknownPrice" in pricing) throw new Error(pricing.unknownPrice);
    const start = pricing.describe(0).tiers[0]!.above;
    // One request just over the tier start (bytes / 3.5 tokens), one small.
    const big = "a".repeat(Math.ceil((start + 10) * 3.5));
    const e = await p.estimateCost([conv(big), conv("small")], { maxTokens: 10 });
    expect(e.cost?.prices.requestsInHigherTier).toBe(1);
    const small = await p.estimateCost([conv("small")], { maxTokens: 10 });
    const bigOnly = await p.estimateCost([conv(big)], { maxTokens: 10 });
    expect(e.cost!.total).toBeCloseTo(small.cost!.total + bigOnly.cost!.total, 12);
    // On totals the small one would have been lifted into the tier as well.
    expect(e.cost!.input).toBeLessThan(pricing.priceRequest(e.inputTokens, 0).input);
  });

  it("counts images and PDF pages by the stated rule, on every provider", async () => {
    const png = "data:image/png;base64,iVBORw0KGgo=";
    const withFiles: Conversation = [
      {
        role: "user",
        content: [
          { type: "text", text: "Read these" },
          { type: "image_url", image_url: { url: png } },
          { type: "image_url", image_url: { url: "https://example.com/a.jpg" } },
        ],
      },
    ];
    for (const provider of ["openai", "anthropic", "google"] as const) {
      const model = {
        openai: "openai/gpt-4o-mini",
        anthropic: "anthropic/claude-haiku-4-5",
        google: "google/gemini-2.5-flash",
      }[provider];
      const p = processor(model);
      const plain = await p.estimateCost([
        [{ role: "user", content: [{ type: "text", text: "Read these" }] }],
      ]);
      const e = await p.estimateCost([withFiles]);
      expect(e.files).toMatchObject({
        images: 2,
        pdfs: 0,
        tokens: 2 * FILE_TOKENS[provider].image,
      });
      expect(e.files.counting).toMatch(/^approximate: /);
      expect(e.inputTokens - plain.inputTokens).toBe(2 * FILE_TOKENS[provider].image);
    }
    // PDFs on the wire of each provider (the shapes the adapters write for documents).
    const data = pdf(3);
    const lines = {
      openai: {
        body: {
          messages: [
            {
              role: "user",
              content: [
                {
                  type: "file",
                  file: { filename: "a.pdf", file_data: `data:application/pdf;base64,${data}` },
                },
              ],
            },
          ],
          max_tokens: 5,
        },
      },
      anthropic: {
        params: {
          max_tokens: 5,
          messages: [
            {
              role: "user",
              content: [
                {
                  type: "document",
                  source: { type: "base64", media_type: "application/pdf", data },
                },
              ],
            },
          ],
        },
      },
      google: {
        request: {
          contents: [
            { role: "user", parts: [{ inlineData: { mimeType: "application/pdf", data } }] },
          ],
          generationConfig: { maxOutputTokens: 5 },
        },
      },
    };
    for (const provider of ["openai", "anthropic", "google"] as const) {
      const e = await estimateLinesCost(
        provider,
        "any",
        [JSON.stringify(lines[provider])],
        {},
        () => undefined,
      );
      expect(e.files).toMatchObject({
        pdfs: 1,
        pdfPages: 3,
        tokens: 3 * FILE_TOKENS[provider].pdfPage,
      });
    }
  });

  it("counts file parts (images and PDFs) as each adapter sends them, on every provider", async () => {
    const pdfData = makePdf("Ann Lee is 40");
    const withFiles: Conversation = [
      {
        role: "user",
        content: [
          { type: "text", text: "Read these" },
          { type: "file", url: `data:application/pdf;base64,${pdfData}`, filename: "a.pdf" },
          { type: "file", url: "data:image/png;base64,iVBORw0KGgo=" },
        ],
      },
    ];
    for (const provider of ["openai", "anthropic", "google"] as const) {
      const model = {
        openai: "openai/gpt-4o-mini",
        anthropic: "anthropic/claude-haiku-4-5",
        google: "google/gemini-2.5-flash",
      }[provider];
      const e = await processor(model).estimateCost([withFiles], { maxTokens: 10 });
      expect(e.files).toMatchObject({
        images: 1,
        pdfs: 1,
        pdfPages: countPdfPages(pdfData),
        tokens:
          FILE_TOKENS[provider].image + countPdfPages(pdfData) * FILE_TOKENS[provider].pdfPage,
      });
    }
  });

  it("counts PDF pages once across the slices it decodes, and at least 1", () => {
    expect(countPdfPages(pdf(5))).toBe(5);
    expect(countPdfPages(btoa("%PDF-1.7 compressed objects only"))).toBe(1);
    // A page marker straddling the 1 MiB slice boundary (786,432 decoded bytes per slice).
    const slice = ((1 << 20) / 4) * 3;
    for (const shift of [3, 6, 10, 14]) {
      const head = " ".repeat(slice - shift);
      const text = `${head}/Type /Page /x\n${" ".repeat(100)}/Type /Pages\n/Type /Page>>`;
      expect(countPdfPages(btoa(text))).toBe(2);
    }
  });

  it("a model without a price: says why, and how to give one; the explicit price is used exactly", async () => {
    const p = processor("openai/my-fine-model");
    const e = await p.estimateCost([conv("x")], { maxTokens: 10 });
    expect(e.cost).toBeUndefined();
    expect(e.unknownPrice).toContain("price: { inputPerMillion, outputPerMillion }");
    const priced = await p.estimateCost([conv("x")], {
      maxTokens: 10,
      price: { inputPerMillion: 1, outputPerMillion: 2 },
    });
    expect(priced.cost?.input).toBeCloseTo(e.inputTokens / 1e6, 15);
    expect(priced.cost?.output).toBeCloseTo(20 / 1e6, 15);
    expect(priced.cost?.prices).toMatchObject({ batchDiscount: 0, source: { kind: "explicit" } });
  });

  it("estimates conversations, the built buffer and streamed parts alike", async () => {
    const p = new BatchProcessor("openai/gpt-5-mini", Person, {
      apiKey: "test",
      limits: { maxRequests: 3 },
    });
    const list = Array.from({ length: 10 }, (_, i) => conv(`Person ${i} is ${20 + i}`));
    const fromList = await p.estimateCost(list, { maxTokens: 50 });
    const fromBuffer = await p.estimateCost(
      await p.createBatchFromMessages(list, { maxTokens: 50 }),
    );
    const fromParts = await p.estimateCost(
      await p.createBatchFromMessages(list, { maxTokens: 50, stream: true }),
    );
    expect(fromBuffer).toEqual(fromList);
    expect(fromParts).toEqual(fromList);
    const generator = function* () {
      yield* list;
    };
    expect(await p.estimateCost(generator(), { maxTokens: 50 })).toEqual(fromList);
    const parts = await p.createBatchFromMessages(list, { maxTokens: 50, stream: true });
    const collected = [];
    for await (const part of parts) collected.push(part);
    expect(
      await p.estimateCost(
        (function* () {
          yield* collected;
        })(),
      ),
    ).toEqual(fromList);
    expect(fromList.requests).toBe(10);
  });

  it("grows linearly with the input (1x vs 8x)", async () => {
    const p = processor("openai/gpt-5-mini");
    const text = "Ann Lee, 40, lives at 12 Elm Street and works as an engineer. ".repeat(4);
    await expectLinear(
      async (n) =>
        p.estimateCost(
          Array.from({ length: n }, (_, i) => conv(`${text}${i}`)),
          { maxTokens: 50 },
        ),
      { start: 200, factor: 8, maxSmall: 20_000 },
    );
  });
});
