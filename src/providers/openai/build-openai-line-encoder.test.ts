import { describe, expect, it } from "vitest";
import { formatIssuePath, InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { InvalidMessagesError } from "../../errors/invalid-messages-error.js";
import { dataUrl, IMAGES } from "../../messages/test-support/images.js";
import type { PreparedOutputSchema } from "../types.js";
import { buildOpenAILineEncoder } from "./build-openai-line-encoder.js";

const output: PreparedOutputSchema<unknown> = {
  schema: {
    name: "user",
    description: undefined,
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

describe("buildOpenAILineEncoder", () => {
  it("writes exactly the line JSON.stringify of the whole request gives", () => {
    const encode = buildOpenAILineEncoder("gpt-4o-mini", output, {
      maxTokens: 150,
      temperature: 0.1,
      providerOptions: { openai: { service_tier: "flex" } },
    });
    const messages = [
      { role: "system" as const, content: 'Extract.\nLine two \u2028 "quoted"' },
      { role: "user" as const, content: "Zoë 😀" },
    ];
    const line = encode("request-0", messages);
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({
      custom_id: "request-0",
      method: "POST",
      url: "/v1/chat/completions",
      body: {
        model: "gpt-4o-mini",
        messages,
        max_completion_tokens: 150,
        temperature: 0.1,
        service_tier: "flex",
        response_format: {
          type: "json_schema",
          json_schema: { name: "user", schema: output.wireSchema, strict: true },
        },
      },
    });
    expect(line).toBe(JSON.stringify(JSON.parse(line)));
  });

  it("omits undefined parameters instead of writing null", () => {
    const line = buildOpenAILineEncoder("m", output, { maxTokens: undefined, temperature: 0 })(
      "x",
      [{ role: "user", content: "hi" }],
    );
    const body = JSON.parse(line).body;
    expect(body).not.toHaveProperty("max_completion_tokens");
    expect(body.temperature).toBe(0);
    expect(line).not.toContain("null");
  });

  it("refuses provider options that would override what the library sets", () => {
    expect(() =>
      buildOpenAILineEncoder("m", output, {
        providerOptions: { openai: { response_format: { type: "text" } } },
      }),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      buildOpenAILineEncoder("m", output, { providerOptions: { openai: { n: 2 } } }),
    ).toThrow("providerOptions.openai.n");
  });

  it("sends valid image parts as they are and refuses what OpenAI would, naming the conversation", () => {
    const encode = buildOpenAILineEncoder("gpt-4o-mini", output, {});
    const png = dataUrl("image/png", IMAGES.png);
    const content = [
      { type: "text" as const, text: "Who is this?" },
      {
        type: "image_url" as const,
        image_url: { url: "https://example.com/a.jpg", detail: "low" as const },
      },
      { type: "image_url" as const, image_url: { url: png } },
    ];
    const line = JSON.parse(encode("a", [{ role: "user", content }]));
    expect(line.body.messages).toEqual([{ role: "user", content }]);
    const refused = (url: string, role: "user" | "assistant" = "user") => {
      try {
        encode("b", [
          { role: "user", content: "x" },
          { role, content: [{ type: "image_url", image_url: { url } }] },
        ]);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidMessagesError);
        const issue = (error as InvalidMessagesError).issues[0]!;
        return [issue.code, formatIssuePath(issue.path)];
      }
      return undefined;
    };
    // Second, third, ... call: the conversation index counts up with each line.
    expect(refused("data:image/png,notbase64")).toEqual([
      "invalid_data_url",
      "[1][1].content[0].image_url.url",
    ]);
    expect(refused("file:///etc/passwd")).toEqual([
      "unsupported_image_url_scheme",
      "[2][1].content[0].image_url.url",
    ]);
    expect(refused(dataUrl("image/bmp", "Qk0="))).toEqual([
      "unsupported_image_type",
      "[3][1].content[0].image_url.url",
    ]);
    expect(refused(png, "assistant")).toEqual(["unsupported_content_part", "[4][1].content[0]"]);
  });
});
