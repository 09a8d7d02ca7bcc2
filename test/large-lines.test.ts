// The library's side of long inputs: results files with a 50 MB line (as a string, as bytes, as
// a stream of small chunks, where joining the pieces of one line could go quadratic), and
// conversations of 100,000+ content parts through validation, each provider's converter and
// encoder, the emulator and back. Growth checks compare 4x the input with a generous bound.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchProcessor, type Conversation, InvalidMessagesError } from "../src/index.js";
import { useEmulatorServer } from "./support/emulator-server.js";
import { expectLinear } from "./support/linear-growth.js";
import { FACT, FACT_SENTENCE } from "./support/worst-case-text.js";

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });
const server = useEmulatorServer();

const PROVIDERS = [
  { provider: "openai", model: "openai/gpt-4o-mini", v1: true },
  { provider: "anthropic", model: "anthropic/claude-haiku-4-5", v1: false },
  { provider: "google", model: "google/gemini-2.5-flash", v1: false },
] as const;

type Provider = (typeof PROVIDERS)[number];

const processorFor = (p: Provider) =>
  new BatchProcessor(p.model, User, {
    apiKey: "test-key",
    baseURL: p.v1 ? server.baseURL : server.url,
  });

/** One success line of the provider's results file whose answer carries a name of `chars`. */
function resultLine(provider: Provider["provider"], chars: number): string {
  const content = JSON.stringify({ ...FACT, name: "x".repeat(chars) });
  if (provider === "openai") {
    const message = { role: "assistant", content, refusal: null };
    const body = {
      object: "chat.completion",
      choices: [{ index: 0, message, finish_reason: "stop" }],
    };
    const response = { status_code: 200, request_id: "req_1", body };
    return JSON.stringify({ id: "batch_req_1", custom_id: "request-0", response, error: null });
  }
  if (provider === "anthropic") {
    const message = {
      type: "message",
      role: "assistant",
      content: [{ type: "text", text: content }],
      stop_reason: "end_turn",
    };
    return JSON.stringify({ custom_id: "request-0", result: { type: "succeeded", message } });
  }
  const candidate = {
    content: { role: "model", parts: [{ text: content }] },
    finishReason: "STOP",
  };
  return JSON.stringify({ response: { candidates: [candidate] }, key: "request-0" });
}

/** The bytes as a stream of `size`-byte chunks: a line's pieces arrive one by one. */
function inChunks(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.subarray(at, at + size));
      at += size;
    },
  });
}

const MB = 1_000_000;

describe.each(PROVIDERS)("a results line of megabytes ($provider)", (p) => {
  it("reads a 50 MB line as a string, as bytes and as a stream of small chunks", async () => {
    const processor = processorFor(p);
    const text = `${resultLine(p.provider, 50 * MB)}\n`;
    const bytes = new TextEncoder().encode(text);
    const name = (results: unknown[]) =>
      results.map((r) => {
        const result = r as { success: boolean; result?: { name: string } };
        return result.success && result.result!.name.length;
      });
    expect(name(await processor.parseResults(text))).toEqual([50 * MB]);
    expect(name(await processor.parseResults(bytes))).toEqual([50 * MB]);
    for (const size of [1024, 65_536]) {
      const streamed: unknown[] = [];
      for await (const r of processor.parseResultsStream(inChunks(bytes, size))) streamed.push(r);
      expect(name(streamed)).toEqual([50 * MB]);
    }
  }, 120_000);

  it("reads a line arriving in 4 KB chunks in time linear in its length", async () => {
    const processor = processorFor(p);
    await expectLinear(
      async (chars) => {
        const bytes = new TextEncoder().encode(`${resultLine(p.provider, chars)}\n`);
        let count = 0;
        for await (const r of processor.parseResultsStream(inChunks(bytes, 4096))) {
          if (r.success) count++;
        }
        expect(count).toBe(1);
      },
      { start: 2 * MB, maxSmall: 8 * MB },
    );
  }, 120_000);
});

/** System and user messages of `parts` text parts each, then the sentence to extract. */
function manyParts(parts: number): Conversation {
  const texts = (prefix: string) =>
    Array.from({ length: parts }, (_, i) => ({ type: "text" as const, text: `${prefix}${i} ` }));
  return [
    { role: "system", content: texts("s") },
    { role: "user", content: texts("u") },
    // Consecutive user messages: Gemini merges them into one turn of 2x parts.
    { role: "user", content: texts("v") },
    { role: "user", content: FACT_SENTENCE },
  ];
}

async function buildAndRun(p: Provider, conversation: Conversation) {
  const processor = processorFor(p);
  const buffer = await processor.createBatchFromMessages([conversation], { maxTokens: 150 });
  const id = await processor.submitBatch(buffer);
  await processor.waitForCompletion(id, { pollIntervalMs: 5 });
  return processor.getResults(id);
}

describe.each(PROVIDERS)("messages of 100,000+ content parts ($provider)", (p) => {
  // 200,000 parts: pushing them with push(...parts) overflowed the stack (Anthropic's system
  // blocks, Gemini's merged turns) with a RangeError instead of building the request.
  it("builds, sends and answers a conversation of 200,000-part messages", async () => {
    const results = await buildAndRun(p, manyParts(200_000));
    expect(results.map((r) => r.success && r.result)).toEqual([FACT]);
  }, 120_000);

  it("takes time linear in the number of parts", async () => {
    await expectLinear(
      async (parts) => {
        const results = await buildAndRun(p, manyParts(parts));
        expect(results[0]?.success).toBe(true);
      },
      { start: 20_000, maxSmall: 20_000, runs: 2 },
    );
  }, 120_000);
});

describe("a message of 100,000 bad content parts", () => {
  it("is refused with the first 50 problems, as the messages list promises", async () => {
    const processor = processorFor(PROVIDERS[0]);
    const content = Array.from({ length: 100_000 }, () => ({ type: "bogus" }));
    const conversation = [{ role: "user", content }] as unknown as Conversation;
    const error = await processor.createBatchFromMessages([conversation]).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidMessagesError);
    expect(error.issues).toHaveLength(50);
    expect(error.issues[49]).toMatchObject({ path: [0, 0, "content", 49, "type"] });
  });
});
