import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { InvalidMessagesError } from "../../errors/invalid-messages-error.js";
import { dataUrl, IMAGES } from "../../messages/test-support/images.js";
import { resolveSchema } from "../../schema/resolve-schema.js";
import { buildMistralLineEncoder } from "./build-mistral-line-encoder.js";
import { prepareMistralSchema } from "./prepare-mistral-schema.js";

const User = z.object({
  name: z.string(),
  email: z.email(),
  born: z.iso.date().optional(),
  format: z.string(),
});
const output = prepareMistralSchema(resolveSchema(User));

describe("prepareMistralSchema", () => {
  it("drops the keywords Mistral refuses (format, $schema, $id), keeping a property named format", () => {
    const text = JSON.stringify(output.wireSchema);
    expect(text).not.toContain('"format":"');
    expect(text).not.toContain("$schema");
    expect(output.wireSchema).toMatchObject({
      type: "object",
      additionalProperties: false,
      required: ["name", "email", "born", "format"],
      properties: { format: { type: "string" } },
    });
  });

  it("keeps OpenAI-strict normalisation: an optional field sent as null comes back absent", () => {
    expect(output.normalize({ name: "A", email: "a@b.c", born: null, format: "x" })).toEqual({
      name: "A",
      email: "a@b.c",
      format: "x",
    });
  });

  it("refuses at construction what strict decoding cannot express (a root that is not an object)", () => {
    expect(() => prepareMistralSchema(resolveSchema(z.array(z.string())))).toThrow(/root/);
  });
});

describe("buildMistralLineEncoder", () => {
  it("writes Mistral's line: custom_id and body, Mistral's wire names, no model in the body", () => {
    const warnings: string[] = [];
    const encode = buildMistralLineEncoder(
      "mistral-small-latest",
      output,
      { maxTokens: 150, temperature: 0.1, seed: 7, topP: 0.9, stop: ["\n\n"] },
      (w) => warnings.push(w),
    );
    const line = encode("request-0", [
      { role: "system", content: 'Extract.\n"quoted" \u2028' },
      { role: "user", content: "Zoë 😀" },
    ]);
    const parsed = JSON.parse(line);
    expect(line).toBe(JSON.stringify(parsed));
    expect(parsed).toEqual({
      custom_id: "request-0",
      body: {
        messages: [
          { role: "system", content: 'Extract.\n"quoted" \u2028' },
          { role: "user", content: "Zoë 😀" },
        ],
        max_tokens: 150,
        temperature: 0.1,
        top_p: 0.9,
        random_seed: 7,
        stop: ["\n\n"],
        response_format: {
          type: "json_schema",
          json_schema: { name: output.schema.name, schema: output.wireSchema, strict: true },
        },
      },
    });
    expect(warnings).toEqual([]);
  });

  it("sends images as image_url and PDFs as document_url parts", () => {
    const encode = buildMistralLineEncoder("mistral-small-latest", output, {});
    const png = dataUrl("image/png", IMAGES.png);
    const pdf = "data:application/pdf;base64,JVBERi0xLjQK";
    const line = JSON.parse(
      encode("r", [
        {
          role: "user",
          content: [
            { type: "text", text: "Read these." },
            { type: "file", url: png },
            { type: "file", url: pdf },
          ],
        },
      ]),
    );
    expect(line.body.messages[0].content).toEqual([
      { type: "text", text: "Read these." },
      { type: "image_url", image_url: { url: png } },
      { type: "document_url", document_url: pdf },
    ]);
  });

  it("refuses, naming the request, more images than Mistral takes in one request", () => {
    const encode = buildMistralLineEncoder("mistral-small-latest", output, {});
    const png = dataUrl("image/png", IMAGES.png);
    const nine = Array.from({ length: 9 }, () => ({ type: "file" as const, url: png }));
    expect(() => encode("many", [{ role: "user", content: nine }])).toThrow(InvalidMessagesError);
  });

  it("refuses fields the library owns in providerOptions, and a reasoning budget", () => {
    expect(() =>
      buildMistralLineEncoder("mistral-small-latest", output, {
        providerOptions: { mistral: { response_format: { type: "text" } } },
      }),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      buildMistralLineEncoder("some-future-model", output, { reasoning: { budgetTokens: 1024 } }),
    ).toThrow(/reasoning effort/);
    // A catalog model that is not a reasoning model refuses any reasoning setting.
    expect(() =>
      buildMistralLineEncoder("mistral-small-latest", output, { reasoning: { effort: "high" } }),
    ).toThrow(/not a reasoning model/);
  });

  it("passes Mistral's own fields through providerOptions.mistral", () => {
    const encode = buildMistralLineEncoder("magistral-medium-2509", output, {
      providerOptions: { mistral: { prompt_mode: "reasoning", safe_prompt: true } },
    });
    const { body } = JSON.parse(encode("r", [{ role: "user", content: "x" }]));
    expect(body).toMatchObject({ prompt_mode: "reasoning", safe_prompt: true });
  });
});
