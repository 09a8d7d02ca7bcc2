// PDFs and images in OpenAI batches, on both endpoints, against the emulator over real HTTP: what
// the library sends (read back with the official SDK), what the emulator answers from the PDF's
// text, and how it counts the parts in usage.
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { DemoUser } from "../src/cli/demo.js";
import { IMAGE_TOKENS, PDF_PAGE_TOKENS } from "../src/emulator/openai/file-part-content.js";
import {
  BatchProcessor,
  type BatchProcessorOptions,
  type ChatMessage,
  type ContentPart,
  filePart,
  InvalidMessagesError,
} from "../src/index.js";
import { dataUrl, IMAGES } from "../src/messages/test-support/images.js";
import { makePdf } from "../src/messages/test-support/pdf.js";
import { useEmulatorServer } from "./support/emulator-server.js";

const server = useEmulatorServer();
const sdk = () => new OpenAI({ apiKey: "k", baseURL: server.baseURL, maxRetries: 0 });
const ENDPOINTS = ["/v1/chat/completions", "/v1/responses"] as const;
const make = (endpoint: (typeof ENDPOINTS)[number]) =>
  new BatchProcessor("openai/gpt-4o-mini", DemoUser, {
    apiKey: "test-key",
    baseURL: server.baseURL,
    openai: { endpoint } satisfies BatchProcessorOptions["openai"],
  });

const pdfBytes = (text: string, compress = false) =>
  Uint8Array.from(atob(makePdf(text, { compress })), (c) => c.charCodeAt(0));
const invoice = (text: string, compress = false) =>
  filePart(pdfBytes(text, compress), { mediaType: "application/pdf", filename: "invoice.pdf" });
const ask = (...parts: ContentPart[]): ChatMessage[] => [
  { role: "system", content: "Extract the person." },
  { role: "user", content: [{ type: "text", text: "From this document:" }, ...parts] },
];

async function run(processor: BatchProcessor<unknown>, conversations: ChatMessage[][]) {
  const buffer = await processor.createBatchFromMessages(conversations, { maxTokens: 300 });
  const id = await processor.submitBatch(buffer);
  await processor.waitForCompletion(id, { pollIntervalMs: 5 });
  const batch = await sdk().batches.retrieve(id);
  const input = await (await sdk().files.content(batch.input_file_id)).text();
  return {
    results: await processor.getResults(id),
    lines: input
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l)),
  };
}

describe.each(ENDPOINTS)("OpenAI file parts on %s", (endpoint) => {
  it("extracts the values written in a PDF, and counts its page and text in usage", async () => {
    const processor = make(endpoint) as BatchProcessor<unknown>;
    const text = "Ann Lee is 40 years old, ann@x.io";
    const { results, lines } = await run(processor, [
      ask(invoice(text)),
      ask(invoice("Bob Wilson is 28 years old, bob@email.com", true)),
      [
        { role: "system", content: "Extract the person." },
        { role: "user", content: "From this document:" },
      ],
    ]);
    const [ann, bob, plain] = results.sort((a, b) => a.customId.localeCompare(b.customId));
    expect(ann).toMatchObject({
      success: true,
      result: { name: "Ann Lee", age: 40, email: "ann@x.io" },
    });
    expect(bob).toMatchObject({ success: true, result: { name: "Bob Wilson", age: 28 } });
    // One page (765 tokens) plus the PDF's text (4 characters a token) over the same request
    // without the file.
    const added = ann!.usage!.inputTokens - plain!.usage!.inputTokens;
    expect(added).toBeGreaterThanOrEqual(PDF_PAGE_TOKENS + Math.ceil(text.length / 4) - 1);
    expect(added).toBeLessThanOrEqual(PDF_PAGE_TOKENS + Math.ceil(text.length / 4) + 2);

    const data = `data:application/pdf;base64,${makePdf(text)}`;
    const sent = lines.find((l) => l.custom_id === ann!.customId).body;
    if (endpoint === "/v1/responses") {
      expect(sent.input[1].content[1]).toEqual({
        type: "input_file",
        filename: "invoice.pdf",
        file_data: data,
      });
    } else {
      expect(sent.messages[1].content[1]).toEqual({
        type: "file",
        file: { filename: "invoice.pdf", file_data: data },
      });
    }
  });

  it("sends images in the endpoint's part type and counts them by detail", async () => {
    const png = dataUrl("image/png", IMAGES.png);
    const processor = make(endpoint) as BatchProcessor<unknown>;
    const { results, lines } = await run(processor, [
      ask({ type: "file", url: png }),
      ask({ type: "image_url", image_url: { url: png, detail: "low" } }),
    ]);
    const [high, low] = results.sort((a, b) => a.customId.localeCompare(b.customId));
    expect(high!.usage!.inputTokens - low!.usage!.inputTokens).toBe(
      IMAGE_TOKENS.high - IMAGE_TOKENS.low,
    );
    const part = lines[0].body[endpoint === "/v1/responses" ? "input" : "messages"][1].content[1];
    expect(part).toEqual(
      endpoint === "/v1/responses"
        ? { type: "input_image", image_url: png, detail: "auto" }
        : { type: "image_url", image_url: { url: png } },
    );
  });
});

