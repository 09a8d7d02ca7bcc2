import { describe, expect, it } from "vitest";
import { createEmulator } from "../../emulator/index.js";
import { ProviderApiError } from "../../errors/provider-api-error.js";
import type { GeminiRest } from "./gemini-rest.js";
import { uploadGeminiFile } from "./upload-gemini-file.js";

const KEY = "AIza-upload-test-key";

function restOn(fetch: typeof globalThis.fetch): GeminiRest {
  return {
    baseUrl: "http://emulator.test",
    apiVersion: "v1beta",
    fetch,
    headers: async () => ({ "x-goog-api-key": KEY }),
    secrets: [KEY],
  };
}

/** Chunks of uneven sizes, so pieces start and end inside chunks; byte i of the whole is i % 251. */
function chunksOf(sizes: number[]): Uint8Array[] {
  let offset = 0;
  return sizes.map((size) => {
    const chunk = new Uint8Array(size);
    for (let i = 0; i < size; i++) chunk[i] = (offset + i) % 251;
    offset += size;
    return chunk;
  });
}

describe("uploadGeminiFile", () => {
  it("uploads in 8 MB pieces at the right offsets, and the emulator stores exactly the bytes", async () => {
    const emulator = createEmulator();
    const pieces: { command: string | null; offset: string | null; length: string | null }[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (String(input).includes("upload_id=")) {
        pieces.push({
          command: headers.get("x-goog-upload-command"),
          offset: headers.get("x-goog-upload-offset"),
          length: headers.get("content-length"),
        });
      }
      return emulator.fetch(input as string, init);
    };
    const chunks = chunksOf([3_000_001, 5_000_000, 9_000_000, 123]);
    const total = 17_000_124;
    const file = await uploadGeminiFile(restOn(fetch), chunks, "pieces");
    expect(file.name).toMatch(/^files\//);
    expect(pieces).toEqual([
      { command: "upload", offset: "0", length: String(8 * 1024 * 1024) },
      { command: "upload", offset: String(8 * 1024 * 1024), length: String(8 * 1024 * 1024) },
      {
        command: "upload, finalize",
        offset: String(16 * 1024 * 1024),
        length: String(total - 16 * 1024 * 1024),
      },
    ]);
    const stored = await emulator.fetch(
      `http://emulator.test/download/v1beta/files/${file.name!.slice(6)}:download?alt=media`,
      { headers: { "x-goog-api-key": KEY } },
    );
    const bytes = new Uint8Array(await stored.arrayBuffer());
    expect(bytes.length).toBe(total);
    // Compared byte by byte here: toEqual on 17 MB of typed array takes minutes.
    let mismatch = -1;
    for (let i = 0; i < total && mismatch === -1; i++) if (bytes[i] !== i % 251) mismatch = i;
    expect(mismatch).toBe(-1);
  });

  it("sends views of the buffer's chunks, not copies", async () => {
    const emulator = createEmulator();
    const sent: Uint8Array[] = [];
    const chunks = chunksOf([1000, 2000]);
    const fetch: typeof globalThis.fetch = async (input, init) => {
      if (String(input).includes("upload_id=") && init?.body instanceof ReadableStream) {
        const reader = init.body.getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) sent.push(r.value);
        const length = sent.reduce((n, part) => n + part.length, 0);
        const body = new Uint8Array(length);
        let at = 0;
        for (const part of sent) {
          body.set(part, at);
          at += part.length;
        }
        return emulator.fetch(input as string, { ...init, body });
      }
      return emulator.fetch(input as string, init);
    };
    await uploadGeminiFile(restOn(fetch), chunks, "views");
    expect(sent.map((part) => part.buffer)).toEqual(chunks.map((chunk) => chunk.buffer));
    expect(sent[0]!.buffer).toBe(chunks[0]!.buffer);
  });

  it("names the HTTP failure of a piece, without the key", async () => {
    const emulator = createEmulator();
    const fetch: typeof globalThis.fetch = async (input, init) =>
      String(input).includes("upload_id=")
        ? Response.json(
            { error: { code: 503, message: `busy for ${KEY}`, status: "UNAVAILABLE" } },
            { status: 503 },
          )
        : emulator.fetch(input as string, init);
    const error = await uploadGeminiFile(restOn(fetch), chunksOf([10]), "x").catch((e) => e);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error.message).toContain("upload batch file failed (HTTP 503)");
    expect(error.message).not.toContain(KEY);
  });
});
