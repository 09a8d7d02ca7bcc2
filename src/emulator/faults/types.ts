import type { ProviderId } from "../../providers/provider-ids.js";

/** The provider a request is for, as the emulator tells it from the path (and Gemini's headers). */
export type EmulatorProvider = ProviderId;

/**
 * Answer with an HTTP error in the provider's own envelope (OpenAI `{"error":{...}}`, Anthropic
 * `{"type":"error","error":{...}}`, Gemini `{"error":{"code","message","status"}}`).
 *
 * @example
 * // A 429 the SDKs retry after 10 ms (they parse fractions; real servers send whole seconds).
 * { type: "status", status: 429, retryAfterSeconds: 0.01 }
 * // The batch is created, but the client is told it failed: it must not blindly retry.
 * { type: "status", status: 500, when: "after" }
 */
export interface StatusFault {
  type: "status";
  /** 400-599. Anthropic's overload is 529; Gemini's status name follows the HTTP code. */
  status: number;
  /** Sent as the `retry-after` header when given. */
  retryAfterSeconds?: number;
  /** Default: the provider's usual wording for that status. */
  message?: string;
  /** "before" (default): the request is not processed. "after": processed, then the error. */
  when?: "before" | "after";
}

/**
 * Drop the connection without a complete answer. Over HTTP the socket is reset (TCP RST); in
 * process `fetch` rejects with `TypeError("fetch failed")` or the body stream errors.
 *
 * @example
 * // Mid-upload: read 100 bytes of the body, then drop; nothing is stored.
 * { type: "reset", when: "request", afterBytes: 100 }
 * // Mid-download: process, send the headers and 64 bytes of the body, then drop.
 * { type: "reset", when: "response", afterBytes: 64 }
 */
export interface ResetFault {
  type: "reset";
  /** Default "request". */
  when?: "request" | "response";
  /**
   * Bytes of the request body read ("request") or of the response body sent ("response")
   * before the drop. Default 0. A response always loses at least its last byte, so the client
   * sees the failure even when the body is shorter.
   */
  afterBytes?: number;
}

/**
 * A slow answer: the request is processed, then the answer waits `ms` of real time (not the
 * emulator clock), so a client's timeout can fire while the work is already done.
 *
 * @example
 * { type: "delay", ms: 50 }
 */
export interface DelayFault {
  type: "delay";
  ms: number;
}

export type Fault = StatusFault | ResetFault | DelayFault;

/**
 * Which requests a rule applies to; every given field must match.
 *
 * @example
 * { provider: "openai", method: "POST", path: "/v1/batches" }
 * { provider: "google", path: /:batchGenerateContent$/ }
 */
export interface FaultMatch {
  provider?: EmulatorProvider;
  /** Compared case-insensitively. */
  method?: string;
  /** A string is compared with the whole path (no query); a RegExp is tested against it. */
  path?: string | RegExp;
}

/**
 * Rules are checked in the order they were added. A matching rule still skipping counts the
 * request and lets later rules decide; the first matching rule past its skip applies its fault.
 * Used-up rules are removed.
 *
 * @example
 * // The second batch create gets a 429, all others pass.
 * emulator.faults.add({
 *   match: { method: "POST", path: "/v1/batches" },
 *   skip: 1,
 *   fault: { type: "status", status: 429 },
 * });
 */
export interface FaultRule {
  /** Default: every request. */
  match?: FaultMatch;
  /** Let the first N matching requests through. Default 0. */
  skip?: number;
  /** Then affect this many. Default 1; `Infinity` for all that follow. */
  times?: number;
  fault: Fault;
}

/** Runtime control of the fault rules, for a test that injects a fault for its next call. */
export interface FaultControl {
  /**
   * A request takes its rule when it reaches the emulator: at once with `emulator.fetch`, on
   * arrival over HTTP, so a request already sent but not yet received can take a rule added now.
   *
   * @example
   * emulator.faults.add({ fault: { type: "reset", when: "request" } });
   */
  add(rule: FaultRule): void;
  /** Removes every rule, including those from `EmulatorOptions.faults`. */
  clear(): void;
  /** The rules still active, with what remains of their `skip` and `times`. */
  list(): FaultRule[];
}

/** One answered request, as `EmulatorOptions.onRequest` receives it. Never a header or query. */
export interface RequestLogEntry {
  method: string;
  /** The URL path without its query string (Gemini's `?key=` never appears). */
  path: string;
  /** 0 when the connection was dropped before any answer. */
  status: number;
  durationMs: number;
  /** Undefined for paths no provider has. */
  provider: EmulatorProvider | undefined;
  /** Which fault hit the request, e.g. `status:429`, `reset:request`, `failRate:503`. */
  fault?: string;
}

/**
 * How the transport drops a connection when it has a real one (the node server). In process
 * there is none and the fetch promise or the body stream fails instead.
 */
export interface Connection {
  /** Drops the connection without answering; returns what the server must be handed back. */
  drop(): Response;
  /** Sends the status, headers and `body`, then drops the connection. */
  dropAfter(status: number, headers: Headers, body: Uint8Array): Promise<Response>;
}
