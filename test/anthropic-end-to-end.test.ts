// The library against its own emulator over real HTTP on 127.0.0.1: what is particular to the
// Anthropic path. What every adapter does alike is asserted once for all in test/conformance.
import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { DEMO_CONVERSATIONS, DemoUser } from "../src/cli/demo.js";
import { BatchProcessor, filterSuccessful, InvalidArgumentError } from "../src/index.js";
import {
  conversation,
  runToResults,
  slowEmulator,
  useScriptedServer,
} from "./support/end-to-end.js";

const { server, recordBodies, runOutcomes } = useScriptedServer();
// Anthropic's baseURL has no /v1: the SDK's paths start with it.
const processor = (options: { logger?: { warn: (m: string) => void } } = {}) =>
  new BatchProcessor("anthropic/claude-haiku-4-5", DemoUser, {
    apiKey: "test-key",
    baseURL: server.url,
    ...options,
  });
const sdk = () => new Anthropic({ apiKey: "k", baseURL: server.url });

describe("Anthropic path on the emulator", () => {
  it("ends a batch as `ended`, sends no metadata, and keeps each raw result line", async () => {
    const p = processor();
    const buffer = await p.createBatchFromMessages(DEMO_CONVERSATIONS, { maxTokens: 150 });
    const id = await p.submitBatch(buffer, { metadata: { description: "demo" } });
    expect(id).toMatch(/^msgbatch_/);
    const final = await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(final).toMatchObject({ status: "completed", rawStatus: "ended", metadata: undefined });
    const first = filterSuccessful(await p.getResults(id))[0];
    expect(first?.raw).toMatchObject({ custom_id: first?.customId, result: { type: "succeeded" } });
  });

  it("sends forced tool use, max_tokens, system and stop_sequences; omits temperature with a warning", async () => {
    const bodies = recordBodies();
    const logged: string[] = [];
    const p = processor({ logger: { warn: (m) => logged.push(m) } });
    const buffer = await p.createBatchFromMessages(
      [[{ role: "system", content: "Extract." }, ...conversation("Ann Lee is 40, ann@x.io")]],
      { maxTokens: 150, temperature: 0.1, stop: "###" },
    );
    expect(buffer.warnings).toEqual([
      expect.stringMatching(/^temperature is not sent to Anthropic/),
    ]);
    expect(buffer.warnings[0]).toContain("providerOptions: { anthropic: { temperature: 0.1 } }");
    expect(logged).toEqual(buffer.warnings);
    const id = await p.submitBatch(buffer);
    await p.waitForCompletion(id, { pollIntervalMs: 5 });
    const results = await p.getResults(id);
    expect(results[0]).toMatchObject({ success: true, result: { name: "Ann Lee", age: 40 } });
    expect(bodies[0]).toMatchObject({
      model: "claude-haiku-4-5",
      max_tokens: 150,
      system: "Extract.",
      stop_sequences: ["###"],
      tools: [
        { name: "response", input_schema: { type: "object", required: ["name", "age", "email"] } },
      ],
      tool_choice: { type: "tool", name: "response" },
    });
    expect(bodies[0]).not.toHaveProperty("temperature");
  });

  it("shows why: a temperature forced through providerOptions is rejected under 2026-10-21", async () => {
    const p = processor();
    const buffer = await p.createBatchFromMessages([conversation("x")], {
      maxTokens: 50,
      providerOptions: { anthropic: { temperature: 0.1 } },
    });
    expect(buffer.warnings).toEqual([]);
    const id = await p.submitBatch(buffer);
    await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(await p.getResults(id)).toEqual([
      expect.objectContaining({
        errorType: "provider_error",
        errorCode: "invalid_request_error",
        statusCode: 400,
        errorMessage: expect.stringContaining("temperature"),
      }),
    ]);
  });

  it("sends a default max_tokens when maxTokens is absent, and warns", async () => {
    const bodies = recordBodies();
    const p = processor();
    const buffer = await p.createBatchFromMessages([conversation("Ann Lee is 40, ann@x.io")]);
    expect(buffer.warnings).toEqual([expect.stringContaining("4096 is sent")]);
    await p.waitForCompletion(await p.submitBatch(buffer), { pollIntervalMs: 5 });
    expect(bodies[0]?.max_tokens).toBe(4096);
  });

  it("keeps Anthropic's error fields: an overloaded request, a cut tool call, a refusal", async () => {
    const byId = await runOutcomes(
      processor(),
      {
        overloaded: {
          type: "error",
          status: 529,
          errorType: "overloaded_error",
          message: "Overloaded",
        },
        cut: { type: "truncated" },
        refused: { type: "refusal", message: "I can't help with that." },
      },
      { maxTokens: 200 },
    );
    expect(byId.get("overloaded")).toMatchObject({
      errorType: "provider_error",
      errorCode: "overloaded_error",
      statusCode: 529,
      errorMessage: "Overloaded",
    });
    expect(byId.get("cut")).toMatchObject({ errorType: "truncated", errorCode: "max_tokens" });
    expect(byId.get("refused")).toMatchObject({
      errorType: "refusal",
      errorMessage: "I can't help with that.",
    });
  });

  it("names Anthropic's statuses while a batch runs: in_progress, canceling, ended", async () => {
    const slow = slowEmulator();
    const p = new BatchProcessor("anthropic/claude-haiku-4-5", DemoUser, {
      apiKey: "k",
      fetch: slow.fetch,
      baseURL: "http://emulator.local",
    });
    const id = await p.submitBatch(
      await p.createBatchFromMessages([conversation("x"), conversation("y")], { maxTokens: 10 }),
    );
    // Anthropic has no queued state of its own: a batch not yet started is already in_progress.
    await expect(p.getResults(id)).rejects.toThrow(
      /status is "processing" \(provider: "in_progress"\)/,
    );
    const cancelling = await p.cancelBatch(id);
    expect(cancelling).toMatchObject({ rawStatus: "canceling", status: "processing" });
    slow.emulator.clock.advance(60_000);
    const final = await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(final).toMatchObject({ status: "cancelled", rawStatus: "ended" });
  });

  it("deletes an ended batch for good, with no files to delete", async () => {
    const p = processor();
    const id = await p.submitBatch(
      await p.createBatchFromMessages([conversation("x")], { maxTokens: 10 }),
    );
    await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(await p.deleteBatch(id)).toEqual({ id, batchDeleted: true, deletedFiles: [] });
    await expect(sdk().messages.batches.retrieve(id)).rejects.toThrow(Anthropic.NotFoundError);
  });

  it("checks custom ids against Anthropic's rule when the batch is built", async () => {
    const p = processor();
    const before = (await sdk().messages.batches.list({ limit: 1 })).data[0]?.id;
    for (const bad of ["has space", "dots.not.allowed", "x".repeat(65)]) {
      await expect(
        p.createBatchFromMessages([conversation("a")], { customIds: [bad], maxTokens: 5 }),
      ).rejects.toThrow(InvalidArgumentError);
    }
    const error = await p
      .createBatchFromMessages([conversation("a")], { customIds: ["user.1"] })
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain("customIds[0]");
    expect((await sdk().messages.batches.list({ limit: 1 })).data[0]?.id).toBe(before);
    const { results } = await runToResults(p, ["x"], { customIds: ["user_1-A"], maxTokens: 200 });
    expect(results[0]?.customId).toBe("user_1-A");
  });
});
