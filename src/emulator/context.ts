import { BatchHolds } from "./batch-holds.js";
import type { ResettableClock } from "./clock.js";
import { FileStore } from "./file-store.js";
import type { Responder } from "./responder/types.js";
import type { EmulatorOptions } from "./types.js";

export interface ResolvedPhases {
  validatingMs: number;
  inProgressMs: number;
  finalizingMs: number;
  cancellingMs: number;
}

export const DEFAULT_PHASES: ResolvedPhases = {
  validatingMs: 100,
  inProgressMs: 300,
  finalizingMs: 100,
  cancellingMs: 100,
};

export const DAY_MS = 24 * 60 * 60 * 1000;

/** What every provider's routes share: time, files, the responder and the settings. */
export interface EmulatorContext {
  clock: ResettableClock;
  files: FileStore;
  responder: Responder | undefined;
  /** Batches held in their first state (`stuck`, `emulator.hold`). */
  holds: BatchHolds;
  phases: ResolvedPhases;
  completionWindowMs: number;
  shuffle: boolean | number | undefined;
  apiKeys: ReadonlySet<string> | undefined;
  openaiLimits: { maxRequestsPerBatch: number; maxInputFileBytes: number };
  azureLimits: { maxRequestsPerBatch: number; maxInputFileBytes: number };
  groqLimits: { maxRequestsPerBatch: number; maxInputFileBytes: number };
  togetherLimits: { maxRequestsPerBatch: number; maxInputFileBytes: number };
  anthropicLimits: { maxRequestsPerBatch: number; maxBodyBytes: number };
  mistralLimits: { maxRequestsPerBatch: number; maxFileBytes: number };
  bedrockLimits: { minRecordsPerJob: number; maxRecordsPerJob: number; maxInputFileBytes: number };
  google: { windowMs: number; limits: { maxInlineBytes: number; maxFileBytes: number } };
}

function duration(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`createEmulator: ${name} must be a finite number >= 0, got ${value}`);
  }
  return value;
}

/** An OpenAI-wire service's file limits: the option's, else the service's real ones. */
function fileLimits(
  name: string,
  given: { maxRequestsPerBatch?: number; maxInputFileBytes?: number } | undefined,
  requests: number,
  bytes: number,
): { maxRequestsPerBatch: number; maxInputFileBytes: number } {
  return {
    maxRequestsPerBatch: duration(
      `${name}.limits.maxRequestsPerBatch`,
      given?.maxRequestsPerBatch,
      requests,
    ),
    maxInputFileBytes: duration(
      `${name}.limits.maxInputFileBytes`,
      given?.maxInputFileBytes,
      bytes,
    ),
  };
}

export function createContext(options: EmulatorOptions, clock: ResettableClock): EmulatorContext {
  const phases = options.phases ?? {};
  const limits = options.openai?.limits ?? {};
  const anthropicLimits = options.anthropic?.limits ?? {};
  const google = options.google ?? {};
  if (options.apiKeys?.some((k) => k.length === 0)) {
    throw new RangeError("createEmulator: apiKeys must not contain an empty string");
  }
  return {
    clock,
    files: new FileStore(),
    responder: options.responder,
    holds: new BatchHolds(options.stuck),
    phases: {
      validatingMs: duration(
        "phases.validatingMs",
        phases.validatingMs,
        DEFAULT_PHASES.validatingMs,
      ),
      inProgressMs: duration(
        "phases.inProgressMs",
        phases.inProgressMs,
        DEFAULT_PHASES.inProgressMs,
      ),
      finalizingMs: duration(
        "phases.finalizingMs",
        phases.finalizingMs,
        DEFAULT_PHASES.finalizingMs,
      ),
      cancellingMs: duration(
        "phases.cancellingMs",
        phases.cancellingMs,
        DEFAULT_PHASES.cancellingMs,
      ),
    },
    completionWindowMs: duration("completionWindowMs", options.completionWindowMs, DAY_MS),
    shuffle: options.shuffle,
    apiKeys: options.apiKeys ? new Set(options.apiKeys) : undefined,
    openaiLimits: {
      maxRequestsPerBatch: duration(
        "openai.limits.maxRequestsPerBatch",
        limits.maxRequestsPerBatch,
        50_000,
      ),
      maxInputFileBytes: duration(
        "openai.limits.maxInputFileBytes",
        limits.maxInputFileBytes,
        200 * 1024 * 1024,
      ),
    },
    azureLimits: fileLimits("azure", options.azure?.limits, 100_000, 200 * 1024 * 1024),
    groqLimits: fileLimits("groq", options.groq?.limits, 50_000, 100 * 1024 * 1024),
    togetherLimits: fileLimits("together", options.together?.limits, 50_000, 100 * 1024 * 1024),
    anthropicLimits: {
      maxRequestsPerBatch: duration(
        "anthropic.limits.maxRequestsPerBatch",
        anthropicLimits.maxRequestsPerBatch,
        100_000,
      ),
      maxBodyBytes: duration(
        "anthropic.limits.maxBodyBytes",
        anthropicLimits.maxBodyBytes,
        256 * 1024 * 1024,
      ),
    },
    mistralLimits: {
      maxRequestsPerBatch: duration(
        "mistral.limits.maxRequestsPerBatch",
        options.mistral?.limits?.maxRequestsPerBatch,
        1_000_000,
      ),
      maxFileBytes: duration(
        "mistral.limits.maxFileBytes",
        options.mistral?.limits?.maxFileBytes,
        512 * 1024 * 1024,
      ),
    },
    bedrockLimits: {
      minRecordsPerJob: duration(
        "bedrock.limits.minRecordsPerJob",
        options.bedrock?.limits?.minRecordsPerJob,
        1,
      ),
      maxRecordsPerJob: duration(
        "bedrock.limits.maxRecordsPerJob",
        options.bedrock?.limits?.maxRecordsPerJob,
        50_000,
      ),
      maxInputFileBytes: duration(
        "bedrock.limits.maxInputFileBytes",
        options.bedrock?.limits?.maxInputFileBytes,
        1_000_000_000,
      ),
    },
    google: {
      windowMs: duration(
        "google.completionWindowMs",
        google.completionWindowMs ?? options.completionWindowMs,
        2 * DAY_MS,
      ),
      limits: {
        maxInlineBytes: duration(
          "google.limits.maxInlineBytes",
          google.limits?.maxInlineBytes,
          20 * 1024 * 1024,
        ),
        maxFileBytes: duration(
          "google.limits.maxFileBytes",
          google.limits?.maxFileBytes,
          2 * 1024 * 1024 * 1024,
        ),
      },
    },
  };
}
