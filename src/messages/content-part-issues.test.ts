import { describe, expect, it } from "vitest";
import { formatIssuePath } from "../errors/invalid-argument-error.js";
import { InvalidMessagesError } from "../errors/invalid-messages-error.js";
import { contentPartIssues, inlineImage, throwIfIssues } from "./content-part-issues.js";
import {
  ANTHROPIC_CONTENT_RULES,
  type ContentPartRules,
  GEMINI_CONTENT_RULES,
  OPENAI_CONTENT_RULES,
} from "./content-part-rules.js";
import { dataUrl, IMAGES, pngOfSize } from "./test-support/images.js";
import type { ChatMessage, Conversation } from "./types.js";

const MiB = 1024 * 1024;
const image = (url: string) => ({ type: "image_url" as const, image_url: { url } });
const userWith = (...content: Exclude<ChatMessage["content"], string>): Conversation => [
  { role: "user", content },
];
const codesOf = (rules: ContentPartRules, conversation: Conversation) =>
  contentPartIssues(conversation, 0, rules).map((i) => i.code);
const urlCodes = (rules: ContentPartRules, url: string) => codesOf(rules, userWith(image(url)));

const PROVIDERS = [
  ["openai", OPENAI_CONTENT_RULES],
  ["anthropic", ANTHROPIC_CONTENT_RULES],
  ["google", GEMINI_CONTENT_RULES],
] as const;

