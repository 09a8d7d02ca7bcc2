import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchProcessor } from "../../processor/batch-processor.js";

const User = z.object({ name: z.string() });
const named = (name: string) => [{ role: "user" as const, content: "hi", name }];

describe("message names", () => {
  it("OpenAI refuses a name outside ^[a-zA-Z0-9_-]{1,64}$, naming the conversation and message", async () => {
    const openai = new BatchProcessor("openai/gpt-4o-mini", User);
    for (const bad of ["John Doe", "", "ünïcode", "a".repeat(65), "x.y"]) {
      await expect(openai.createBatchFromMessages([named("ok"), named(bad)])).rejects.toMatchObject(
        {
          name: "InvalidMessagesError",
          issues: [{ code: "invalid_name", path: [1, 0, "name"] }],
        },
      );
    }
    const buffer = await openai.createBatchFromMessages([
      named("john_doe-2"),
      named("a".repeat(64)),
    ]);
    expect(JSON.parse([...buffer.lines()][0]!).body.messages[0].name).toBe("john_doe-2");
  });

  it("is refused in a streamed build too, at that conversation", async () => {
    const openai = new BatchProcessor("openai/gpt-4o-mini", User);
    const parts = await openai.createBatchFromMessages([named("ok"), named("bad name")], {
      stream: true,
    });
    const consume = async () => {
      for await (const _ of parts) {
        // Drains the parts.
      }
    };
    await expect(consume()).rejects.toMatchObject({
      issues: [{ code: "invalid_name", path: [1, 0, "name"] }],
    });
  });

  it.each(["anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"])(
    "%s drops names (with a warning), so any string is fine there",
    async (model) => {
      const buffer = await new BatchProcessor(model, User).createBatchFromMessages([
        named("John Doe"),
      ]);
      expect(buffer.requestCount).toBe(1);
      expect(buffer.warnings.join(" ")).toMatch(/name/i);
    },
  );
});
