// Messages of megabytes through each provider's whole path, over real HTTP to the emulator on
// 127.0.0.1: built, validated, uploaded or sent inline, read by the emulator's request
// validation and its default responder, answered, downloaded and parsed. The text is made of
// the inputs that made the responder's rules quadratic (160 KB took 48 s); the growth check
// fails if the time for a 4x larger message grows faster than linearly.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchProcessor, type Conversation } from "../src/index.js";
import { useEmulatorServer } from "./support/emulator-server.js";
import { expectLinear } from "./support/linear-growth.js";
import { FACT, worstCaseText } from "./support/worst-case-text.js";

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });
const server = useEmulatorServer();

// biome-ignore format: one path a line
const PATHS = [
  { name: "OpenAI", model: "openai/gpt-4o-mini", v1: true, google: undefined },
  { name: "Anthropic", model: "anthropic/claude-haiku-4-5", v1: false, google: undefined },
  // Under 19 MB a Gemini batch goes inline, as one JSON body; the second is made a file upload.
  { name: "Gemini inline", model: "google/gemini-2.5-flash", v1: false, google: undefined },
  { name: "Gemini file", model: "google/gemini-2.5-flash", v1: false, google: { inlineMaxBytes: 0 } },
];

function processorFor(path: (typeof PATHS)[number]) {
  return new BatchProcessor(path.model, User, {
    apiKey: "test-key",
    baseURL: path.v1 ? server.baseURL : server.url,
    ...(path.google && { google: path.google }),
  });
}

async function run(path: (typeof PATHS)[number], conversations: Conversation[]) {
  const processor = processorFor(path);
  const buffer = await processor.createBatchFromMessages(conversations, { maxTokens: 150 });
  const id = await processor.submitBatch(buffer);
  const status = await processor.waitForCompletion(id, { pollIntervalMs: 5 });
  expect(status.status).toBe("completed");
  return processor.getResults(id);
}

const MB = 1_000_000;

describe.each(PATHS)("megabyte messages on the $name path", (path) => {
  it("answers 2 MB messages as strings, as content parts and as system prompts", async () => {
    const text = worstCaseText(2 * MB);
    const half = Math.floor(text.length / 2);
    const results = await run(path, [
      [
        { role: "system", content: worstCaseText(2 * MB) },
        { role: "user", content: text },
      ],
      [
        {
          role: "system",
          content: [
            { type: "text", text: worstCaseText(MB) },
            { type: "text", text: worstCaseText(MB) },
          ],
        },
        {
          role: "user",
          content: [
            { type: "text", text: text.slice(0, half) },
            { type: "text", text: text.slice(half) },
          ],
        },
      ],
    ]);
    // The facts are read from the user's text, at its very end, past 2 MB of worst inputs.
    expect(results.map((r) => r.success && r.result)).toEqual([FACT, FACT]);
  });

  it.each([10, 50])("answers a %i MB message", { timeout: 120_000 }, async (mb) => {
    const results = await run(path, [[{ role: "user", content: worstCaseText(mb * MB) }]]);
    expect(results.map((r) => r.success && r.result)).toEqual([FACT]);
  });

  it("takes time linear in the length of a message", { timeout: 120_000 }, async () => {
    await expectLinear(
      async (chars) => {
        const results = await run(path, [[{ role: "user", content: worstCaseText(chars) }]]);
        expect(results[0]?.success).toBe(true);
      },
      { start: MB, maxSmall: MB, runs: 2 },
    );
  });
});
