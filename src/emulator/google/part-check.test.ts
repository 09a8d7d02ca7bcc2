import { describe, expect, it } from "vitest";
import { IMAGES } from "../../messages/test-support/images.js";
import { partsProblem } from "./part-check.js";
import {
  downloadLines,
  rawBatch,
  startGoogleHarness,
  uploadJsonl,
} from "./test-support/google-harness.js";

const inline = (mimeType: string, data: string) => ({ inlineData: { mimeType, data } });
const file = (fileUri: string) => ({ fileData: { fileUri } });
const body = (...parts: unknown[]) => ({
  contents: [{ role: "user", parts: [{ text: "Who?" }, ...parts] }],
});

describe("partsProblem", () => {
  it("takes base64 images of Gemini's formats, https and gs:// files, either field spelling", () => {
    for (const [type, data] of [
      ["image/png", IMAGES.png],
      ["image/jpeg", IMAGES.jpeg],
      ["image/webp", IMAGES.webp],
      ["image/heic", IMAGES.heic],
    ] as const) {
      expect(partsProblem(body(inline(type, data))), type).toBeUndefined();
    }
    expect(partsProblem(body(file("https://example.com/a.png")))).toBeUndefined();
    expect(partsProblem(body(file("gs://bucket/a.png")))).toBeUndefined();
    const snake = {
      contents: [{ parts: [{ inline_data: { mime_type: "image/png", data: "x" } }] }],
    };
    expect(partsProblem(snake)).toMatch(/Base64 decoding failed/);
  });

  it("names a payload that is not base64, another media type, a file URI it cannot read", () => {
    expect(partsProblem(body(inline("image/png", "notbase64")))).toBe(
      `Invalid value at 'contents[0].parts[1].inline_data.data' (TYPE_BYTES), Base64 decoding failed for "notbase64"`,
    );
    expect(partsProblem(body(inline("image/svg+xml", "PHN2Zz4=")))).toBe(
      "Unsupported MIME type: image/svg+xml",
    );
    expect(partsProblem(body(inline("image/gif", IMAGES.gif)))).toBe(
      "Unsupported MIME type: image/gif",
    );
    expect(partsProblem(body(file("file:///etc/passwd")))).toBe(
      "Invalid or unsupported file uri: file:///etc/passwd",
    );
  });

  it("over HTTP: the bad request gets an error status; the others run", async () => {
    let asked = 0;
    const h = await startGoogleHarness({
      responder: () => {
        asked++;
        return undefined;
      },
    });
    try {
      const fileName = await uploadJsonl(h.ai, [
        { key: "file", request: body(file("file:///etc/passwd")) },
        { key: "notbase64", request: body(inline("image/png", "notbase64")) },
        { key: "good", request: body(inline("image/png", IMAGES.png)) },
      ]);
      const job = await h.ai.batches.create({ model: "gemini-2.5-flash", src: fileName });
      const raw = await rawBatch(h, job.name!);
      expect(raw.metadata.state).toBe("BATCH_STATE_SUCCEEDED");
      const lines = await downloadLines(h, raw.metadata.output.responsesFile);
      const byKey = Object.fromEntries(lines.map((l) => [l.key, l]));
      expect(byKey.good.response).toBeDefined();
      expect(asked).toBe(1);
      expect(byKey.file.error).toEqual({
        code: 3,
        message: "Invalid or unsupported file uri: file:///etc/passwd",
      });
      expect(byKey.notbase64.error.code).toBe(3);
      expect(byKey.notbase64.error.message).toContain("Base64 decoding failed");
    } finally {
      await h.close();
    }
  });
});
