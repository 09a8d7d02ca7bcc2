import type { Hono } from "hono";
import type { ProviderId } from "../providers/provider-ids.js";
import type { FaultControl, FaultRule, RequestLogEntry } from "./faults/types.js";
import type { EmulatorSnapshot } from "./inspect/snapshot-types.js";
import type { Responder } from "./responder/types.js";

export interface EmulatorPhases {
  /**
   * Time a batch spends in `validating` before its input is checked (OpenAI), or queued before
   * its first request runs (Anthropic, whose batches are `in_progress` meanwhile). Default 100.
   */
  validatingMs?: number;
  /** Time over which its requests complete, one after another. Default 300. */
  inProgressMs?: number;
  /** Time between the last request and `completed` (Anthropic: `ended`). Default 100. */
  finalizingMs?: number;
  /** Time from a cancel request to `cancelled` (Anthropic: `ended`). Default 100. */
  cancellingMs?: number;
}

export interface OpenAIEmulatorLimits {
  /** Requests per batch input file. Default 50,000 (the real limit). */
  maxRequestsPerBatch?: number;
  /** Bytes per batch input file. Default 200 MB (the real limit). */
  maxInputFileBytes?: number;
}

/**
 * Mistral batch job limits: 1,000,000 requests per job ("up to 1M requests", docs Batch
 * Inference) and 512 MB per uploaded file (Files API).
 * @example { maxRequestsPerBatch: 10 }
 */
export interface MistralEmulatorLimits {
  maxRequestsPerBatch?: number;
  maxFileBytes?: number;
}

export interface AnthropicEmulatorLimits {
  /** Requests per Message Batch. Default 100,000 (the real limit). */
  maxRequestsPerBatch?: number;
  /** Bytes of the create request's body. Default 256 MB (the real limit). */
  maxBodyBytes?: number;
}

export interface GoogleEmulatorLimits {
  /** Bytes of a create request with inline requests. Default 20 MB (the real limit). */
  maxInlineBytes?: number;
  /** Bytes of an uploaded file. Default 2 GB (the real limit). */
  maxFileBytes?: number;
}

export interface BedrockEmulatorLimits {
  /**
   * Records a job must have, else it ends `Failed` after validation. Default 1, so small test
   * batches run; Bedrock's default quota is 100 (set 100 to test that refusal).
   */
  minRecordsPerJob?: number;
  /** Records per job (and per input file). Default 50,000 (the default quota). */
  maxRecordsPerJob?: number;
  /** Bytes of an input file. Default 1 GB (the quota, not adjustable). */
  maxInputFileBytes?: number;
}

/**
 * A new batch, as `EmulatorOptions.stuck` sees it.
 *
 * @example
 * { provider: "google", id: "batches/7h9w...", requestCount: 3, displayName: "nightly" }
 */
export interface EmulatedBatch {
  provider: ProviderId;
  /** The id clients use: `batch_...` (OpenAI), `msgbatch_...` (Anthropic), `batches/...` (Gemini). */
  id: string;
  /** Requests in the batch (OpenAI: the input file's non-blank lines, counted at creation). */
  requestCount: number;
  /** OpenAI: the batch's metadata, when it has some. */
  metadata?: Record<string, string>;
  /** Gemini: the batch's display name, when it has one. */
  displayName?: string;
}

