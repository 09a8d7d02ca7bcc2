import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  type BatchBuffer,
  type BatchError,
  BatchProcessor,
  type BatchResult,
  type BatchResults,
  type BatchSuccess,
  filterSuccessful,
} from "../src/index.js";

const User = z.object({
  name: z.string(),
  age: z.number().int(),
  email: z.string(),
  tags: z.array(z.string()).optional(),
});
type User = z.infer<typeof User>;

describe("result types", () => {
  it("infers the result type from a Zod schema", async () => {
    const processor = new BatchProcessor("openai/gpt-4o-mini", User);
    expectTypeOf(processor).toEqualTypeOf<BatchProcessor<User>>();
    const results = await processor.getResults("batch_1");
    expectTypeOf(results).toEqualTypeOf<BatchResults<User>>();
    expectTypeOf(results).toMatchTypeOf<BatchResult<User>[]>();
    expectTypeOf(results.summary.byErrorType.refusal).toEqualTypeOf<number | undefined>();
    const first = results[0]!;
    if (first.success) {
      expectTypeOf(first).toEqualTypeOf<BatchSuccess<User>>();
      expectTypeOf(first.result.name).toBeString();
      expectTypeOf(first.result.tags).toEqualTypeOf<string[] | undefined>();
    } else {
      expectTypeOf(first).toEqualTypeOf<BatchError>();
      expectTypeOf(first.errorType).toEqualTypeOf<BatchError["errorType"]>();
    }
    expectTypeOf(filterSuccessful(results)[0]!.result).toEqualTypeOf<User>();
  });

  it("infers from the { jsonSchema, validate } form", () => {
    const processor = new BatchProcessor("openai/gpt-4o-mini", {
      jsonSchema: { type: "object" },
      validate: (v: unknown) => v as { n: number },
    });
    expectTypeOf(processor).toEqualTypeOf<BatchProcessor<{ n: number }>>();
  });

  it("returns a buffer in memory and a path with filePath", async () => {
    const processor = new BatchProcessor("openai/gpt-4o-mini", User);
    expectTypeOf(
      processor.createBatchFromMessages([], { filePath: null }),
    ).resolves.toEqualTypeOf<BatchBuffer>();
    expectTypeOf(processor.createBatchFromMessages([])).resolves.toEqualTypeOf<BatchBuffer>();
    expectTypeOf(
      processor.createBatchFromMessages([], { filePath: "x.jsonl" }),
    ).resolves.toEqualTypeOf<string>();
  });
});
