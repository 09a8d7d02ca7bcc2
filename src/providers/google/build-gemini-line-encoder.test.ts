import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { InvalidMessagesError } from "../../errors/invalid-messages-error.js";
import { dataUrl, IMAGES } from "../../messages/test-support/images.js";
import type { Conversation } from "../../messages/types.js";
import type { GenerationParams, PreparedOutputSchema } from "../types.js";
import { buildGeminiLineEncoder } from "./build-gemini-line-encoder.js";

const MODEL = "gemini-2.5-flash";

const output: PreparedOutputSchema<unknown> = {
  schema: {
    name: "user",
    description: undefined,
    jsonSchema: {},
    validate: (v) => ({ success: true, value: v }),
  },
  wireSchema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
  normalize: (v) => v,
};

function encode(messages: Conversation, params: GenerationParams = {}, customId = "request-0") {
  const warnings: string[] = [];
  const line = buildGeminiLineEncoder(
    output,
    params,
    (w) => warnings.push(w),
    MODEL,
  )(customId, messages);
  return { line, parsed: JSON.parse(line), warnings };
}

describe("buildGeminiLineEncoder", () => {
  it("writes exactly the line JSON.stringify of the whole request gives", () => {
    const { line, parsed } = encode(
      [
        { role: "system", content: 'Extract.\nLine two \u2028 "quoted"' },
        { role: "user", content: "Zoë 😀" },
      ],
      { maxTokens: 150, temperature: 0.1 },
    );
    expect(line).not.toContain("\n");
    const expected = {
      key: "request-0",
      request: {
        contents: [{ role: "user", parts: [{ text: "Zoë 😀" }] }],
        systemInstruction: { parts: [{ text: 'Extract.\nLine two \u2028 "quoted"' }] },
        generationConfig: {
          maxOutputTokens: 150,
          temperature: 0.1,
          responseMimeType: "application/json",
          responseJsonSchema: output.wireSchema,
        },
      },
    };
    expect(parsed).toEqual(expected);
    expect(line).toBe(JSON.stringify(expected));
  });

  it("joins system messages, maps assistant to model, merges consecutive turns of one role", () => {
    const { parsed } = encode([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello." },
      { role: "system", content: [{ type: "text", text: "Answer in JSON." }] },
      { role: "user", content: "One" },
      { role: "user", content: [{ type: "text", text: "Two" }] },
    ]);
    expect(parsed.request.systemInstruction).toEqual({
      parts: [{ text: "Be brief.\n\nAnswer in JSON." }],
    });
    expect(parsed.request.contents).toEqual([
      { role: "user", parts: [{ text: "Hi" }] },
      { role: "model", parts: [{ text: "Hello." }] },
      { role: "user", parts: [{ text: "One" }, { text: "Two" }] },
    ]);
    expect(encode([{ role: "user", content: "x" }]).parsed.request).not.toHaveProperty(
      "systemInstruction",
    );
  });

  it("maps every parameter to its generationConfig name and omits undefined ones", () => {
    const { parsed, line } = encode([{ role: "user", content: "x" }], {
      maxTokens: 99,
      temperature: 0,
      topP: 0.5,
      seed: 7,
      stop: "END",
      providerOptions: { google: { topK: 40, thinkingConfig: { thinkingBudget: 0 } } },
    });
    expect(parsed.request.generationConfig).toEqual({
      maxOutputTokens: 99,
      temperature: 0,
      topP: 0.5,
      seed: 7,
      stopSequences: ["END"],
      topK: 40,
      thinkingConfig: { thinkingBudget: 0 },
      responseMimeType: "application/json",
      responseJsonSchema: output.wireSchema,
    });
    expect(line).not.toContain("null");
    expect(encode([{ role: "user", content: "x" }]).parsed.request.generationConfig).toEqual({
      responseMimeType: "application/json",
      responseJsonSchema: output.wireSchema,
    });
  });

  it("leaves penalties out with one warning each, unless given as provider options", () => {
    const { parsed, warnings } = encode([{ role: "user", content: "x" }], {
      presencePenalty: 0.5,
      frequencyPenalty: 0.2,
    });
    expect(parsed.request.generationConfig).not.toHaveProperty("presencePenalty");
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/presencePenalty is not sent to Gemini/);
    const explicit = encode([{ role: "user", content: "x" }], {
      providerOptions: { google: { presencePenalty: 0.5 } },
    });
    expect(explicit.parsed.request.generationConfig.presencePenalty).toBe(0.5);
    expect(explicit.warnings).toEqual([]);
  });

  it("puts request-level provider options beside generationConfig", () => {
    const safetySettings = [{ category: "HARM_CATEGORY_HARASSMENT", threshold: "BLOCK_NONE" }];
    const { parsed } = encode([{ role: "user", content: "x" }], {
      providerOptions: { google: { safetySettings, cachedContent: "cachedContents/abc" } },
    });
    expect(parsed.request.safetySettings).toEqual(safetySettings);
    expect(parsed.request.cachedContent).toBe("cachedContents/abc");
    expect(parsed.request.generationConfig).not.toHaveProperty("safetySettings");
  });

  it("refuses provider options that would override what the library sets, in either spelling", () => {
    for (const key of ["responseMimeType", "response_json_schema", "responseSchema", "contents"]) {
      expect(() =>
        buildGeminiLineEncoder(
          output,
          { providerOptions: { google: { [key]: "x" } } },
          () => {},
          MODEL,
        ),
      ).toThrow(InvalidArgumentError);
    }
    expect(() =>
      buildGeminiLineEncoder(
        output,
        { providerOptions: { google: { systemInstruction: "x" } } },
        () => {},
        MODEL,
      ),
    ).toThrow("providerOptions.google.systemInstruction");
    expect(() =>
      buildGeminiLineEncoder(output, { stop: ["a", "b", "c", "d", "e", "f"] }, () => {}, MODEL),
    ).toThrow(/at most 5 stop sequences/);
  });

  it("sends data: images inline and http(s) images as fileData; refuses other URLs", () => {
    const { parsed } = encode([
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
          { type: "image_url", image_url: { url: "https://example.com/cat.JPG?size=2" } },
          { type: "image_url", image_url: { url: "https://example.com/render" } },
        ],
      },
    ]);
    expect(parsed.request.contents[0].parts).toEqual([
      { text: "What is this?" },
      { inlineData: { mimeType: "image/png", data: "iVBORw0KGgo=" } },
      { fileData: { fileUri: "https://example.com/cat.JPG?size=2", mimeType: "image/jpeg" } },
      { fileData: { fileUri: "https://example.com/render" } },
    ]);
    const bad = (url: string) => () =>
      encode([{ role: "user", content: [{ type: "image_url", image_url: { url } }] }], {}, "r9");
    expect(bad("data:image/png,rawbytes")).toThrow(InvalidMessagesError);
    expect(bad("data:image/png,rawbytes")).toThrow(
      /a data: URL needs a media type and base64 data.*\(request "r9"\)/,
    );
    expect(bad("ftp://example.com/a.png")).toThrow(/\[0\]\.content\[0\]\.image_url\.url/);
  });

  it("refuses images in system messages and warns once about dropped names", () => {
    expect(() =>
      encode([
        {
          role: "system",
          content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AA==" } }],
        },
        { role: "user", content: "x" },
      ]),
    ).toThrow(/\[0\]\[0\]\.content\[0\]: Gemini takes images only in user and assistant messages/);
    const warnings: string[] = [];
    const encodeLine = buildGeminiLineEncoder(output, {}, (w) => warnings.push(w), MODEL);
    encodeLine("a", [{ role: "user", content: "x", name: "ann" }]);
    encodeLine("b", [{ role: "user", content: "y", name: "bob" }]);
    expect(warnings).toEqual(['message "name" is not sent to Gemini: it has no field for it']);
  });

  it("refuses what Gemini would, with the conversation's index in the path", () => {
    const encodeLine = buildGeminiLineEncoder(output, {}, () => {}, MODEL);
    encodeLine("a", [{ role: "user", content: "x" }]);
    const refused = (content: Conversation[number]["content"]) => {
      try {
        encodeLine("b", [{ role: "user", content }]);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidMessagesError);
        return (error as InvalidMessagesError).issues.map((i) => [i.code, i.path]);
      }
      return undefined;
    };
    const image = (url: string) => ({ type: "image_url" as const, image_url: { url } });
    expect(refused([image(dataUrl("image/gif", IMAGES.gif))])).toEqual([
      ["unsupported_image_type", [1, 0, "content", 0, "image_url", "url"]],
    ]);
    expect(refused([image("http://example.com/a.png")])).toEqual([
      ["unsupported_image_url_scheme", [2, 0, "content", 0, "image_url", "url"]],
    ]);
    // Empty texts are left out: a conversation of nothing else would send no turn at all.
    expect(refused([{ type: "text", text: "" }])).toEqual([["empty_content", [3]]]);
    const { parsed } = encode([
      { role: "user", content: [image(dataUrl("image/jpg", IMAGES.jpeg)), image("gs://b/c.webp")] },
    ]);
    expect(parsed.request.contents[0].parts).toEqual([
      { inlineData: { mimeType: "image/jpeg", data: IMAGES.jpeg } },
      { fileData: { fileUri: "gs://b/c.webp", mimeType: "image/webp" } },
    ]);
  });
});
