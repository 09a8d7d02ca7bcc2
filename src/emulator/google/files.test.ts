import { ApiError } from "@google/genai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY, type GoogleHarness, startGoogleHarness } from "./test-support/google-harness.js";

const HOUR = 60 * 60 * 1000;

async function sha256Base64OfHex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return btoa(Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""));
}

describe("the Gemini Files API", () => {
  let h: GoogleHarness;
  beforeAll(async () => {
    h = await startGoogleHarness();
  });
  afterAll(() => h.close());

  it("uploads with the SDK's resumable protocol and shows the real File shape", async () => {
    const content = '{"key":"a","request":{"contents":[{"parts":[{"text":"hi"}]}]}}\n';
    const file = await h.ai.files.upload({
      file: new Blob([content]),
      config: { mimeType: "jsonl", displayName: "input" },
    });
    const raw = await (await h.rest(`/v1beta/${file.name}`)).json();
    expect(Object.keys(raw)).toEqual([
      "name",
      "displayName",
      "mimeType",
      "sizeBytes",
      "createTime",
      "updateTime",
      "expirationTime",
      "sha256Hash",
      "uri",
      "state",
      "source",
    ]);
    expect(raw).toMatchObject({
      name: expect.stringMatching(/^files\/[a-z0-9]{12}$/),
      displayName: "input",
      mimeType: "jsonl",
      sizeBytes: String(content.length),
      sha256Hash: await sha256Base64OfHex(new TextEncoder().encode(content)),
      uri: `${h.server.url}/v1beta/${file.name}`,
      state: "ACTIVE",
      source: "UPLOADED",
    });
    expect(Date.parse(raw.expirationTime) - Date.parse(raw.createTime)).toBe(48 * HOUR);
    expect(await h.ai.files.get({ name: file.name! })).toMatchObject({
      name: file.name,
      sizeBytes: String(content.length),
      state: "ACTIVE",
    });

    for (const path of [
      `/v1beta/${file.name}:download?alt=media`,
      `/download/v1beta/${file.name}:download?alt=media`,
    ]) {
      const download = await h.rest(path);
      expect(download.status).toBe(200);
      expect(await download.text()).toBe(content);
    }
    const noAlt = await h.rest(`/v1beta/${file.name}:download`);
    expect(noAlt.status).toBe(400);
  });

  it("uploads a file of several 8 MiB chunks through the SDK", async () => {
    const bytes = new Uint8Array(8 * 1024 * 1024 + 1000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = 97 + (i % 26);
    const file = await h.ai.files.upload({
      file: new Blob([bytes]),
      config: { mimeType: "text/plain" },
    });
    expect(file.sizeBytes).toBe(String(bytes.byteLength));
    expect(file.displayName).toBeUndefined();
    const download = await h.rest(`/v1beta/${file.name}:download?alt=media`);
    // Compared by digest: a deep equality over 8 MiB of elements takes the test's whole timeout.
    const received = new Uint8Array(await download.arrayBuffer());
    expect(await sha256Base64OfHex(received)).toBe(await sha256Base64OfHex(bytes));
  });

  it("checks chunk offsets and the declared size (raw protocol)", async () => {
    const start = await h.rest("/upload/v1beta/files", {
      method: "POST",
      headers: {
        "x-goog-upload-protocol": "resumable",
        "x-goog-upload-command": "start",
        "x-goog-upload-header-content-length": "10",
        "x-goog-upload-header-content-type": "text/plain",
        "content-type": "application/json",
      },
      body: JSON.stringify({ file: { display_name: "raw" } }),
    });
    expect(start.status).toBe(200);
    expect(start.headers.get("x-goog-upload-status")).toBe("active");
    const url = new URL(start.headers.get("x-goog-upload-url")!);
    expect(url.origin).toBe(h.server.url);
    expect(url.pathname).toBe("/upload/v1beta/files");
    // The upload id is the chunks' credential: no API key from here on.
    const chunk = (offset: number, command: string, body: string) =>
      fetch(url, {
        method: "POST",
        headers: { "x-goog-upload-offset": String(offset), "x-goog-upload-command": command },
        body,
      });
    const first = await chunk(0, "upload", "01234");
    expect(first.headers.get("x-goog-upload-status")).toBe("active");
    const wrong = await chunk(3, "upload", "56789");
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.message).toBe(
      "Invalid X-Goog-Upload-Offset: expected 5, got 3.",
    );
    const short = await chunk(5, "upload, finalize", "567");
    expect(short.status).toBe(400);
    const last = await chunk(8, "upload, finalize", "89");
    expect(last.headers.get("x-goog-upload-status")).toBe("final");
    const { file } = await last.json();
    expect(file).toMatchObject({ displayName: "raw", mimeType: "text/plain", sizeBytes: "10" });
    const gone = await chunk(10, "upload", "x");
    expect(gone.status).toBe(404);
  });

  it("refuses files over the size limit and non-resumable uploads", async () => {
    const small = await startGoogleHarness({ google: { limits: { maxFileBytes: 4 } } });
    try {
      const error = await small.ai.files
        .upload({ file: new Blob(["12345"]), config: { mimeType: "text/plain" } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(400);
    } finally {
      await small.close();
    }
    const multipart = await h.rest("/upload/v1beta/files", {
      method: "POST",
      headers: { "x-goog-upload-protocol": "multipart" },
    });
    expect(multipart.status).toBe(400);
  });

  it("lists, deletes, and answers 403 for a file that is gone", async () => {
    const names: string[] = [];
    for (const text of ["a", "b", "c"]) {
      const file = await h.ai.files.upload({
        file: new Blob([text]),
        config: { mimeType: "text/plain" },
      });
      names.push(file.name!);
    }
    const listed: string[] = [];
    for await (const f of await h.ai.files.list({ config: { pageSize: 2 } })) listed.push(f.name!);
    expect(listed.slice(0, 3)).toEqual([...names].reverse());

    await h.ai.files.delete({ name: names[0]! });
    const error = await h.ai.files.get({ name: names[0]! }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
    const id = names[0]!.slice("files/".length);
    expect(JSON.parse((error as ApiError).message)).toEqual({
      error: {
        code: 403,
        message: `You do not have permission to access the File ${id} or it may not exist.`,
        status: "PERMISSION_DENIED",
      },
    });
    const download = await h.rest(`/download/v1beta/${names[0]}:download?alt=media`);
    expect(download.status).toBe(403);
  });

  it("forgets files after 48 hours", async () => {
    const file = await h.ai.files.upload({
      file: new Blob(["x"]),
      config: { mimeType: "text/plain" },
    });
    h.emulator.clock.advance(48 * HOUR);
    const response = await h.rest(`/v1beta/${file.name}`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain(API_KEY);
  });
});
