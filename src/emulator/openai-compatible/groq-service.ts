import type { EmulatorContext } from "../context.js";
import { randomToken } from "../ids.js";
import { openaiAuth } from "../openai/auth.js";
import type { EmulatedWireService } from "../openai/wire-service.js";

const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";
const HOUR_MS = 3_600_000;

/**
 * Groq's Batch API at `/groq/openai/v1` (its real path under api.groq.com, so a client with base
 * URL `${url}/groq/openai/v1` reaches it): bearer auth and OpenAI's envelopes, chat completions
 * only, 50,000 lines and 100 MB a file, `completion_window` from `24h` to `7d`
 * (console.groq.com/docs/batch). Ids look like Groq's (`batch_` / `file_` + 26 base32).
 */
export function groqService(ctx: EmulatorContext): EmulatedWireService {
  return {
    provider: "groq",
    base: "/groq/openai/v1",
    guard: [openaiAuth(ctx.apiKeys)],
    endpoints: { "/v1/chat/completions": "/v1/chat/completions" },
    completionWindows: GROQ_WINDOWS,
    // A window longer than a day runs that long; 24h is the emulator's (configurable) window.
    windowMs: (window, defaultMs) => {
      const hours = groqWindowHours(window);
      return hours === undefined || hours <= 24 ? defaultMs : hours * HOUR_MS;
    },
    limits: (c) => c.groqLimits,
    expirySeconds: { min: 3600, max: 2_592_000 },
    defaultFileTtlDays: 30,
    uploadStatus: "processed",
    ids: {
      file: () => `file_${randomToken(26, CROCKFORD)}`,
      batch: () => `batch_${randomToken(26, CROCKFORD)}`,
    },
  };
}

/** `24h`..`168h` and `1d`..`7d`: every window Groq takes, in its two spellings. */
export const GROQ_WINDOWS: readonly string[] = [
  ...Array.from({ length: 7 }, (_, i) => `${(i + 1) * 24}h`),
  ...Array.from({ length: 7 }, (_, i) => `${i + 1}d`),
];

function groqWindowHours(window: string): number | undefined {
  const match = /^(\d+)([hd])$/.exec(window);
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === "d" ? 24 : 1);
}
