import type { EmulatorContext } from "../context.js";
import { openaiAuth } from "../openai/auth.js";
import type { EmulatedWireService } from "../openai/wire-service.js";

/**
 * Together AI's Batch API at `/together/v1` (its `/v1` under api.together.xyz), on the OpenAI
 * Files + Batch code with Together's differences (docs.together.ai/docs/inference/batch/overview,
 * .../batch/manage, /reference/upload-file, /reference/batch-create, /reference/batch-get):
 * uploads at `POST /files/upload` (`purpose=batch-api`, `file_name`, optional `file_type`), the
 * file object with `LineCount`; lines of `custom_id` (at most 64 characters) and `body`
 * (`method`/`url` taken, not required); create answers `{ job, warning }`, retrieve the job
 * itself, list a bare array; upper-case statuses, ISO dates, `progress` in percent, one `error`
 * string; chat completions only, the 24h window only; 50,000 lines and 100 MB a file; a missing
 * or unknown key answers 401. Ids are UUIDs. Error envelopes and result lines are OpenAI's
 * (Together documents neither in full).
 */
export function togetherService(ctx: EmulatorContext): EmulatedWireService {
  return {
    provider: "together",
    base: "/together/v1",
    guard: [openaiAuth(ctx.apiKeys)],
    endpoints: { "/v1/chat/completions": "/v1/chat/completions" },
    completionWindows: ["24h"],
    windowMs: (_, defaultMs) => defaultMs,
    limits: (c) => c.togetherLimits,
    expirySeconds: { min: 3600, max: 2_592_000 },
    defaultFileTtlDays: null,
    uploadStatus: "processed",
    ids: {
      file: () => `file-${crypto.randomUUID()}`,
      batch: () => crypto.randomUUID(),
    },
    upload: { path: "/files/upload", purpose: "batch-api", requiredFields: ["file_name"] },
    fileFields: (bytes) => ({ Processed: true, FileType: "jsonl", LineCount: lineCount(bytes) }),
    lines: { required: ["custom_id", "body"], customIdMaxLength: 64 },
    present: {
      batch: togetherBatch,
      created: (job) => ({ job, warning: "" }),
      list: (batches) => batches,
    },
  };
}

function lineCount(bytes: Uint8Array): number {
  let lines = 0;
  for (const byte of bytes) if (byte === 10) lines++;
  return bytes.byteLength > 0 && bytes[bytes.byteLength - 1] !== 10 ? lines + 1 : lines;
}

const iso = (seconds: unknown) =>
  typeof seconds === "number" ? new Date(seconds * 1000).toISOString() : null;

// `finalizing` is not one of Together's statuses: still running to a client.
const STATUS: Record<string, string> = { finalizing: "IN_PROGRESS" };

/** OpenAI's batch object as Together writes its job (docs.together.ai/reference/batch-get). */
function togetherBatch(wire: Record<string, unknown>): Record<string, unknown> {
  const status = String(wire.status);
  const counts = wire.request_counts as { total: number; completed: number; failed: number };
  const errors = (wire.errors as { data?: { message: string }[] } | null)?.data ?? [];
  return {
    id: wire.id,
    user_id: "emulator-user",
    input_file_id: wire.input_file_id,
    status: STATUS[status] ?? status.toUpperCase(),
    job_deadline: iso(wire.expires_at),
    created_at: iso(wire.created_at),
    endpoint: wire.endpoint,
    progress:
      counts.total === 0
        ? 0
        : Math.round(((counts.completed + counts.failed) / counts.total) * 100),
    model_id: wire.model ?? null,
    output_file_id: wire.output_file_id ?? null,
    error_file_id: wire.error_file_id ?? null,
    error: errors.length > 0 ? errors.map((e) => e.message).join("; ") : null,
    completed_at: iso(wire.completed_at ?? wire.failed_at ?? wire.expired_at ?? wire.cancelled_at),
  };
}
