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
    let sent: RequestInit | undefined;
    const { sdk, seen } = fakeClient({
      "POST /v1beta/models/gemini-2.5-flash:batchGenerateContent": (init) => {
        sent = init;
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
    // Byte for byte what JSON.stringify of the whole body gives, of the announced length.
    const bytes = new Uint8Array(await new Response(sent?.body).arrayBuffer());
    const expected = JSON.stringify({
      batch: {
        displayName: "demo",
        inputConfig: {
          requests: {
            requests: lines.map((l) => ({ request: l.request, metadata: { key: l.key } })),
          },
        },
      },
    });
    expect(new TextDecoder().decode(bytes)).toBe(expected);
    expect(sent?.headers).toMatchObject({ "content-length": String(bytes.length) });
    expect(seen[0]?.init.headers).toMatchObject({ "x-goog-api-key": KEY, "x-custom": "1" });
    expect(seen[0]?.url).not.toContain(KEY);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("metadata ignored: team"));
    expect(sdk.files.upload).not.toHaveBeenCalled();
  });

  it("uploads a file above the inline limit, and deletes it again when creating fails", async () => {
    // The resumable protocol over REST, as the SDK's files.upload drives it, the bytes streamed
    // from the buffer: start, then the piece (offset 0, finalize). The upload URL's host is
    // replaced by the client's, as the SDK does.
    const pieces: { headers: Record<string, string>; bytes: Uint8Array }[] = [];
    let start: { headers: Record<string, string>; body: unknown } | undefined;
    const uploadUrl = "https://elsewhere.test/upload/v1beta/files?upload_id=u1";
    const { sdk, fetch } = fakeClient({});
    fetch.mockImplementation(async (url: string, init: RequestInit = {}) => {
      if (url === "http://gemini.test/upload/v1beta/files?upload_id=u1") {
        const bytes = new Uint8Array(await new Response(init.body).arrayBuffer());
        pieces.push({ headers: init.headers as Record<string, string>, bytes });
        return Response.json(
          { file: { name: "files/in1" } },
          { headers: { "x-goog-upload-status": "final" } },
        );
      }
      if (url === "http://gemini.test/upload/v1beta/files" && init.method === "POST") {
        start = {
          headers: init.headers as Record<string, string>,
          body: JSON.parse(String(init.body)),
        };
        return new Response(null, { headers: { "x-goog-upload-url": uploadUrl } });
      }
      return Response.json({ error: { code: 404, message: "no route" } }, { status: 404 });
    });
    const adapter = createGoogleProvider("models/gemini-2.5-flash", {
      client: sdk,
      inlineMaxBytes: 10,
    });
    const buffer = bufferOf(["a"]);
    expect(await adapter.submit(buffer, {})).toBe("batches/b1");
    expect(sdk.files.upload).not.toHaveBeenCalled();
    expect(start?.headers).toMatchObject({
      "x-goog-api-key": KEY,
      "x-goog-upload-protocol": "resumable",
      "x-goog-upload-command": "start",
      "x-goog-upload-header-content-length": String(buffer.size),
      "x-goog-upload-header-content-type": "jsonl",
    });
    expect(start?.body).toMatchObject({ file: { mimeType: "jsonl" } });
    expect(pieces).toHaveLength(1);
    expect(pieces[0]?.headers).toMatchObject({
      "x-goog-api-key": KEY,
      "x-goog-upload-command": "upload, finalize",
      "x-goog-upload-offset": "0",
      "content-length": String(buffer.size),
    });
    expect(pieces[0]?.bytes).toEqual(buffer.getValue());
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
