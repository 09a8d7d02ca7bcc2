import type { Hono } from "hono";
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

export interface EmulatorOptions {
  /** Decides each request's outcome; returning undefined (or no responder) uses the default. */
  responder?: Responder;
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
  /** Anthropic-specific settings. */
  anthropic?: { limits?: AnthropicEmulatorLimits };
  /** Gemini-specific settings. */
  google?: {
    limits?: GoogleEmulatorLimits;
    /**
     * How long a Gemini batch may run before it expires. Default: `completionWindowMs` when
     * that is given, else 48 h (Gemini's real window).
     */
    completionWindowMs?: number;
  };
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
}

export interface Emulator {
  /** The Hono app; `app.fetch` serves in process. */
  app: Hono;
  /** Same arguments as the global `fetch`: hand it to an SDK as its custom fetch. */
  fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /** Serves the app over real HTTP (Node only: loads `@hono/node-server` on demand). */
  listen(options?: ListenOptions): Promise<EmulatorServer>;
  /** Emulated time; `advance` fast-forwards every batch. */
  clock: { now(): number; advance(ms: number): void };
  /** Forgets every file and batch and rewinds the clock to wall time. */
  reset(): void;
}