describe("OpenAI PDFs by URL", () => {
  const remote = {
    type: "file" as const,
    url: "https://example.com/a.pdf",
    mediaType: "application/pdf",
  };

  it("chat completions refuse them before anything is written, naming the part", async () => {
    const processor = make("/v1/chat/completions");
    const error = await processor
      .createBatchFromMessages([ask(invoice("x")), ask(remote)])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidMessagesError);
    const issue = (error as InvalidMessagesError).issues[0]!;
    expect(issue).toMatchObject({
      code: "unsupported_file_url",
      path: [1, 1, "content", 1, "url"],
    });
    expect(issue.message).toContain('{ openai: { endpoint: "/v1/responses" } }');
    expect(issue.message).toContain('(request "request-1")');
  });

  it("the Responses API sends them as file_url", async () => {
    const { lines, results } = await run(make("/v1/responses") as BatchProcessor<unknown>, [
      ask(remote),
    ]);
    expect(lines[0].body.input[1].content[1]).toEqual({
      type: "input_file",
      file_url: "https://example.com/a.pdf",
    });
    // The emulator does not fetch it: it answers, with one page counted.
    expect(results[0]?.usage?.inputTokens).toBeGreaterThan(PDF_PAGE_TOKENS);
  });
});

describe("a JSONL uploaded with the SDK", () => {
  it("a file part whose data is not a PDF is a 400 line; good ones run on both endpoints", async () => {
    const client = sdk();
    const chatLine = (id: string, fileData: string) => ({
      custom_id: id,
      method: "POST",
      url: "/v1/chat/completions",
      body: {
        model: "gpt-4o-mini",
        response_format: {
          type: "json_schema",
          json_schema: {
            name: "user",
            strict: true,
            schema: {
              type: "object",
              properties: { name: { type: "string" }, email: { type: "string" } },
              required: ["name", "email"],
              additionalProperties: false,
            },
          },
        },
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "Extract." },
              { type: "file", file: { filename: "a.pdf", file_data: fileData } },
            ],
          },
        ],
      },
    });
    const jsonl = [
      chatLine("good", `data:application/pdf;base64,${makePdf("Ann Lee is 40, ann@x.io")}`),
      chatLine("not-pdf", `data:application/pdf;base64,${btoa("hello")}`),
      chatLine("no-prefix", makePdf("x")),
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    const file = await client.files.create({
      file: new File([jsonl], "in.jsonl", { type: "application/jsonl" }),
      purpose: "batch",
    });
    const batch = await client.batches.create({
      input_file_id: file.id,
      endpoint: "/v1/chat/completions",
      completion_window: "24h",
    });
    const done = await client.batches.retrieve(batch.id);
    expect(done.request_counts).toEqual({ total: 3, completed: 1, failed: 2 });
    const errors = (await (await client.files.content(done.error_file_id!)).text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const byId = Object.fromEntries(errors.map((e) => [e.custom_id, e.response]));
    expect(byId["not-pdf"]).toMatchObject({
      status_code: 400,
      body: {
        error: {
          type: "invalid_request_error",
          param: "messages[0].content[1].file.file_data",
          code: "invalid_value",
        },
      },
    });
    expect(byId["no-prefix"].body.error.message).toContain("without the 'data:' prefix");
    // The good line was answered from the PDF's text.
    const output = JSON.parse(await (await client.files.content(done.output_file_id!)).text());
    expect(JSON.parse(output.response.body.choices[0].message.content)).toMatchObject({
      name: "Ann Lee",
      email: "ann@x.io",
    });
  });
});
