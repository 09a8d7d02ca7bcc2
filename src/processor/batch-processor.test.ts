import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { InvalidMessagesError } from "../errors/invalid-messages-error.js";
import { UnsupportedSchemaError } from "../errors/unsupported-schema-error.js";
import { BatchProcessor } from "./batch-processor.js";

const User = z.object({ name: z.string(), age: z.number().int() });
const user = (text: string) => [{ role: "user" as const, content: text }];

describe("BatchProcessor (offline)", () => {
  it("refuses a schema strict mode cannot express when it is created, naming the place", () => {
    const Tags = z.object({ name: z.string(), tags: z.record(z.string(), z.number()) });
    expect(() => new BatchProcessor("openai/gpt-4o-mini", Tags)).toThrow(UnsupportedSchemaError);
    expect(() => new BatchProcessor("openai/gpt-4o-mini", Tags)).toThrow("#/properties/tags");
    expect(() => new BatchProcessor("openai/gpt-4o-mini", z.object({ at: z.date() }))).toThrow(
      UnsupportedSchemaError,
    );
  });

  it("builds one line per conversation with default ids, without any credentials", async () => {
    const processor = new BatchProcessor("openai/gpt-4o-mini", User);
    const buffer = await processor.createBatchFromMessages([user("a"), user("b")], {
      maxTokens: 10,
    });
    expect(buffer.customIds).toEqual(["request-0", "request-1"]);
    expect([...buffer.lines()].map((l) => JSON.parse(l).custom_id)).toEqual([
      "request-0",
      "request-1",
    ]);
    expect(buffer.warnings).toEqual([]);
    expect(processor.wireSchema).toMatchObject({
      additionalProperties: false,
      required: ["name", "age"],
    });
  });

  it("checks messages, parameters and ids before building anything", async () => {
    const processor = new BatchProcessor("openai/gpt-4o-mini", User);
    await expect(processor.createBatchFromMessages([])).rejects.toThrow(InvalidMessagesError);
    await expect(
      processor.createBatchFromMessages([user("a")], { temperature: 5 }),
    ).rejects.toThrow("temperature");
    await expect(
      processor.createBatchFromMessages([user("a"), user("b")], { customIds: ["x", "x"] }),
    ).rejects.toThrow('customIds[1]: "x" is already used by customIds[0]');
    await expect(processor.createBatchFromMessages([user("a")], { filePath: "" })).rejects.toThrow(
      InvalidArgumentError,
    );
  });

  it("refuses to submit a buffer built for another provider", async () => {
    const processor = new BatchProcessor("openai/gpt-4o-mini", User, {
      apiKey: "k",
      baseURL: "http://127.0.0.1:9/v1",
    });
    const { BatchBuffer } = await import("../batch/batch-buffer.js");
    const foreign = new BatchBuffer({
      provider: "anthropic",
      model: "m",
      customIds: ["a"],
      chunks: [new Uint8Array(2)],
    });
    await expect(processor.submitBatch(foreign)).rejects.toThrow("was built for anthropic");
  });

  it("refuses split limits below one", () => {
    expect(
      () => new BatchProcessor("openai/gpt-4o-mini", User, { limits: { maxRequests: 0 } }),
    ).toThrow("limits.maxRequests: must be an integer of at least 1, got 0");
  });

  it("parses in order with an async schema, from text and from a stream, awaiting each answer", async () => {
    // Async refinements make zod's validate return a Promise for every answer.
    const Checked = User.refine(async (u) => u.age >= 0, "age must not be negative");
    const processor = new BatchProcessor("openai/gpt-4o-mini", Checked, { includeRaw: false });
    const line = (id: string, content: string | null, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        custom_id: id,
        response: {
          status_code: 200,
          body: { choices: [{ message: { content }, finish_reason: "stop" }], ...extra },
        },
      });
    const text = [
      line("a", '{"name":"A","age":1}'),
      JSON.stringify({ custom_id: "b", response: null, error: { code: "batch_expired" } }),
      line("c", '{"name":"C","age":-1}'),
      "not json",
      line("e", '{"name":"E","age":5}'),
    ].join("\n");
    const expected = [
      ["a", true, undefined],
      ["b", false, "expired"],
      ["c", false, "validation_error"],
      ["line-4", false, "malformed_line"],
      ["e", true, undefined],
    ];
    const summary = (results: Awaited<ReturnType<typeof processor.parseResults>>) =>
      results.map((r) => [r.customId, r.success, r.success ? undefined : r.errorType]);
    expect(summary(await processor.parseResults(text))).toEqual(expected);
    const stream = new Blob([text]).stream();
    expect(summary(await processor.parseResults(stream))).toEqual(expected);
    const first = (await processor.parseResults(text))[0];
    expect(first?.success && first.result).toEqual({ name: "A", age: 1 });
  });
});
