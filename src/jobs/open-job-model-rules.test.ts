import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { openJob } from "./job.js";
import { openJobStore } from "./stores/open-job-store.js";

const Person = z.object({ name: z.string() });

describe("openJob and the model's rules", () => {
  it("refuses params the model cannot take before the job is stored", async () => {
    const store = await openJobStore(undefined);
    try {
      const open = (model: string, params: Record<string, unknown>) =>
        openJob({
          name: "people",
          store,
          model,
          schema: Person,
          prompt: (row: { text: string }) => [{ role: "user", content: row.text }],
          params,
          processor: { apiKey: "k", baseURL: "http://127.0.0.1:9/v1" },
        });
      await expect(open("openai/gpt-4o-mini", { reasoning: { effort: "low" } })).rejects.toThrow(
        InvalidArgumentError,
      );
      await expect(open("anthropic/claude-haiku-4-5", { maxTokens: 200_000 })).rejects.toThrow(
        /at most 64000 output tokens/,
      );
      expect(await store.listJobs()).toEqual([]);
      const job = await open("openai/gpt-5-mini", { reasoning: { effort: "low" } });
      expect((await store.listJobs()).map((j) => j.name)).toEqual(["people"]);
      await job.close();
    } finally {
      await store.close();
    }
  });
});
