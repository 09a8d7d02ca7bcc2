import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchProcessor } from "./batch-processor.js";
import { validateProcessorOptions } from "./validate-processor-options.js";

const User = z.object({ name: z.string() });

function issuesOf(options: unknown) {
  try {
    validateProcessorOptions(options as never);
  } catch (error) {
    return (error as { issues: { code: string; path: unknown[]; message: string }[] }).issues;
  }
  return [];
}

describe("BatchProcessor options", () => {
  it("takes every documented option", () => {
    expect(
      issuesOf({
        client: {},
        apiKey: "sk-test",
        baseURL: "http://127.0.0.1:8787/v1",
        fetch: globalThis.fetch,
        logger: console,
        schemaName: "user",
        includeRaw: false,
        google: { apiVersion: "v1beta", inlineMaxBytes: 0 },
        openai: { endpoint: "/v1/responses" },
        limits: { maxRequests: 10, maxBytes: 1_000_000 },
      }),
    ).toEqual([]);
    expect(issuesOf({})).toEqual([]);
  });

  it("refuses a misspelt option, suggesting the real one (baseUrl would send to the default endpoint)", () => {
    expect(issuesOf({ baseUrl: "http://127.0.0.1:8787/v1" })).toEqual([
      expect.objectContaining({
        code: "unknown_option",
        path: ["baseUrl"],
        message: expect.stringContaining('did you mean "baseURL"'),
      }),
    ]);
    expect(issuesOf({ limits: { maxrequests: 5 } })[0]).toMatchObject({
      code: "unknown_option",
      path: ["limits", "maxrequests"],
    });
    expect(issuesOf({ google: { version: "v1" } })[0]).toMatchObject({
      code: "unknown_option",
      path: ["google", "version"],
    });
  });

  it("refuses an API key with whitespace without repeating the key", () => {
    const [issue] = issuesOf({ apiKey: "sk-secret-123\n" });
    expect(issue).toMatchObject({ code: "invalid_api_key", path: ["apiKey"] });
    expect(issue!.message).not.toContain("sk-secret-123");
    expect(issuesOf({ apiKey: "" })[0]).toMatchObject({ code: "invalid_api_key" });
    expect(issuesOf({ apiKey: 42 })[0]).toMatchObject({ code: "invalid_api_key" });
  });

  it.each(["", "127.0.0.1:8787/v1", "ftp://host/v1", "file:///etc", "not a url"])(
    "refuses the base URL %j",
    (baseURL) => {
      expect(issuesOf({ baseURL })[0]).toMatchObject({
        code: "invalid_base_url",
        path: ["baseURL"],
      });
    },
  );

  it.each([
    [{ limits: { maxRequests: 1.5 } }, ["limits", "maxRequests"]],
    [{ limits: { maxBytes: Number.NaN } }, ["limits", "maxBytes"]],
    [{ limits: { maxBytes: -1 } }, ["limits", "maxBytes"]],
    [{ limits: "big" }, ["limits"]],
    [{ google: { apiVersion: "../files" } }, ["google", "apiVersion"]],
    [{ google: { apiVersion: "v1beta?x=" } }, ["google", "apiVersion"]],
    [{ google: { inlineMaxBytes: -5 } }, ["google", "inlineMaxBytes"]],
    [{ google: { inlineMaxBytes: Number.POSITIVE_INFINITY } }, ["google", "inlineMaxBytes"]],
    [{ openai: { endpoint: "/v1/completions" } }, ["openai", "endpoint"]],
    [{ openai: { endpoint: "responses" } }, ["openai", "endpoint"]],
    [{ openai: { endPoint: "/v1/responses" } }, ["openai", "endPoint"]],
    [{ openai: "responses" }, ["openai"]],
    [{ includeRaw: "no" }, ["includeRaw"]],
    [{ fetch: "fetch" }, ["fetch"]],
    [{ logger: "console" }, ["logger"]],
    [{ schemaName: "user schema" }, ["schemaName"]],
    [{ schemaName: "u".repeat(65) }, ["schemaName"]],
  ])("refuses %j", (options, path) => {
    expect(issuesOf(options)[0]?.path).toEqual(path);
  });

  it("is checked by the constructor, on every provider", () => {
    for (const model of [
      "openai/gpt-4o-mini",
      "anthropic/claude-haiku-4-5",
      "google/gemini-2.5-flash",
    ]) {
      expect(() => new BatchProcessor(model, User, { baseUrl: "x" } as never)).toThrow(
        expect.objectContaining({ name: "InvalidArgumentError", code: "invalid_argument" }),
      );
      expect(() => new BatchProcessor(model, User, null as never)).toThrow(
        "options: must be an object",
      );
    }
  });
});

describe("model names", () => {
  it.each(["openai/ gpt-4o-mini", "anthropic/claude-haiku-4-5\n", "google/gemini 2.5"])(
    "refuses %j (whitespace in the model name)",
    (model) => {
      expect(() => new BatchProcessor(model, User)).toThrow(
        expect.objectContaining({ code: "invalid_model" }),
      );
    },
  );

  it.each([
    "gemini-2.5-flash",
    "models/gemini-2.5-flash",
    "tunedModels/my-model-7",
    "gemini-exp-1206",
  ])("takes the Gemini model %s", (name) => {
    expect(new BatchProcessor(`google/${name}`, User).provider).toBe("google");
  });

  it.each([
    "../files/x",
    "models/../../v1/files",
    "gemini-2.5-flash:generateContent",
    "gemini?alt=media",
    "models/",
  ])("refuses the Gemini model %j, which would change the create URL", (name) => {
    expect(() => new BatchProcessor(`google/${name}`, User)).toThrow(
      expect.objectContaining({
        code: "invalid_model",
        issues: [expect.objectContaining({ path: ["model"] })],
      }),
    );
  });
});
