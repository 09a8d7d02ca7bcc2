import { loadOpenAIWireClient } from "../openai/load-openai-client.js";
import { OPENAI_CHAT_ENDPOINT, OPENAI_LIMITS } from "../openai/openai-limits.js";
import type { OpenAIWireService } from "../openai/openai-wire-service.js";

/**
 * Together AI's Batch API at `https://api.together.xyz/v1`, through the `openai` client (its raw
 * `get`/`post` where Together's paths or answers are not OpenAI's). Where it differs
 * (docs.together.ai/docs/inference/batch/overview, .../batch/manage, /reference/batch-create,
 * /reference/batch-get, /reference/upload-file):
 * - the file goes to `POST /files/upload` as multipart with `purpose=batch-api`, `file_name`
 *   and `file_type=jsonl`;
 * - lines are `{ custom_id, body }`, "custom_id ... max 64 chars"; Together's own SDK examples
 *   also write `method` and `url`, so OpenAI's lines are sent unchanged;
 * - create answers `{ job, warning }`, retrieve the batch itself; statuses are upper case,
 *   dates ISO strings, `progress` a percentage (no request counts), the list a bare array;
 * - chat completions only; 50,000 requests and 100 MB a file; the window "defaults to 24h and
 *   cannot be changed".
 * Output and error files are read with `GET /files/{id}/content`; Together documents their
 * lines as keyed by `custom_id` but not their whole shape: OpenAI's result lines are assumed.
 */
export const TOGETHER_SERVICE: OpenAIWireService = {
  id: "together",
  label: "Together AI",
  limits: { ...OPENAI_LIMITS, maxBytes: 100 * 1024 * 1024, customIdMaxLength: 64 },
  endpoints: { [OPENAI_CHAT_ENDPOINT]: OPENAI_CHAT_ENDPOINT },
  completionWindow: "24h",
  keyEnv: ["TOGETHER_API_KEY"],
  upload: { path: "/files/upload", purpose: "batch-api" },
  uploadFields: { file_name: "batch.jsonl", file_type: "jsonl" },
  batchWire: async () => (await import("./together-batch-wire.js")).togetherBatchWire(),
  loadClient: (options) =>
    loadOpenAIWireClient(options, {
      label: "Together AI",
      keyEnv: "TOGETHER_API_KEY",
      baseUrlEnv: "TOGETHER_BASE_URL",
      defaultBaseURL: "https://api.together.xyz/v1",
    }),
};
