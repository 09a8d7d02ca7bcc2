import { loadOpenAIWireClient } from "../openai/load-openai-client.js";
import { OPENAI_CHAT_ENDPOINT, OPENAI_LIMITS } from "../openai/openai-limits.js";
import type { OpenAIWireService } from "../openai/openai-wire-service.js";

/**
 * Groq's Batch API, on the OpenAI wire at `https://api.groq.com/openai/v1` (console.groq.com/
 * docs/batch; the `groq-sdk` posts to `/openai/v1/files` and `/openai/v1/batches`). Where it
 * differs from OpenAI:
 * - chat completions only among the text endpoints ("The Groq Batch API currently supports chat
 *   completion requests through /v1/chat/completions"), no Responses API;
 * - `completion_window` from `24h` up to `7d` (console.groq.com/docs/batch, "Create your batch
 *   job"); `24h` is sent;
 * - input files up to 50,000 lines; "The Batch API only supports .jsonl files up to 100 MB in
 *   size" (groq-typescript src/resources/files.ts). The 100 MB the SDK states is used, the
 *   smaller of the published figures: a larger batch is split, never refused by Groq.
 * Status names, the batch object, output and error files are OpenAI's.
 */
export const GROQ_SERVICE: OpenAIWireService = {
  id: "groq",
  label: "Groq",
  // Custom ids: OpenAI's rules (Groq documents none of its own).
  limits: { ...OPENAI_LIMITS, maxBytes: 100 * 1024 * 1024 },
  endpoints: { [OPENAI_CHAT_ENDPOINT]: OPENAI_CHAT_ENDPOINT },
  completionWindow: "24h",
  keyEnv: ["GROQ_API_KEY"],
  loadClient: (options) =>
    loadOpenAIWireClient(options, {
      label: "Groq",
      keyEnv: "GROQ_API_KEY",
      baseUrlEnv: "GROQ_BASE_URL",
      defaultBaseURL: "https://api.groq.com/openai/v1",
    }),
};
