// Content parts through BatchProcessor against the emulator over real HTTP on 127.0.0.1, on
// every provider: a part the provider would refuse stops the build before any request is made
// (the emulator's request log stays empty); valid image parts arrive in each provider's shape.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DemoUser } from "../src/cli/demo.js";
import type { RequestLogEntry } from "../src/emulator/index.js";
import { BatchProcessor, formatIssuePath, InvalidMessagesError } from "../src/index.js";
import { CONTENT_PART_RULES, formatBytes } from "../src/messages/content-part-rules.js";
import { dataUrl, IMAGES } from "../src/messages/test-support/images.js";
import type { Conversation } from "../src/messages/types.js";
import { useScriptedServer } from "./support/end-to-end.js";

const log: RequestLogEntry[] = [];
const { server, recordBodies } = useScriptedServer({ onRequest: (entry) => log.push(entry) });

const MODELS = {
  openai: "openai/gpt-4o-mini",
  anthropic: "anthropic/claude-haiku-4-5",
  google: "google/gemini-2.5-flash",
} as const;
type Provider = keyof typeof MODELS;

const processor = (provider: Provider) =>
  new BatchProcessor(MODELS[provider], DemoUser, {
    apiKey: "test-key",
    baseURL: provider === "openai" ? server.baseURL : server.url,
  });

const PNG = dataUrl("image/png", IMAGES.png);
const HTTPS = "https://example.com/people/ann.jpg";
const withImage = (url: string): Conversation => [
  {
    role: "user",
    content: [
      { type: "text", text: "Who is this?" },
      { type: "image_url", image_url: { url } },
    ],
  },
];
const good: Conversation[] = [
  [{ role: "user", content: "Ann Lee is 40, ann@x.io" }],
  [
    {
      role: "user",
      content: [
        { type: "text", text: "Who is this?" },
        { type: "image_url", image_url: { url: HTTPS } },
        { type: "image_url", image_url: { url: PNG, detail: "low" } },
      ],
    },
  ],
];

/** The wire form of the second conversation's user message, as each provider takes it. */
const WIRE: Record<Provider, (body: Record<string, unknown>) => unknown> = {
  openai: (body) => (body.messages as unknown[])[0],
  anthropic: (body) => (body.messages as unknown[])[0],
  google: (body) => (body.contents as unknown[])[0],
};
const EXPECTED: Record<Provider, unknown> = {
  openai: good[1]![0],
  anthropic: {
    role: "user",
    content: [
      { type: "text", text: "Who is this?" },
      { type: "image", source: { type: "url", url: HTTPS } },
      { type: "image", source: { type: "base64", media_type: "image/png", data: IMAGES.png } },
    ],
  },
  google: {
    role: "user",
    parts: [
      { text: "Who is this?" },
      { fileData: { fileUri: HTTPS, mimeType: "image/jpeg" } },
      { inlineData: { mimeType: "image/png", data: IMAGES.png } },
    ],
  },
};

describe.each(Object.keys(MODELS) as Provider[])("content parts on %s", (provider) => {
  const bad: [string, string, string][] = [
    ["data:image/png,notbase64", "invalid_data_url", "[1][0].content[1].image_url.url"],
    ["file:///etc/passwd", "unsupported_image_url_scheme", "[1][0].content[1].image_url.url"],
    ["data:image/png;base64,notbase64", "invalid_base64", "[1][0].content[1].image_url.url"],
    [
      dataUrl("image/svg+xml", "PHN2Zz4="),
      "unsupported_image_type",
      "[1][0].content[1].image_url.url",
    ],
  ];
  it.each(bad)("refuses %s before anything is sent", async (url, code, path) => {
    log.length = 0;
    const p = processor(provider);
    let error: unknown;
    try {
      const buffer = await p.createBatchFromMessages([good[0]!, withImage(url)]);
      await p.submitBatch(buffer);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidMessagesError);
    const issue = (error as InvalidMessagesError).issues[0]!;
    expect([issue.code, formatIssuePath(issue.path)]).toEqual([code, path]);
    expect(issue.message).toContain('(request "request-1")');
    expect(log).toEqual([]);
    // And the streamed build refuses it too, at the same conversation.
    const parts = await p.createBatchFromMessages([good[0]!, withImage(url)], { stream: true });
    await expect(p.submitBatch(parts)).rejects.toThrow(InvalidMessagesError);
    // The first part is built before the bad conversation arrives, so nothing may be created:
    // a streamed part is only sent once complete, and this one never completes.
    expect(log.filter((e) => e.method === "POST")).toEqual([]);
  });

  it("sends an https image and a base64 PNG data: URL in the provider's wire shape", async () => {
    log.length = 0;
    const bodies = recordBodies();
    const p = processor(provider);
    const id = await p.submitBatch(await p.createBatchFromMessages(good, { maxTokens: 100 }));
    await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(log.length).toBeGreaterThan(0);
    const withImages = bodies.find((b) => JSON.stringify(b).includes(IMAGES.png));
    expect(withImages).toBeDefined();
    expect(WIRE[provider](withImages!)).toEqual(EXPECTED[provider]);
    const results = await p.getResults(id);
    expect(results.map((r) => r.success)).toEqual([true, true]);
  });
});

describe("README: the content parts table says what the rules hold", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const row = (name: string) => {
    const line = readme.split("\n").find((l) => l.startsWith(`| ${name} `));
    return line
      ?.split("|")
      .slice(2, 5)
      .map((cell) => cell.trim());
  };
  const rules = [
    CONTENT_PART_RULES.openai,
    CONTENT_PART_RULES.anthropic,
    CONTENT_PART_RULES.google,
  ];

  it("images per request, sizes and media types", () => {
    expect(row("images per request")).toEqual(
      rules.map((r) => r.maxImagesPerRequest.toLocaleString("en-US")),
    );
    expect(row("size per inline image")).toEqual(
      rules.map(
        (r) =>
          `${formatBytes(r.maxImageSize.bytes)}${r.maxImageSize.of === "base64" ? " of base64 text" : ""}`,
      ),
    );
    expect(row("inline media types")).toEqual(
      rules.map((r) => r.mediaTypes.map((t) => t.replace("image/", "")).join(", ")),
    );
    expect(row("image URLs")).toEqual(
      rules.map((r) => [...r.urlSchemes.map((s) => `\`${s}//\``), "base64 `data:`"].join(", ")),
    );
  });
});