export interface EmulatorOptions {
  /** Decides each request's outcome; returning undefined (or no responder) uses the default. */
  responder?: Responder;
  /**
   * Batches for which this returns true are held in their first state from creation (OpenAI
   * `validating`, Anthropic `in_progress` with every request processing, Gemini
   * `BATCH_STATE_PENDING`) until `emulator.release(id)`, however far the clock moves; their
   * completion window still runs, so one never released ends `expired`.
   *
   * @example
   * createEmulator({ stuck: (batch) => batch.metadata?.scenario === "stuck" });
   */
  stuck?: (batch: EmulatedBatch) => boolean;
  phases?: EmulatorPhases;
  /**
   * When given, only these keys are accepted (OpenAI: bearer token; Anthropic: `x-api-key` or
   * bearer token); otherwise any non-empty one.
   */
  apiKeys?: string[];
  /** How long a batch may run before it expires. Default 24 h (Gemini: see `google`). */
  completionWindowMs?: number;
  /**
   * Order of result lines: false (default) = input order, true = reversed, a number = a
   * permutation seeded by it. Real providers give no order guarantee.
   */
  shuffle?: boolean | number;
  /** OpenAI-specific settings. */
  openai?: { limits?: OpenAIEmulatorLimits };
  /**
   * Azure OpenAI settings (routes under `/azure/openai`). Default limits: 100,000 requests and
   * 200 MB a file (Azure's Global Batch limits).
   * @example createEmulator({ azure: { limits: { maxRequestsPerBatch: 10 } } })
   */
  azure?: { limits?: OpenAIEmulatorLimits };
  /**
   * Groq settings (routes under `/groq/openai/v1`). Default limits: 50,000 requests and 100 MB
   * a file (Groq's).
   * @example createEmulator({ groq: { limits: { maxInputFileBytes: 1_000_000 } } })
   */
  groq?: { limits?: OpenAIEmulatorLimits };
  /**
   * Together AI settings (routes under `/together/v1`). Default limits: 50,000 requests and
   * 100 MB a file (Together's).
   * @example createEmulator({ together: { limits: { maxRequestsPerBatch: 10 } } })
   */
  together?: { limits?: OpenAIEmulatorLimits };
  /** Anthropic-specific settings. */
  anthropic?: { limits?: AnthropicEmulatorLimits };
  /** Mistral-specific settings (routes under `/mistral`; the SDK's `serverURL` is `${url}/mistral`). */
  mistral?: { limits?: MistralEmulatorLimits };
  /**
   * Amazon Bedrock settings (batch inference under `/bedrock`, S3 under `/s3`).
   * @example createEmulator({ bedrock: { limits: { minRecordsPerJob: 100 } } })
   */
  bedrock?: { limits?: BedrockEmulatorLimits };
  /** Gemini-specific settings. */
  google?: {
    limits?: GoogleEmulatorLimits;
    /**
     * How long a Gemini batch may run before it expires. Default: `completionWindowMs` when
     * that is given, else 48 h (Gemini's real window).
     */
    completionWindowMs?: number;
  };
  /**
   * Transport faults from the start (`emulator.faults` adds them at run time). They, like
   * `latencyMs`, `failRate` and `onRequest`, apply to `emulator.fetch` and `listen`, not to
   * `app.fetch`. Default none.
   *
   * @example
   * createEmulator({
   *   faults: [{ match: { provider: "anthropic" }, fault: { type: "status", status: 529 } }],
   * });
   */
  faults?: FaultRule[];
  /**
   * Real time (not the emulator clock) added before every answer. Default 0.
   *
   * @example
   * createEmulator({ latencyMs: 20 });
   */
  latencyMs?: number;
  /**
   * Fraction (0..1) of requests answered 503 (Anthropic: 529 overloaded) without being
   * processed, picked by a PRNG seeded with `seed` so a run repeats. Default 0.
   *
   * @example
   * createEmulator({ failRate: 0.1, seed: 42 });
   */
  failRate?: number;
  /**
   * Seed of the PRNG behind `failRate`: the same seed and the same requests in the same order
   * fail the same ones. Default 0.
   *
   * @example
   * createEmulator({ failRate: 0.5, seed: 7 });
   */
  seed?: number;
  /**
   * Called once per request after it is answered (or dropped). Entries hold no headers and no
   * query string; `formatRequestLogLine` prints one as `POST /v1/batches 200 3ms openai`.
   *
   * @example
   * createEmulator({ onRequest: (entry) => console.log(formatRequestLogLine(entry)) });
   */
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface EmulatorServer {
  /** e.g. `http://127.0.0.1:54321` (no trailing slash). */
  url: string;
  port: number;
  /** Resolves once the server and its idle keep-alive connections are closed. */
  close(): Promise<void>;
}

export interface ListenOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Answers some requests before the emulator sees them: return a Response to answer, undefined
   * to pass the request on. Requests it answers take no fault rule, latency, `failRate` draw or
   * request log line. It must not read the body of a request it passes on. The CLI serves its
   * console this way.
   *
   * @example
   * emulator.listen({
   *   intercept: (request) =>
   *     new URL(request.url).pathname === "/health" ? new Response("ok") : undefined,
   * });
   */
  intercept?: (request: Request) => Response | undefined | Promise<Response | undefined>;
}

export interface Emulator {
  /** The Hono app; `app.fetch` serves in process, without faults, latency or the request log. */
  app: Hono;
  /** Same arguments as the global `fetch`: hand it to an SDK as its custom fetch. */
  fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /** Serves the app over real HTTP (Node only: loads `@hono/node-server` on demand). */
  listen(options?: ListenOptions): Promise<EmulatorServer>;
  /** Emulated time; `advance` fast-forwards every batch. */
  clock: { now(): number; advance(ms: number): void };
  /**
   * Holds a batch that has not started yet in its first state, as `stuck` does from creation
   * (use `stuck` when the batch could start before the test gets its id). False when the id is
   * unknown or the batch has already started, ended or been cancelled.
   *
   * @example
   * const id = await processor.submitBatch(buffer);
   * emulator.hold(id); // true
   */
  hold(id: string): boolean;
  /**
   * Lets a held batch start now (Gemini: `batches/...` or the bare id). False when it was not
   * held.
   *
   * @example
   * emulator.clock.advance(60 * 60 * 1000); // pending for an hour
   * emulator.release(id); // then it runs
   */
  release(id: string): boolean;
  /**
   * Fault rules at run time, e.g. for the next call only.
   *
   * @example
   * emulator.faults.add({
   *   match: { method: "POST", path: "/v1/batches" },
   *   fault: { type: "status", status: 500, when: "after" },
   * });
   */
  faults: FaultControl;
  /**
   * The state at `clock.now()` as plain data: every batch of every service with its state (as
   * the service names it and as a common phase), counts, times and hold; the clock and its
   * offset; the fault rules in force and how often each fired. Every batch is first brought up
   * to the clock, as a provider's list call would. Holds no API key and no request body.
   *
   * @example
   * emulator.clock.advance(1_000);
   * const { batches } = await emulator.inspect();
   * batches.find((b) => b.id === batchId)?.phase; // "completed"
   */
  inspect(): Promise<EmulatorSnapshot>;
  /**
   * Forgets every file and batch and rewinds the clock to wall time; the fault rules go back to
   * `options.faults` and the `failRate` sequence to its start.
   */
  reset(): void;
}
