import { describe, expect, it } from "vitest";
import { dataUrl, IMAGES } from "../../messages/test-support/images.js";
import { readJsonl, startOpenAIHarness, submit } from "../test-support/openai-harness.js";
import { imagePartRejection } from "./image-part-check.js";

const CHAT = "/v1/chat/completions";
const image = (url: string, detail?: string) => ({
  type: "image_url",
  image_url: { url, ...(detail !== undefined && { detail }) },
});
const body = (...content: unknown[]) => ({
  model: "gpt-4o-mini",
  messages: [
    { role: "system", content: "Extract." },
    { role: "user", content: [{ type: "text", text: "Who?" }, ...content] },
  ],
});

describe("imagePartRejection", () => {
  it("takes http(s) URLs and base64 images in the formats OpenAI reads", () => {
    for (const url of [
      "https://example.com/a.png",
      "http://example.com/a.png",
      dataUrl("image/png", IMAGES.png),
      dataUrl("image/jpeg", IMAGES.jpeg),
      dataUrl("image/gif", IMAGES.gif),
      dataUrl("image/webp", IMAGES.webp),
    ]) {
      expect(imagePartRejection(body(image(url, "high")), CHAT), url).toBeUndefined();
    }
  });

  it("refuses a value without the data: prefix with the real wording", () => {
    expect(imagePartRejection(body(image("file:///etc/passwd")), CHAT)).toEqual({
      message:
        "Invalid image URL: 'messages[1].content[1].image_url.url'. Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got a value without the 'data:' prefix.",
      param: "messages[1].content[1].image_url.url",
      code: "invalid_value",
    });
  });

  it("refuses data: URLs that are not base64, empty, not images, or another format", () => {
    const ending = (url: string) =>
      imagePartRejection(body(image(url)), CHAT)?.message.replace(/^.*but got /, "");
    expect(ending("data:image/png,notbase64")).toBe("a value that is not base64-encoded.");
    expect(ending("data:image/png;base64,notbase64")).toBe("invalid base64-encoded bytes.");
    expect(ending("data:image/png;base64,")).toBe("empty base64-encoded bytes.");
    expect(ending(dataUrl("text/plain", "QUJD"))).toBe("a value without an image MIME type.");
    expect(imagePartRejection(body(image(dataUrl("image/png", IMAGES.heic))), CHAT)).toMatchObject({
      code: "invalid_image_format",
      param: null,
    });
  });

  it("refuses a bad detail and images outside user messages", () => {
    expect(imagePartRejection(body(image("https://example.com/a.png", "max")), CHAT)).toMatchObject(
      { param: "messages[1].content[1].image_url.detail", code: "invalid_value" },
    );
    const system = {
      model: "m",
      messages: [{ role: "system", content: [image("https://example.com/a.png")] }],
    };
    expect(imagePartRejection(system, CHAT)).toMatchObject({
      message: "Invalid value: 'image_url'. Supported values are: 'text'.",
      param: "messages[0].content[0].type",
    });
  });

  it("over HTTP: each bad request is a 400 line in the error file; the others run", async () => {
    let asked = 0;
    const h = await startOpenAIHarness({
      responder: () => {
        asked++;
        return undefined;
      },
    });
    try {
      const line = (customId: string, content: unknown) => ({
        custom_id: customId,
        method: "POST",
        url: CHAT,
        body: body(content),
      });
      const batch = await submit(h.client, [
        line("no-prefix", image("file:///etc/passwd")),
        line("not-base64", image("data:image/png,notbase64")),
        line("good", image(dataUrl("image/png", IMAGES.png))),
      ]);
      const done = await h.client.batches.retrieve(batch.id);
      expect(done.request_counts).toEqual({ total: 3, completed: 1, failed: 2 });
      expect(asked).toBe(1);
      const errors = await readJsonl(h.client, done.error_file_id);
      expect(errors.map((e) => e.custom_id).sort()).toEqual(["no-prefix", "not-base64"]);
      for (const e of errors) {
        expect(e).toMatchObject({
          error: null,
          response: {
            status_code: 400,
            body: {
              error: {
                type: "invalid_request_error",
                param: "messages[1].content[1].image_url.url",
                code: "invalid_value",
              },
            },
          },
        });
      }
    } finally {
      await h.close();
    }
  });
});
