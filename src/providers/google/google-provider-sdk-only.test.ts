import { afterEach, describe, expect, it, vi } from "vitest";
import { MissingApiKeyError } from "../../errors/missing-api-key-error.js";
import { createGoogleProvider } from "./google-provider.js";
import {
  bufferOf,
  collect,
  done,
  fakeClient,
  resultLine,
} from "./test-support/fake-gemini-client.js";

describe("google adapter on the SDK alone (a client that hides its key)", () => {
  it("submits inline in the SDK's own form and reads status without counts, saying so", async () => {
    const { sdk, fetch } = fakeClient({}, false);
    const warn = vi.fn();
    const adapter = createGoogleProvider("gemini-2.5-flash", { client: sdk, logger: { warn } });
    await adapter.submit(bufferOf(["a"]), { metadata: { displayName: "d" } });
    expect(sdk.batches.create).toHaveBeenCalledWith({
      model: "gemini-2.5-flash",
      src: [
        {
          contents: [{ role: "user", parts: [{ text: "text of a" }] }],
          metadata: { key: "a" },
          config: {
            maxOutputTokens: 10,
            responseMimeType: "application/json",
            responseJsonSchema: { type: "object" },
          },
        },
      ],
      config: { displayName: "d", httpOptions: { apiVersion: "v1beta" } },
    });
    expect(await adapter.getStatus("b1")).toMatchObject({
      status: "completed",
      rawStatus: "JOB_STATE_SUCCEEDED",
    });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("request counts are unknown"));
    expect(fetch).not.toHaveBeenCalled();
    expect((await adapter.list({ limit: 1 })).map((s) => s.status)).toEqual(["processing"]);
  });

  it("reads inline results from the SDK's batch, but cannot download a results file", async () => {
    const { sdk } = fakeClient({}, false);
    const adapter = createGoogleProvider("m", { client: sdk });
    sdk.batches.get.mockResolvedValueOnce({
      name: "batches/b1",
      state: "JOB_STATE_SUCCEEDED",
      dest: {
        inlinedResponses: [
          { response: JSON.parse(resultLine("a")).response, metadata: { key: "a" } },
        ],
      },
    });
    expect(
      (await collect(adapter.readResultBatches("b1"))).map((o) => [o.customId, o.kind]),
    ).toEqual([["a", "answer"]]);
    sdk.batches.get.mockResolvedValueOnce({
      name: "batches/b1",
      state: "JOB_STATE_SUCCEEDED",
      dest: { fileName: "files/o" },
    });
    await expect(collect(adapter.readResultBatches("b1"))).rejects.toMatchObject({
      code: "download_unavailable",
    });
    sdk.batches.get.mockResolvedValueOnce({ name: "batches/b1", state: "JOB_STATE_RUNNING" });
    await expect(collect(adapter.readResultBatches("b1"))).rejects.toMatchObject({
      code: "batch_not_finished",
    });
  });

  it("refuses a Vertex AI client", async () => {
    const adapter = createGoogleProvider("m", { client: { vertexai: true } });
    await expect(adapter.getStatus("b1")).rejects.toThrow(/Vertex AI client/);
  });
});

describe("credentials", () => {
  const saved = {
    GEMINI_API_KEY: process.env.GEMINI_API_KEY,
    GOOGLE_API_KEY: process.env.GOOGLE_API_KEY,
  };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it("names both variables when no key is set, before anything is sent", async () => {
    delete process.env.GEMINI_API_KEY;
    delete process.env.GOOGLE_API_KEY;
    const fetch = vi.fn();
    const adapter = createGoogleProvider("m", { fetch: fetch as never });
    const error = await adapter.submit(bufferOf(["a"]), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingApiKeyError);
    expect((error as Error).message).toContain("GEMINI_API_KEY or GOOGLE_API_KEY");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("takes GEMINI_API_KEY from the environment and the SDK uses the fetch given", async () => {
    delete process.env.GOOGLE_API_KEY;
    process.env.GEMINI_API_KEY = "env-key-1234";
    const fetch = vi.fn(async () => Response.json(done({})));
    const adapter = createGoogleProvider("m", {
      fetch: fetch as never,
      baseURL: "http://gemini.test",
    });
    await adapter.cancel("b1");
    const urls = fetch.mock.calls.map((c) => String((c as unknown[])[0]));
    expect(urls).toEqual([
      "http://gemini.test/v1beta/batches/b1:cancel",
      "http://gemini.test/v1beta/batches/b1",
    ]);
    const headers = (fetch.mock.calls[1] as unknown as [string, RequestInit])[1].headers as Record<
      string,
      string
    >;
    expect(headers["x-goog-api-key"]).toBe("env-key-1234");
  });
});
