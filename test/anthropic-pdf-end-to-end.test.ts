// PDFs on the Anthropic path: file parts through the library and the official SDK, over real
// HTTP to the emulator, which reads the PDF's text; the values written in the PDF come back.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchProcessor, filePart, InvalidMessagesError } from "../src/index.js";
import { makePdf } from "../src/messages/test-support/pdf.js";
import { useScriptedServer } from "./support/end-to-end.js";

const { server, recordBodies } = useScriptedServer();
const Invoice = z.object({ name: z.string(), age: z.number().int(), email: z.string() });
const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

const PEOPLE = [
  "Registration form\nJohn Doe is 25 years old and his email is john@example.com",
  "Registration form\nJane Smith, age 30, can be reached at jane.smith@company.com",
];

async function run(options: object, processorOptions: object = {}) {
  const p = new BatchProcessor("anthropic/claude-haiku-4-5", Invoice, {
    apiKey: "test-key",
    baseURL: server.url,
    ...processorOptions,
  });
  const conversations = PEOPLE.map((text, i) => [
    {
      role: "user" as const,
      content: [
        { type: "text" as const, text: "Extract the person from this form." },
        filePart(bytesOf(makePdf(text, { compress: i === 1 })), {
          mediaType: "application/pdf",
          filename: `form-${i}.pdf`,
        }),
      ],
    },
  ]);
  const buffer = await p.createBatchFromMessages(conversations, options);
  const id = await p.submitBatch(buffer);
  await p.waitForCompletion(id, { pollIntervalMs: 5 });
  return p.getResults(id);
}

describe("PDFs on Anthropic", () => {
  it("sends document blocks and gets back the values written in each PDF", async () => {
    const bodies = recordBodies();
    const results = await run({ maxTokens: 300 });
    expect(results.map((r) => r.success && r.result)).toEqual([
      { name: "John Doe", age: 25, email: "john@example.com" },
      { name: "Jane Smith", age: 30, email: "jane.smith@company.com" },
    ]);
    const content = (bodies[0]!.messages as { content: unknown[] }[])[0]!.content;
    expect(content[1]).toMatchObject({
      type: "document",
      source: { type: "base64", media_type: "application/pdf" },
      title: "form-0.pdf",
    });
    // The page image is counted on top of the text.
    const first = results[0]!;
    expect(first.success && first.usage!.inputTokens).toBeGreaterThan(1500);
  });

  it("reads PDFs with thinking and native structured output together", async () => {
    const results = await run(
      { maxTokens: 4000, reasoning: { budgetTokens: 1024 } },
      { anthropic: { structuredOutput: "native" } },
    );
    expect(results[1]).toMatchObject({
      success: true,
      result: { name: "Jane Smith", age: 30 },
      usage: { reasoningTokens: expect.any(Number) },
    });
  });

  it("refuses a file that is not a PDF before sending, naming the part", async () => {
    const p = new BatchProcessor("anthropic/claude-haiku-4-5", Invoice, {
      apiKey: "test-key",
      baseURL: server.url,
    });
    const error = await p
      .createBatchFromMessages([
        [
          {
            role: "user",
            content: [{ type: "file", url: "data:application/pdf;base64,aGVsbG8=" }],
          },
        ],
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidMessagesError);
    expect((error as InvalidMessagesError).issues[0]?.path).toEqual([0, 0, "content", 0, "url"]);
  });
});
