import type { MiddlewareHandler } from "hono";
import type { EmulatorContext } from "../context.js";
import { openaiIds } from "../ids.js";
import { openaiAuth } from "./auth.js";
import type { InputLimits } from "./input-validation.js";

/**
 * One emulated service on the OpenAI Files + Batch wire, mounted under its own path: OpenAI at
 * `/v1`, Azure OpenAI at `/azure/openai`, Groq at `/groq/openai/v1`. Routes, store, validation
 * and result files are one code; what the services do differently is said here.
 */
export interface EmulatedWireService {
  /** Owner of its files and batches (each service lists only its own). */
  provider: "openai" | "azure" | "groq" | "together";
  /** Where the `files` and `batches` routes are mounted. */
  base: string;
  /** Middleware before every route (auth, api-version). */
  guard: MiddlewareHandler[];
  /** Batch endpoints as the service names them (lines' `url`, create's `endpoint`) -> the
   * emulator's own (`/v1/chat/completions`, `/v1/responses`). */
  endpoints: Readonly<Record<string, string>>;
  completionWindows: readonly string[];
  /** Milliseconds a batch of each window may run before it expires (from the emulator's window). */
  windowMs(window: string, defaultMs: number): number;
  limits(ctx: EmulatorContext): InputLimits;
  /** `expires_after` / `output_expires_after` seconds the service takes. */
  expirySeconds: { min: number; max: number };
  /** Days an uploaded batch file lives without `expires_after` (null: until deleted). */
  defaultFileTtlDays: number | null;
  /** The status an upload answers with; `pending` turns `processed` when the file is next read. */
  uploadStatus: "processed" | "pending";
  ids: { file(): string; batch(): string };
  /**
   * Where a batch file is uploaded, its `purpose` and the other form fields it must have, when
   * not OpenAI's `POST /files` with `purpose=batch` (Together: `/files/upload`, `batch-api`,
   * `file_name`).
   */
  upload?: { path: string; purpose: string; requiredFields: readonly string[] };
  /** Extra fields of the file object (Together's `LineCount`, `FileType`, `Processed`). */
  fileFields?(bytes: Uint8Array): Record<string, unknown>;
  /** How a line may be written, when not OpenAI's rule (every key, custom ids of any length). */
  lines?: { required: readonly string[]; customIdMaxLength?: number };
  /**
   * The service's own batch object, create answer and list answer, made from OpenAI's
   * (Together: upper-case statuses, ISO dates, `{ job, warning }`, a bare array).
   */
  present?: {
    batch(wire: Record<string, unknown>): Record<string, unknown>;
    created(batch: Record<string, unknown>): unknown;
    list(batches: Record<string, unknown>[]): unknown;
  };
}

export function openAIService(ctx: EmulatorContext): EmulatedWireService {
  return {
    provider: "openai",
    base: "/v1",
    guard: [openaiAuth(ctx.apiKeys)],
    endpoints: { "/v1/chat/completions": "/v1/chat/completions", "/v1/responses": "/v1/responses" },
    completionWindows: ["24h"],
    windowMs: (_, defaultMs) => defaultMs,
    limits: (c) => c.openaiLimits,
    expirySeconds: { min: 3600, max: 2_592_000 },
    // Batch input files are kept 30 days unless `expires_after` says otherwise (observed).
    defaultFileTtlDays: 30,
    uploadStatus: "processed",
    ids: { file: openaiIds.file, batch: openaiIds.batch },
  };
}
