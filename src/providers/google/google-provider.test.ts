import { describe, expect, it, vi } from "vitest";
import { ProviderApiError } from "../../errors/provider-api-error.js";
import { createGoogleProvider } from "./google-provider.js";
import {
  bufferOf,
  collect,
  done,
  fakeClient,
  KEY,
  resultLine,
} from "./test-support/fake-gemini-client.js";

describe("google adapter over REST (a client exposing its key)", () => {
  it("sends small batches inline, exactly the buffer's lines, with the key in a header", async () => {
    let body: any;
    const { sdk, seen } = fakeClient({
      "POST /v1beta/models/gemini-2.5-flash:batchGenerateContent": (init) => {
        body = JSON.parse(String(init.body));
        return Response.json({ name: "batches/b1", metadata: {} });
      },
    });
    const warn = vi.fn();
    const adapter = createGoogleProvider("gemini-2.5-flash", { client: sdk, logger: { warn } });
    const buffer = bufferOf(["a", "b"]);
    expect(await adapter.submit(buffer, { metadata: { description: "demo", team: "x" } })).toBe(
      "batches/b1",
    );
    const lines = [...buffer.lines()].map((l) => JSON.parse(l));
    expect(body).toEqual({
      batch: {
        displayName: "demo",
        inputConfig: {
          requests: {
            requests: lines.map((l) => ({ request: l.request, metadata: { key: l.key } })),
          },
        },
      },
    });
    expect(seen[0]?.init.headers).toMatchObject({ "x-goog-api-key": KEY, "x-custom": "1" });
    expect(seen[0]?.url).not.toContain(KEY);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("metadata ignored: team"));
    expect(sdk.files.upload).not.toHaveBeenCalled();
  });

  it("uploads a file above the inline limit, and deletes it again when creating fails", async () => {
    const { sdk } = fakeClient({});
    const adapter = createGoogleProvider("models/gemini-2.5-flash", {
      client: sdk,
      inlineMaxBytes: 10,
    });
    expect(await adapter.submit(bufferOf(["a"]), {})).toBe("batches/b1");
    expect(sdk.files.upload).toHaveBeenCalledWith({
      file: expect.any(Blob),
      config: expect.objectContaining({ mimeType: "jsonl", httpOptions: { apiVersion: "v1beta" } }),
    });
    expect(sdk.batches.create).toHaveBeenCalledWith(
      expect.objectContaining({ model: "gemini-2.5-flash", src: "files/in1" }),
    );
    // A refusal that sending again cannot fix: the file is deleted, nothing is retried.
    sdk.batches.create.mockClear();
    sdk.batches.create.mockRejectedValueOnce(
      Object.assign(
        new Error('{"error":{"code":400,"message":"Unknown model","status":"INVALID_ARGUMENT"}}'),
        { status: 400 },
      ),
    );
    const error = await adapter.submit(bufferOf(["a"]), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect((error as Error).message).toBe(
      "google: create batch failed (HTTP 400): Unknown model [INVALID_ARGUMENT]",
    );
    expect(sdk.batches.create).toHaveBeenCalledTimes(1);
    expect(sdk.files.delete).toHaveBeenCalledWith({
      name: "files/in1",
      config: expect.any(Object),
    });
  });

  it("reads the raw operation for status, and streams a results file (docs path, then SDK path)", async () => {
    const { sdk, seen } = fakeClient({
      "GET /v1beta/batches/b1": () =>
        Response.json(done({ output: { responsesFile: "files/out1" } })),
      "GET /v1beta/files/out1:download?alt=media": () =>
        new Response(`${resultLine("a")}\n\n${resultLine("b")}\n`),
    });
    const adapter = createGoogleProvider("gemini-2.5-flash", { client: sdk });
    expect(await adapter.getStatus("b1")).toMatchObject({
      id: "batches/b1",
      status: "completed",
      requestCounts: { total: 1 },
    });
    const outcomes = await collect(adapter.readResultBatches("batches/b1"));
    expect(outcomes.map((o) => [o.customId, o.kind])).toEqual([
      ["a", "answer"],
      ["b", "answer"],
    ]);
    expect(seen.map((s) => new URL(s.url).pathname)).toContain(
      "/download/v1beta/files/out1:download",
    );
  });

  it("never puts the key in an error, even when the server echoes it", async () => {
    const { sdk } = fakeClient({
      "GET /v1beta/batches/b1": () =>
        Response.json(
          {
            error: {
              code: 400,
              message: `API key not valid: ${KEY} (?key=${KEY})`,
              status: "INVALID_ARGUMENT",
            },
          },
          { status: 400 },
        ),
    });
    const error = await createGoogleProvider("m", { client: sdk })
      .getStatus("b1")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect((error as ProviderApiError).status).toBe(400);
    expect((error as Error).message).toContain("retrieve batch");
    expect((error as Error).message).not.toContain("SECRET-KEY");
  });

  it("lists across pages until the limit, stopping at an empty page token", async () => {
    const op = (n: number) => ({
      name: `batches/${n}`,
      metadata: { state: "BATCH_STATE_RUNNING" },
    });
    const { sdk } = fakeClient({
      "GET /v1beta/batches?pageSize=3": () =>
        Response.json({ operations: [op(1), op(2)], nextPageToken: "t2" }),
      "GET /v1beta/batches?pageSize=3&pageToken=t2": () =>
        Response.json({ operations: [op(3), op(4)], nextPageToken: "" }),
      "GET /v1beta/batches?pageSize=100": () =>
        Response.json({ operations: [op(1)], nextPageToken: "" }),
    });
    const adapter = createGoogleProvider("m", { client: sdk });
    expect((await adapter.list({ limit: 3 })).map((s) => s.id)).toEqual([
      "batches/1",
      "batches/2",
      "batches/3",
    ]);
    expect((await adapter.list({ limit: 500 })).map((s) => s.id)).toEqual(["batches/1"]);
    expect(await adapter.list({ limit: 0 })).toEqual([]);
  });

  it("deletes a finished batch with its input and results files; refuses a running one", async () => {
    let state = "BATCH_STATE_RUNNING";
    const { sdk } = fakeClient({
      "GET /v1beta/batches/b1": () =>
        Response.json(
          done({
            state,
            inputConfig: { fileName: "files/in1" },
            output: { responsesFile: "files/out1" },
          }),
        ),
    });
    const adapter = createGoogleProvider("m", { client: sdk });
    await expect(adapter.delete("b1")).rejects.toMatchObject({ code: "batch_running" });
    expect(sdk.batches.delete).not.toHaveBeenCalled();
    state = "BATCH_STATE_SUCCEEDED";
    sdk.files.delete.mockRejectedValueOnce(Object.assign(new Error("{}"), { status: 404 }));
    expect(await adapter.delete("b1")).toEqual({
      id: "batches/b1",
      batchDeleted: true,
      deletedFiles: ["files/out1"],
    });
    expect(sdk.batches.delete).toHaveBeenCalledWith({
      name: "batches/b1",
      config: { httpOptions: { apiVersion: "v1beta" } },
    });
  });
});
