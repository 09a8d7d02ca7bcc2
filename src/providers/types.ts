import type { BatchBuffer } from "../batch/batch-buffer.js";
import type { Conversation } from "../messages/types.js";
import type { BatchErrorType, BatchStatus, TokenUsage } from "../results/types.js";
import type { ResolvedSchema } from "../schema/types.js";
import type { Logger } from "../util/logger.js";

import type { ProviderId } from "./provider-ids.js";

export type { ProviderId } from "./provider-ids.js";

/** What a provider accepts in one batch, and how custom ids must look. */
export interface ProviderLimits {
  maxRequests: number;
  maxBytes: number;
  customIdMaxLength: number;
  /** Provider rule for custom ids, when it has one (Anthropic: `^[a-zA-Z0-9_-]{1,64}$`). */
  customIdPattern: RegExp | undefined;
  /** The pattern in words, for error messages. */
  customIdRule?: string;
}

/** Provider-neutral generation parameters (each adapter maps them to its wire names). */
export interface GenerationParams {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  seed?: number;
  stop?: string | string[];
  presencePenalty?: number;
  frequencyPenalty?: number;
  /**
   * How much a reasoning model thinks before it answers, provider-neutral: `effort` for models
   * that take a level (OpenAI `reasoning_effort`, Gemini 3 `thinkingLevel`), `budgetTokens` for
   * models that take a budget (Anthropic extended thinking, Gemini 2.5 `thinkingBudget`). What
   * each model family takes is in the README's model table; a value a model cannot take is
   * refused before anything is sent.
   * @example { reasoning: { effort: "low" } }
   * @example { reasoning: { budgetTokens: 2048 } }
   */
  reasoning?: ReasoningParams;
  /** Extra body fields sent as they are, per provider: `{ openai: { service_tier: "flex" } }`. */
  providerOptions?: Partial<Record<ProviderId, Record<string, unknown>>>;
}

/** See `GenerationParams.reasoning`. */
export interface ReasoningParams {
  /** A reasoning level: "none", "minimal", "low", "medium", "high" (each model takes some). */
  effort?: string;
  /** Thinking tokens the model may spend before answering; 0 turns thinking off where allowed. */
  budgetTokens?: number;
}

/**
 * The schema as one provider's structured output uses it, prepared once per processor.
 * `normalize` undoes what the wire form changed (e.g. OpenAI strict mode's nullable optional
 * fields) before the user's validator sees the value.
 */
export interface PreparedOutputSchema<T> {
  schema: ResolvedSchema<T>;
  /** The JSON Schema sent on the wire. */
  wireSchema: unknown;
  normalize(value: unknown): unknown;
}

/** What a provider made of one result line, before JSON parsing and schema validation. */
export type ProviderOutcome =
  | {
      kind: "answer";
      customId: string;
      /** JSON text to parse, or an already-parsed value (tool-use input). */
      text?: string;
      value?: unknown;
      usage: TokenUsage | undefined;
      raw: unknown;
      /**
       * The results-file line `raw` was parsed from, when there is one: a success keeps the line
       * and parses `raw` again only if it is read (see `toBatchResult`).
       */
      line: string | undefined;
    }
  | {
      kind: "error";
      customId: string;
      errorType: BatchErrorType;
      errorMessage: string;
      errorCode?: string;
      statusCode?: number;
      text?: string;
      usage?: TokenUsage | undefined;
      raw: unknown;
    };

export interface SubmitOptions {
  /** Key/value pairs attached to the batch (where the provider supports it). */
  metadata?: Record<string, string>;
}

export interface ListOptions {
  /** Maximum number of batches to return (newest first). */
  limit?: number;
}

/** What `deleteBatch` did. */
export interface DeleteReport {
  id: string;
  /** True when the provider's batch object itself was deleted. */
  batchDeleted: boolean;
  /** Files removed along with it (OpenAI: input, output and error files). */
  deletedFiles: string[];
  /** What could not be deleted and why (Bedrock: jobs cannot be deleted, only their files). */
  note?: string;
}

/**
 * One adapter per provider: all wire detail lives behind this interface. The processor
 * orchestrates; adapters never validate against the user's schema.
 */
export interface BatchProviderAdapter {
  readonly id: ProviderId;
  readonly model: string;
  readonly limits: ProviderLimits;
  /** Called once when the processor is created: fails early on schemas the provider cannot take. */
  prepareSchema<T>(schema: ResolvedSchema<T>): PreparedOutputSchema<T>;
  /**
   * Compiles what is the same on every line once; the returned function makes one JSONL line
   * (without the newline) per request, so large batches cost one small stringify per request.
   * A parameter the provider cannot take is left out and reported through `warn`, once.
   */
  createLineEncoder(
    output: PreparedOutputSchema<unknown>,
    params: GenerationParams,
    warn: (message: string) => void,
  ): (customId: string, messages: Conversation) => string;
  submit(batch: BatchBuffer, options: SubmitOptions): Promise<string>;
  getStatus(batchId: string): Promise<BatchStatus>;
  /**
   * Streams the batch's outcomes (output and error files) in batches, one per downloaded chunk:
   * a step of an async iterator per line would cost more than reading the line. Throws if the
   * batch has not finished.
   */
  readResultBatches(batchId: string): AsyncIterable<ProviderOutcome[]>;
  /**
   * Streams the result lines exactly as the provider serves them (OpenAI: output file, then
   * error file; Gemini inline batches: each inline response as one JSON line), in batches like
   * `readResultBatches`; throws like it if the batch has not finished or failed as a whole.
   */
  readRawLineBatches(batchId: string): AsyncIterable<string[]>;
  /** Maps downloaded result lines offline; `lineNumber` is 1-based. */
  parseResultLine(line: string, lineNumber: number): ProviderOutcome;
  list(options: ListOptions): Promise<BatchStatus[]>;
  cancel(batchId: string): Promise<BatchStatus>;
  delete(batchId: string): Promise<DeleteReport>;
}

/** Options common to every adapter factory. */
export interface ProviderClientOptions {
  apiKey?: string;
  baseURL?: string;
  /** A configured official SDK client (Azure OpenAI, proxies, custom fetch). */
  client?: unknown;
  /** A fetch to use instead of the global one (e.g. an in-process emulator's `fetch`). */
  fetch?: typeof globalThis.fetch;
  logger?: Logger;
}
