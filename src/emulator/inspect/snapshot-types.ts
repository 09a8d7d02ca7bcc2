import type { ProviderId } from "../../providers/provider-ids.js";
import type { Fault } from "../faults/types.js";

/**
 * Where a batch is in its life, in words common to every service (each names its own states:
 * OpenAI `validating`, Gemini `BATCH_STATE_PENDING`, Bedrock `Scheduled`, ...).
 * `queued`: created, no request has started yet (held batches stay here); `running`: requests
 * are being answered; `finalizing`: all answered, results not out yet (OpenAI only);
 * `cancelling`: a cancel was asked and has not landed; the rest are endings.
 */
export type BatchPhase =
  | "queued"
  | "running"
  | "finalizing"
  | "cancelling"
  | "completed"
  | "failed"
  | "expired"
  | "cancelled";

/**
 * One batch (or job) of an emulated service, as `emulator.inspect()` sees it at `clock.now`.
 * Times are milliseconds since the epoch on the emulator clock.
 *
 * @example
 * {
 *   provider: "openai", id: "batch_abc", status: "in_progress", phase: "running",
 *   requestCount: 3, succeeded: 1, failed: 0, createdAt: 1765000000000,
 *   startsAt: 1765000000100, endsAt: 1765000000500, expiresAt: 1765086400000,
 *   held: false, metadata: { run: "nightly" },
 * }
 */
export interface BatchSnapshot {
  provider: ProviderId;
  /** The id clients use (`batch_...`, `msgbatch_...`, `batches/...`, a Bedrock job ARN, ...). */
  id: string;
  /** The state as the service names it on the wire. */
  status: string;
  phase: BatchPhase;
  /** Requests in the batch; an OpenAI-wire batch counts its input file's lines until it is read. */
  requestCount: number;
  /** Requests answered successfully so far. */
  succeeded: number;
  /** Requests answered with an error so far; once the batch is over, every request without an answer. */
  failed: number;
  createdAt: number;
  /** When the first request starts; undefined while held, or when it never will (cancelled, failed). */
  startsAt: number | undefined;
  /**
   * When the batch ended, or will end if nothing changes (a held batch: at expiry). Undefined
   * when not known yet (an OpenAI or Mistral batch before its input is read).
   */
  endsAt: number | undefined;
  /** When the service's completion window runs out. */
  expiresAt: number;
  /** Held in its first state by `stuck` or `emulator.hold` and not released. */
  held: boolean;
  /** The model, where the service records it at creation. */
  model?: string;
  /** OpenAI-wire and Mistral batches' metadata, when given. */
  metadata?: Record<string, string>;
  /** Gemini and Vertex display names, Bedrock job names. */
  displayName?: string;
}

/**
 * A fault rule still in force, as plain data (JSON-safe: a RegExp path is given as its source).
 *
 * @example
 * { match: { provider: "openai", method: "POST", path: "/v1/batches" },
 *   fault: { type: "status", status: 429 }, skipLeft: 0, timesLeft: 1, fired: 0 }
 */
export interface FaultRuleSnapshot {
  match: {
    provider?: ProviderId;
    method?: string;
    /** An exact path, or a regular expression written `/source/flags`. */
    path?: string;
  };
  fault: Fault;
  /** Matching requests still let through before the rule applies. */
  skipLeft: number;
  /** Requests the rule will still affect; null for no limit (`times: Infinity`). */
  timesLeft: number | null;
  /** Requests the rule has affected so far. */
  fired: number;
}

/**
 * The emulator's state at one moment, as plain data: `emulator.inspect()` returns it and the
 * CLI's console serves it as JSON at `/__emulator/state`. Holds no API key and no request body.
 *
 * @example
 * const state = await emulator.inspect();
 * state.batches.filter((b) => b.provider === "anthropic" && b.phase === "running");
 */
export interface EmulatorSnapshot {
  clock: {
    /** Emulated time, ms since the epoch. */
    now: number;
    /** What `clock.advance` has added since creation or the last `reset`, in ms. */
    offsetMs: number;
  };
  /** Every batch of every service, newest first within each service, in `PROVIDER_IDS` order. */
  batches: BatchSnapshot[];
  /** The fault rules in force, in the order they are checked. */
  faults: FaultRuleSnapshot[];
  /** The transport settings that fail or slow requests besides the rules. */
  transport: { failRate: number; latencyMs: number };
}
