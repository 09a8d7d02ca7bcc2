import { describe, expect, it } from "vitest";
import { adaptRequest, openApiToJsonSchema } from "./request-adapter.js";
import { isGoogleRequest } from "./routes.js";

describe("adaptRequest", () => {
  it("reads snake_case and camelCase alike", () => {
    const snake = adaptRequest({
      key: "k",
      index: 3,
      model: "gemini-2.5-flash",
      body: {
        system_instruction: { parts: [{ text: "Be brief." }] },
        contents: [{ parts: [{ text: "Hi" }] }],
        generation_config: {
          response_mime_type: "application/json",
          response_json_schema: { type: "object" },
          max_output_tokens: 50,
        },
      },
    });
    expect(snake).toMatchObject({
      request: {
        provider: "google",
        customId: "k",
        index: 3,
        messages: [
          { role: "system", text: "Be brief." },
          { role: "user", text: "Hi" },
        ],
        jsonSchema: { type: "object" },
      },
      maxOutputTokens: 50,
      problem: undefined,
    });
  });

  it("converts an OpenAPI responseSchema to lower-case JSON Schema, keeping property names", () => {
    expect(
      openApiToJsonSchema({
        type: "OBJECT",
        nullable: true,
        properties: {
          Type: { type: "STRING", enum: ["A"] },
          list: { type: "ARRAY", items: { type: "NUMBER" } },
        },
        anyOf: [{ type: "INTEGER" }, { type: "BOOLEAN" }],
      }),
    ).toEqual({
      type: "object",
      nullable: true,
      properties: {
        Type: { type: "string", enum: ["A"] },
        list: { type: "array", items: { type: "number" } },
      },
      anyOf: [{ type: "integer" }, { type: "boolean" }],
    });
  });

  it("names the problem of a request without contents or with a schema but no JSON type", () => {
    const base = { key: undefined, index: 0, model: "m" };
    expect(adaptRequest({ ...base, body: {} }).problem).toMatch(/contents is not specified/);
    expect(
      adaptRequest({
        ...base,
        body: { contents: [{ parts: [] }], generationConfig: { responseJsonSchema: {} } },
      }).problem,
    ).toMatch(/responseMimeType/);
  });
});

describe("isGoogleRequest", () => {
  const req = (path: string, headers: Record<string, string> = {}) =>
    new Request(`http://h${path}`, { headers });

  it("claims Gemini's own prefixes and Gemini clients under /v1, nothing else", () => {
    expect(isGoogleRequest(req("/v1beta/batches"))).toBe(true);
    expect(isGoogleRequest(req("/upload/v1/files"))).toBe(true);
    expect(isGoogleRequest(req("/download/v1/files/a:download"))).toBe(true);
    expect(isGoogleRequest(req("/v1/batches", { "x-goog-api-key": "k" }))).toBe(true);
    expect(isGoogleRequest(req("/v1/batches", { "x-goog-api-client": "genai" }))).toBe(true);
    expect(isGoogleRequest(req("/v1/batches?key=k"))).toBe(true);
    expect(isGoogleRequest(req("/v1/batches/abc:cancel"))).toBe(true);
    expect(isGoogleRequest(req("/v1/models/gemini:batchGenerateContent"))).toBe(true);
    expect(isGoogleRequest(req("/v1/batches", { authorization: "Bearer k" }))).toBe(false);
    expect(isGoogleRequest(req("/v1/messages/batches", { "x-api-key": "k" }))).toBe(false);
    expect(isGoogleRequest(req("/v1betas"))).toBe(false);
  });
});