describe.each(PROVIDERS)("content part rules: %s", (provider, rules) => {
  it("takes an https image and a base64 PNG data: URL", () => {
    expect(urlCodes(rules, "https://example.com/cat.png")).toEqual([]);
    expect(urlCodes(rules, dataUrl("image/png", IMAGES.png))).toEqual([]);
    expect(urlCodes(rules, dataUrl("IMAGE/PNG", IMAGES.png))).toEqual([]);
  });

  it("refuses file:, http:, ftp: and scheme-less URLs, and an https URL without a host", () => {
    expect(urlCodes(rules, "file:///etc/passwd")).toEqual(["unsupported_image_url_scheme"]);
    expect(urlCodes(rules, "http://example.com/cat.png")).toEqual(["unsupported_image_url_scheme"]);
    expect(urlCodes(rules, "ftp://example.com/cat.png")).toEqual(["unsupported_image_url_scheme"]);
    expect(urlCodes(rules, "/images/cat.png")).toEqual(["invalid_image_url"]);
    expect(urlCodes(rules, "https://")).toEqual(["invalid_image_url"]);
  });

  it(`${provider === "google" ? "takes" : "refuses"} gs:// URIs`, () => {
    expect(urlCodes(rules, "gs://bucket/cat.png")).toEqual(
      provider === "google" ? [] : ["unsupported_image_url_scheme"],
    );
  });

  it("refuses a data: URL that is not base64 or has no media type", () => {
    expect(urlCodes(rules, "data:image/png,notbase64")).toEqual(["invalid_data_url"]);
    expect(urlCodes(rules, `data:;base64,${IMAGES.png}`)).toEqual(["invalid_data_url"]);
    expect(urlCodes(rules, `data:image/png;base64`)).toEqual(["invalid_data_url"]);
  });

  it("refuses a payload that is not valid base64, or empty", () => {
    expect(urlCodes(rules, "data:image/png;base64,notbase64")).toEqual(["invalid_base64"]);
    expect(urlCodes(rules, "data:image/png;base64,iVBO Rw0K")).toEqual(["invalid_base64"]);
    expect(urlCodes(rules, "data:image/png;base64,")).toEqual(["empty_image_data"]);
  });

  it("takes exactly the media types in its table, image/jpg as image/jpeg", () => {
    const payloads: Record<string, string> = {
      "image/png": IMAGES.png,
      "image/jpeg": IMAGES.jpeg,
      "image/gif": IMAGES.gif,
      "image/webp": IMAGES.webp,
      "image/heic": IMAGES.heic,
      "image/heif": IMAGES.heif,
    };
    for (const [type, payload] of Object.entries(payloads)) {
      expect(urlCodes(rules, dataUrl(type, payload)), type).toEqual(
        rules.mediaTypes.includes(type) ? [] : ["unsupported_image_type"],
      );
    }
    expect(urlCodes(rules, dataUrl("image/jpg", IMAGES.jpeg))).toEqual([]);
    expect(urlCodes(rules, dataUrl("image/svg+xml", "PHN2Zz4="))).toEqual([
      "unsupported_image_type",
    ]);
  });

  it("refuses bytes that are no image format it takes", () => {
    expect(urlCodes(rules, dataUrl("image/png", "AAAA"))).toEqual(["unsupported_image_data"]);
  });

  it(`${rules.bytesMustMatchMediaType ? "refuses" : "takes"} bytes of another format than declared`, () => {
    expect(urlCodes(rules, dataUrl("image/png", IMAGES.jpeg))).toEqual(
      rules.bytesMustMatchMediaType ? ["image_type_mismatch"] : [],
    );
  });

  it("counts images per request up to its limit", () => {
    const parts = (n: number) =>
      Array.from({ length: n }, (_, i) => image(`https://example.com/${i}.png`));
    expect(codesOf(rules, userWith(...parts(rules.maxImagesPerRequest)))).toEqual([]);
    const over = contentPartIssues(userWith(...parts(rules.maxImagesPerRequest + 1)), 4, rules);
    expect(over).toEqual([expect.objectContaining({ code: "too_many_images", path: [4] })]);
    expect(over[0]?.message).toContain(`at most ${rules.maxImagesPerRequest}`);
  });

  it("refuses images in system messages; assistant ones as its table says", () => {
    const system: Conversation = [
      { role: "system", content: [image("https://example.com/a.png")] },
      { role: "user", content: "x" },
    ];
    expect(codesOf(rules, system)).toEqual(["unsupported_content_part"]);
    const assistant: Conversation = [
      { role: "user", content: "x" },
      { role: "assistant", content: [image("https://example.com/a.png")] },
    ];
    expect(codesOf(rules, assistant)).toEqual(
      rules.imageRoles.has("assistant") ? [] : ["unsupported_content_part"],
    );
  });

  it(`${rules.namePattern ? "refuses" : "does not check"} a name with spaces or <|\\/>`, () => {
    const named = (name: string): Conversation => [{ role: "user", content: "x", name }];
    expect(codesOf(rules, named("ann_lee-2"))).toEqual([]);
    for (const bad of ["Ann Lee", "a<b", "a|b", "a/b", "a\\b", ""]) {
      expect(codesOf(rules, named(bad)), bad).toEqual(rules.namePattern ? ["invalid_name"] : []);
    }
  });

  it(`${rules.rejectBlankText ? "refuses" : "takes"} blank text parts and messages`, () => {
    const blank: Conversation = [
      {
        role: "user",
        content: [{ type: "text", text: "  " }, image(dataUrl("image/png", IMAGES.png))],
      },
      { role: "assistant", content: "" },
    ];
    expect(codesOf(rules, blank)).toEqual(
      rules.rejectBlankText ? ["empty_content", "empty_content"] : [],
    );
  });
});

