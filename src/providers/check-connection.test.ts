// Keys and base URLs from the environment are checked as the options are, when the client is
// first needed and before any request (a request would fail on the closed port instead).
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { BatchProcessor } from "../processor/batch-processor.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

const CASES = [
  ["openai/gpt-4o-mini", "OPENAI_API_KEY", "OPENAI_BASE_URL", "batch_a"],
  ["anthropic/claude-haiku-4-5", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "msgbatch_a"],
  ["google/gemini-2.5-flash", "GEMINI_API_KEY", "GOOGLE_GEMINI_BASE_URL", "batches/a"],
] as const;

describe.each(CASES)(
  "%s: connection settings from the environment",
  (model, keyVar, urlVar, id) => {
    const make = () => new BatchProcessor(model, z.object({ n: z.number() }));

    it(`refuses ${keyVar} with a trailing newline, without showing it`, async () => {
      vi.stubEnv("GOOGLE_API_KEY", "");
      vi.stubEnv(keyVar, "sk-secret-key-123\n");
      vi.stubEnv(urlVar, "http://127.0.0.1:9/v1");
      const error = (await make()
        .getBatchStatus(id)
        .catch((e: unknown) => e)) as { name: string; message: string; issues: unknown };
      expect(error).toMatchObject({
        name: "InvalidArgumentError",
        issues: [{ code: "invalid_api_key", path: ["env", keyVar] }],
      });
      expect(error.message).not.toContain("sk-secret-key-123");
    });

    it(`refuses ${urlVar} without a scheme`, async () => {
      vi.stubEnv("GOOGLE_API_KEY", "");
      vi.stubEnv(keyVar, "sk-test");
      vi.stubEnv(urlVar, "127.0.0.1:8787/v1");
      await expect(make().getBatchStatus(id)).rejects.toMatchObject({
        name: "InvalidBaseUrlError",
        issues: [{ code: "invalid_base_url", path: ["env", urlVar] }],
      });
    });

    it("takes good settings (the closed port answers)", async () => {
      vi.stubEnv("GOOGLE_API_KEY", "");
      vi.stubEnv(keyVar, "sk-test");
      vi.stubEnv(urlVar, "http://127.0.0.1:9/v1");
      await expect(make().getBatchStatus(id)).rejects.toMatchObject({ name: "ProviderApiError" });
    });
  },
);
