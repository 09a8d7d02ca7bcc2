// PDFs on the Gemini path, end to end over real HTTP on 127.0.0.1: the library (sending through
// the official @google/genai SDK) builds file parts into inlineData / fileData, the emulator
// reads the PDF and answers from its text, inline and as an uploaded input file.
import { describe, expect, it } from "vitest";
import { DemoUser } from "../src/cli/demo.js";
import { TOKENS_PER_PDF_PAGE } from "../src/emulator/google/part-media.js";
import { BatchProcessor, type ChatMessage, filePart, resultsByCustomId } from "../src/index.js";
import { makePdf } from "../src/messages/test-support/pdf.js";
import { useScriptedServer } from "./support/end-to-end.js";

const { server, recordBodies } = useScriptedServer();
const MODEL = "google/gemini-2.5-flash";
const options = () => ({ apiKey: "test-key", baseURL: server.url });

const PEOPLE = [
  ["Ada Lovelace", 36, "ada.lovelace@analytical.io"],
  ["Grace Hopper", 85, "grace@navy.example"],
] as const;

function pdfConversation(name: string, age: number, email: string, compress: boolean) {
  const base64 = makePdf(`Registration form\nFull name: ${name}\nAge: ${age}\nEmail: ${email}`, {
    compress,
  });
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const message: ChatMessage = {
    role: "user",
    content: [
      { type: "text", text: "Extract the person from the attached form." },
      filePart(bytes, { mediaType: "application/pdf", filename: "form.pdf" }),
    ],
  };
  return [message];
}

async function run(processor: BatchProcessor<typeof DemoUser._output>) {
  const conversations = PEOPLE.map(([n, a, e], i) => pdfConversation(n, a, e, i === 1));
  const buffer = await processor.createBatchFromMessages(conversations, { maxTokens: 500 });
  const id = await processor.submitBatch(buffer);
  await processor.waitForCompletion(id, { pollIntervalMs: 5 });
  return resultsByCustomId(await processor.getResults(id));
}

describe("PDFs on Gemini, library and emulator", () => {
  it.each([
    ["inline", {}],
    ["an uploaded input file", { google: { inlineMaxBytes: 0 } }],
  ])("extracts the values written in each PDF, %s", async (_mode, extra) => {
    const bodies = recordBodies();
    const results = await run(new BatchProcessor(MODEL, DemoUser, { ...options(), ...extra }));
    for (const [i, [name, age, email]] of PEOPLE.entries()) {
      const result = results.get(`request-${i}`);
      expect(result).toMatchObject({ success: true, result: { name, age, email } });
      // The page is counted on top of the prompt's text.
      expect(result?.usage?.inputTokens).toBeGreaterThan(TOKENS_PER_PDF_PAGE);
    }
    const parts = (bodies[0] as any).contents[0].parts;
    expect(parts[1].inlineData.mimeType).toBe("application/pdf");
    expect(atob(parts[1].inlineData.data).startsWith("%PDF-")).toBe(true);
  });

  it("sends a PDF by URL as fileData with its media type", async () => {
    const bodies = recordBodies();
    const processor = new BatchProcessor(MODEL, DemoUser, options());
    const buffer = await processor.createBatchFromMessages([
      [
        {
          role: "user",
          content: [
            { type: "text", text: "Ann Lee is 40, ann@x.io" },
            { type: "file", url: "gs://forms/ann.pdf", mediaType: "application/pdf" },
          ],
        },
      ],
    ]);
    await processor.waitForCompletion(await processor.submitBatch(buffer), { pollIntervalMs: 5 });
    expect((bodies[0] as any).contents[0].parts[1]).toEqual({
      fileData: { fileUri: "gs://forms/ann.pdf", mimeType: "application/pdf" },
    });
  });
});
