import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { dataUrl, IMAGES } from "../../messages/test-support/images.js";
import type { GenerationParams, PreparedOutputSchema } from "../types.js";
import { buildOpenAILineEncoder } from "./build-openai-line-encoder.js";
import { buildResponsesLineEncoder } from "./build-responses-line-encoder.js";

const output: PreparedOutputSchema<unknown> = {
  schema: {
    name: "user",
    description: "A person",
    jsonSchema: {},
    validate: (v) => ({ success: true, value: v }),
  },
  wireSchema: {
    type: "object",
    properties: { name: { type: "string" } },
    required: ["name"],
    additionalProperties: false,
  },
  normalize: (v) => v,
};

function issue(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    const first = (error as InvalidArgumentError).issues[0]!;
    return { code: first.code, path: first.path, message: first.message };
  }
  throw new Error("expected an InvalidArgumentError");
}

const responses = (model: string, params: GenerationParams, warn?: (m: string) => void) =>
  buildResponsesLineEncoder(model, output, params, warn);

describe("buildResponsesLineEncoder", () => {
  it("writes a /v1/responses line: input items, text.format strict, max_output_tokens, reasoning", () => {
    const encode = responses("gpt-5-mini", {
      maxTokens: 300,
      reasoning: { effort: "low" },
      providerOptions: { openai: { service_tier: "flex" } },
    });
    const png = dataUrl("image/png", IMAGES.png);
    const line = encode("r-1", [
      { role: "system", content: 'Extract.\n"quoted"' },
      {
        role: "user",
        content: [
          { type: "text", text: "Who?" },
          { type: "image_url", image_url: { url: png, detail: "low" } },
        ],
      },
      { role: "assistant", content: [{ type: "text", text: '{"name":"A"}' }] },
      { role: "user", content: "Zoë 😀" },
    ]);
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({
      custom_id: "r-1",
      method: "POST",
      url: "/v1/responses",
      body: {
        model: "gpt-5-mini",
        input: [
          { role: "system", content: 'Extract.\n"quoted"' },
          {
            role: "user",
            content: [
              { type: "input_text", text: "Who?" },
              { type: "input_image", image_url: png, detail: "low" },
            ],
          },
          { role: "assistant", content: '{"name":"A"}' },
          { role: "user", content: "Zoë 😀" },
        ],
        max_output_tokens: 300,
        reasoning: { effort: "low" },
        service_tier: "flex",
        text: {
          format: {
            type: "json_schema",
            name: "user",
            description: "A person",
            schema: output.wireSchema,
            strict: true,
          },
        },
      },
    });
    expect(line).toBe(JSON.stringify(JSON.parse(line)));
  });

  it("maps reasoning to reasoning_effort on chat completions, and keeps the tested sampling rules", () => {
    const chat = JSON.parse(
      buildOpenAILineEncoder("o4-mini", output, { reasoning: { effort: "high" }, temperature: 1 })(
        "x",
        [{ role: "user", content: "hi" }],
      ),
    ).body;
    expect(chat).toMatchObject({ reasoning_effort: "high", temperature: 1 });
  });

  it("refuses what the Responses API has no field for, or the library owns", () => {
    expect(issue(() => responses("gpt-4o-mini", { stop: ["END"] }))).toMatchObject({
      code: "unsupported_parameter",
      path: ["stop"],
    });
    expect(
      issue(() => responses("gpt-4o-mini", { providerOptions: { openai: { input: "x" } } })),
    ).toMatchObject({ code: "reserved_parameter", path: ["providerOptions", "openai", "input"] });
    expect(
      issue(() => responses("gpt-4o-mini", { providerOptions: { openai: { max_tokens: 5 } } }))
        .message,
    ).toContain("use maxTokens, which is sent as max_output_tokens");
    const warnings: string[] = [];
    const body = JSON.parse(
      responses("gpt-4o-mini", { seed: 7, temperature: 0.2 }, (m) => warnings.push(m))("x", [
        { role: "user", content: "hi", name: "ann" },
      ]),
    ).body;
    expect(body).not.toHaveProperty("seed");
    expect(body.temperature).toBe(0.2);
    expect(body.input).toEqual([{ role: "user", content: "hi" }]);
    expect(warnings).toEqual([
      "seed is not sent: the OpenAI Responses API has no seed parameter.",
      "Message names are not sent: the OpenAI Responses API has no name on input messages.",
    ]);
  });

  it("sends a Responses-only model there and refuses it on chat, naming the option", () => {
    expect(() => responses("gpt-5-pro", { reasoning: { effort: "high" } })).not.toThrow();
    expect(issue(() => buildOpenAILineEncoder("gpt-5-pro", output, {}))).toMatchObject({
      code: "unsupported_endpoint",
      path: ["model"],
    });
    expect(issue(() => buildOpenAILineEncoder("codex-mini-latest", output, {})).message).toContain(
      '{ openai: { endpoint: "/v1/responses" } }',
    );
    expect(issue(() => responses("o1-mini", {})).message).toContain("not served on the Responses");
  });

  it("refuses max_tokens to a reasoning model on chat, and effort where the model takes none", () => {
    expect(
      issue(() =>
        buildOpenAILineEncoder("gpt-5-mini", output, {
          providerOptions: { openai: { max_tokens: 100 } },
        }),
      ),
    ).toEqual({
      code: "unsupported_parameter",
      path: ["providerOptions", "openai", "max_tokens"],
      message:
        "gpt-5-mini (GPT-5 (gpt-5, gpt-5-mini, gpt-5-nano)) refuses max_tokens: use maxTokens, which is sent as max_completion_tokens",
    });
    // A model that is not reasoning still takes max_tokens, as the API does.
    expect(() =>
      buildOpenAILineEncoder("gpt-4o-mini", output, {
        providerOptions: { openai: { max_tokens: 100 } },
      }),
    ).not.toThrow();
    expect(
      issue(() => buildOpenAILineEncoder("gpt-4.1", output, { reasoning: { effort: "low" } })).path,
    ).toEqual(["reasoning"]);
    expect(issue(() => responses("my-model", { reasoning: { budgetTokens: 1000 } })).path).toEqual([
      "reasoning",
      "budgetTokens",
    ]);
    expect(issue(() => responses("gpt-4o", { maxTokens: 16_385 })).code).toBe(
      "max_tokens_above_model_limit",
    );
  });
});
