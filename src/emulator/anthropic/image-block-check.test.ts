import { describe, expect, it } from "vitest";
import { IMAGES } from "../../messages/test-support/images.js";
import { imageBlockRejection } from "./image-block-check.js";
import { item, readResults, startAnthropicHarness } from "./test-support/anthropic-harness.js";

const base64 = (mediaType: string, data: string) => ({
  type: "image",
  source: { type: "base64", media_type: mediaType, data },
});
const url = (u: string) => ({ type: "image", source: { type: "url", url: u } });
const params = (...content: unknown[]) => ({
  model: "claude-opus-5",
  max_tokens: 10,
  messages: [{ role: "user", content: [{ type: "text", text: "Who?" }, ...content] }],
});

describe("imageBlockRejection", () => {
  it("takes https URLs and base64 images whose bytes match their media type", () => {
    expect(imageBlockRejection(params(url("https://example.com/a.png")))).toBeUndefined();
    for (const [type, data] of [
      ["image/png", IMAGES.png],
      ["image/jpeg", IMAGES.jpeg],
      ["image/gif", IMAGES.gif],
      ["image/webp", IMAGES.webp],
    ] as const) {
      expect(imageBlockRejection(params(base64(type, data))), type).toBeUndefined();
    }
  });

  it("refuses other media types, bad base64, other bytes and a wrong label, naming the block", () => {
    const at = "messages.0.content.1.image.source.base64";
    expect(imageBlockRejection(params(base64("image/heic", IMAGES.heic)))).toEqual({
      param: `${at}.media_type`,
      message: `${at}.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`,
    });
    expect(imageBlockRejection(params(base64("image/png", "notbase64")))?.param).toBe(`${at}.data`);
    expect(imageBlockRejection(params(base64("image/png", "AAAA")))?.message).toBe(
      `${at}.data: Could not process image`,
    );
    expect(imageBlockRejection(params(base64("image/png", IMAGES.jpeg)))?.message).toBe(
      `${at}.data: Image does not match the provided media type image/png`,
    );
    const big = `${IMAGES.png.slice(0, 12)}${"A".repeat(5 * 1024 * 1024)}`;
    expect(imageBlockRejection(params(base64("image/png", big)))?.message).toMatch(
      /image exceeds 5 MB maximum: \d+ bytes > 5242880 bytes$/,
    );
  });

  it("refuses non-https URLs, blank text, empty messages and images in the system prompt", () => {
    expect(imageBlockRejection(params(url("file:///etc/passwd")))?.param).toBe(
      "messages.0.content.1.image.source.url.url",
    );
    expect(imageBlockRejection(params({ type: "text", text: " " }))?.message).toBe(
      "messages: text content blocks must contain non-whitespace text",
    );
    const empty = { messages: [{ role: "user", content: "" }] };
    expect(imageBlockRejection(empty)?.param).toBe("messages.0");
    const prefill = {
      messages: [
        { role: "user", content: "x" },
        { role: "assistant", content: "" },
      ],
    };
    expect(imageBlockRejection(prefill)).toBeUndefined();
    const system = { system: [url("https://example.com/a.png")], messages: [] };
    expect(imageBlockRejection(system)?.message).toBe("system.0.type: Input should be 'text'");
  });

  it("over HTTP: each bad request comes back errored; the others run", async () => {
    let asked = 0;
    const h = await startAnthropicHarness({
      responder: () => {
        asked++;
        return undefined;
      },
    });
    try {
      const request = (customId: string, block: unknown) =>
        item(customId, "x", { extra: params(block) });
      const batch = await h.client.messages.batches.create({
        requests: [
          request("file", url("file:///etc/passwd")),
          request("notbase64", base64("image/png", "notbase64")),
          request("good", base64("image/png", IMAGES.png)),
        ],
      });
      const rows = await readResults(h.client, batch.id);
      const byId = Object.fromEntries(rows.map((r) => [r.custom_id, r.result]));
      expect(byId.good?.type).toBe("succeeded");
      expect(asked).toBe(1);
      for (const id of ["file", "notbase64"]) {
        expect(byId[id]).toMatchObject({
          type: "errored",
          error: { type: "error", error: { type: "invalid_request_error" } },
        });
      }
      expect(JSON.stringify(byId.notbase64)).toContain(
        "messages.0.content.1.image.source.base64.data",
      );
    } finally {
      await h.close();
    }
  });
});