describe("content part sizes", () => {
  it("Anthropic: 5 MiB of base64 text per image", () => {
    const at = pngOfSize(3.75 * MiB); // 5 MiB of base64 exactly
    expect(at.length).toBe(5 * MiB);
    expect(urlCodes(ANTHROPIC_CONTENT_RULES, dataUrl("image/png", at))).toEqual([]);
    // One byte more is 4 characters more: refused, though the image is far under 5 MiB.
    const over = pngOfSize(3.75 * MiB + 1);
    const issues = contentPartIssues(
      userWith(image(dataUrl("image/png", over))),
      0,
      ANTHROPIC_CONTENT_RULES,
    );
    expect(issues.map((i) => i.code)).toEqual(["image_too_large"]);
    expect(issues[0]?.message).toContain("base64");
  });

  it("OpenAI: 20 MiB per image and 50 MiB of images per request", () => {
    const justUnder = pngOfSize(20 * MiB);
    expect(urlCodes(OPENAI_CONTENT_RULES, dataUrl("image/png", justUnder))).toEqual([]);
    const over = pngOfSize(20 * MiB + 1);
    expect(urlCodes(OPENAI_CONTENT_RULES, dataUrl("image/png", over))).toEqual(["image_too_large"]);
    // Three images of 18 MiB: each allowed, 54 MiB together refused.
    const url = dataUrl("image/png", pngOfSize(18 * MiB));
    const issues = contentPartIssues(
      userWith(image(url), image(url), image(url)),
      2,
      OPENAI_CONTENT_RULES,
    );
    expect(issues).toEqual([
      expect.objectContaining({ code: "inline_images_too_large", path: [2] }),
    ]);
  });

  it("Gemini: 100 MiB of inline images per request (checked with a smaller table)", () => {
    expect(GEMINI_CONTENT_RULES.maxInlineBytesPerRequest).toBe(100 * MiB);
    expect(GEMINI_CONTENT_RULES.maxImageSize).toEqual({ bytes: 100 * MiB, of: "decoded" });
    // The same mechanism with the limits scaled down a thousandfold (100 MiB strings would
    // make a slow test of nothing more).
    const small: ContentPartRules = {
      ...GEMINI_CONTENT_RULES,
      maxImageSize: { bytes: 100 * 1024, of: "decoded" },
      maxInlineBytesPerRequest: 100 * 1024,
    };
    const url = dataUrl("image/png", pngOfSize(60_000));
    expect(codesOf(small, userWith(image(url)))).toEqual([]);
    expect(codesOf(small, userWith(image(url), image(url)))).toEqual(["inline_images_too_large"]);
    expect(urlCodes(small, dataUrl("image/png", pngOfSize(120_000)))).toEqual(["image_too_large"]);
  });
});

describe("issues name the conversation, message and part", () => {
  it("paths read like [3][1].content[2].image_url.url, and the request is named", () => {
    const conversation: Conversation = [
      { role: "system", content: "s" },
      {
        role: "user",
        content: [
          { type: "text", text: "a" },
          { type: "text", text: "b" },
          image("file:///etc/passwd"),
        ],
      },
    ];
    const issues = contentPartIssues(conversation, 3, OPENAI_CONTENT_RULES);
    expect(issues.map((i) => formatIssuePath(i.path))).toEqual(["[3][1].content[2].image_url.url"]);
    expect(issues[0]?.message).toContain("file:");
    let error: unknown;
    try {
      throwIfIssues(issues, "row-3");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidMessagesError);
    expect((error as Error).message).toBe(
      `[3][1].content[2].image_url.url: OpenAI cannot fetch file: URLs ("file:///etc/passwd"); it takes https://, data: URLs (request "row-3")`,
    );
  });

  it("keeps what may be a secret in a URL out of the message", () => {
    const [issue] = contentPartIssues(
      userWith(image("ftp://bob:s3cret@files.local/a.png?X-Amz-Signature=abc123&key=k9")),
      0,
      OPENAI_CONTENT_RULES,
    );
    expect(issue?.message).toContain('"ftp://...@files.local/a.png?..."');
    expect(issue?.message).not.toMatch(/s3cret|abc123|k9|bob/);
  });

  it("stops at 50 issues for 100,000 bad parts", () => {
    const parts = Array.from({ length: 100_000 }, () => image("file:///x"));
    expect(contentPartIssues(userWith(...parts), 0, GEMINI_CONTENT_RULES).length).toBe(50);
  });

  it("takes time linear in the number of parts (complexity check, generous factor)", () => {
    const time = (n: number) => {
      const conversation = userWith(
        ...Array.from({ length: n }, () => image(dataUrl("image/png", IMAGES.png))),
      );
      const started = performance.now();
      contentPartIssues(conversation, 0, GEMINI_CONTENT_RULES);
      return performance.now() - started;
    };
    time(2_000);
    const small = time(3_000);
    const large = time(24_000);
    expect(large / Math.max(small, 0.5)).toBeLessThan(30);
  });
});

describe("inlineImage", () => {
  it("gives the canonical media type and the payload of a checked data: URL", () => {
    expect(inlineImage(dataUrl("image/jpg", IMAGES.jpeg), ANTHROPIC_CONTENT_RULES)).toEqual({
      mediaType: "image/jpeg",
      data: IMAGES.jpeg,
    });
  });
});
