import { GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../index.js";
import type { EmulatorServer } from "../types.js";
import { inlined } from "./test-support/google-harness.js";

describe("Gemini API keys", () => {
  let server: EmulatorServer;
  beforeAll(async () => {
    server = await createEmulator({ apiKeys: ["good-key"] }).listen({ port: 0 });
  });
  afterAll(() => server.close());

  it("answers 403 PERMISSION_DENIED without a key, as the real API does", async () => {
    for (const path of ["/v1beta/batches", "/v1beta/files", "/upload/v1beta/files"]) {
      const response = await fetch(`${server.url}${path}`, {
        method: path.startsWith("/upload") ? "POST" : "GET",
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: {
          code: 403,
          message:
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
          status: "PERMISSION_DENIED",
        },
      });
    }
  });

  it("answers 400 API_KEY_INVALID for a key it does not know, without repeating it", async () => {
    const ai = new GoogleGenAI({
      apiKey: "sk-secret-value",
      httpOptions: { baseUrl: server.url, apiVersion: "v1beta" },
    });
    const error: any = await ai.batches
      .create({ model: "gemini-2.5-flash", src: [inlined("a", "b")] })
      .catch((e) => e);
    expect(error.status).toBe(400);
    expect(error.message).not.toContain("sk-secret-value");
    const body = JSON.parse(error.message);
    expect(body.error).toMatchObject({
      code: 400,
      message: "API key not valid. Please pass a valid API key.",
      status: "INVALID_ARGUMENT",
    });
    expect(body.error.details[0].reason).toBe("API_KEY_INVALID");
  });

  it("takes the key from ?key= too, as the docs' curl examples pass it", async () => {
    const response = await fetch(`${server.url}/v1beta/batches?key=good-key`);
    expect(response.status).toBe(200);
    const wrong = await fetch(`${server.url}/v1beta/batches?key=bad-key`);
    expect(await wrong.text()).not.toContain("bad-key");
  });
});
