import { ProviderApiError } from "../errors/provider-api-error.js";
import { StructuredBatchError } from "../errors/structured-batch-error.js";
import type { Logger } from "../util/logger.js";
import { redact, redactErrorChain } from "../util/redact.js";
import { sleep } from "../util/sleep.js";

/**
 * How a failed create call is to be read:
 * - `not_processed`: the provider refused before doing anything (429): safe to send again.
 * - `ambiguous`: no answer, a timeout or a server error: the batch may exist.
 * - `fatal`: the provider rejected the request itself (400, 401, 413, ...): sending again fails again.
 */
export type CreateFailureKind = "not_processed" | "ambiguous" | "fatal";

export function classifyCreateFailure(error: unknown): CreateFailureKind {
  if (error instanceof StructuredBatchError && !(error instanceof ProviderApiError)) return "fatal";
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== "number") return "ambiguous";
  if (status === 429) return "not_processed";
  if (status === 408 || status === 409 || status >= 500) return "ambiguous";
  return "fatal";
}

/** `retry-after` (seconds or an HTTP date) of the provider's answer, in ms, when it sent one. */
export function retryAfterMs(error: unknown): number | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 3; depth++) {
    const headers = (e as { headers?: unknown }).headers;
    const value =
      headers instanceof Headers
        ? headers.get("retry-after")
        : (headers as Record<string, string> | undefined)?.["retry-after"];
    if (typeof value === "string" && value !== "") {
      const seconds = Number(value);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
      if (Number.isFinite(ms)) return Math.max(0, ms);
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface CreateOnceOptions {
  provider: string;
  /** Creates the batch once, with the SDK's own retries turned off; returns its id. */
  create: () => Promise<string>;
  /**
   * Ids of batches that this very submission may have created (e.g. the batch whose input file
   * is the one just uploaded). Asked after an ambiguous failure, before sending again.
   */
  findCreated: () => Promise<string[]>;
  /** Create calls in all (default 4). */
  attempts?: number;
  /** First pause between calls when the provider gives no `retry-after` (default 500 ms, doubled each time). */
  baseDelayMs?: number;
  /** Longest pause honoured from `retry-after` (default 60 s). */
  maxDelayMs?: number;
  logger?: Logger;
}

/**
 * Creates a batch exactly once. An SDK's automatic retry of a create call whose answer was lost
 * would make a second batch and double the bill; here a failure whose outcome is unknown is
 * followed by a look for the batch it may have made, and only when there is none is the call
 * sent again. What cannot be settled is reported, never guessed.
 */
export async function createBatchOnce(options: CreateOnceOptions): Promise<string> {
  const attempts = options.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    let error: unknown;
    try {
      return await options.create();
    } catch (caught) {
      error = caught;
    }
    const kind = classifyCreateFailure(error);
    if (kind === "fatal") throw error;
    if (kind === "ambiguous") {
      let candidates: string[];
      try {
        candidates = await options.findCreated();
      } catch (lookupError) {
        throw ambiguity(
          options.provider,
          error,
          `and checking whether it was created failed too (${(lookupError as Error).message})`,
        );
      }
      if (candidates.length === 1) {
        options.logger?.info?.(`${options.provider} batch found after a failed create call`, {
          batchId: candidates[0],
        });
        return candidates[0]!;
      }
      if (candidates.length > 1) {
        throw ambiguity(
          options.provider,
          error,
          `and ${candidates.length} batches could be the one it made: ${candidates.join(", ")}`,
        );
      }
    }
    if (attempt >= attempts) throw error;
    const fallback = (options.baseDelayMs ?? 500) * 2 ** (attempt - 1);
    const delay = Math.min(retryAfterMs(error) ?? fallback, options.maxDelayMs ?? 60_000);
    options.logger?.warn?.(`${options.provider} create batch failed; sending again`, {
      attempt,
      kind,
      delayMs: delay,
      error: redact(String((error as Error)?.message)),
    });
    await sleep(delay);
  }
}

function ambiguity(provider: string, error: unknown, detail: string): ProviderApiError {
  const status = (error as { status?: unknown } | null)?.status;
  redactErrorChain(error, []);
  const reason = redact((error as Error)?.message ?? String(error));
  return new ProviderApiError(
    provider,
    "create batch",
    `the call failed without a clear answer (${reason}) ${redact(detail)}. It was not sent again so that no batch is created twice: check listBatches() before submitting again.`,
    { ...(typeof status === "number" && { status }), cause: error },
  );
}

/**
 * Runs a call whose repetition is harmless (a read, or an upload whose worst case is an unused
 * copy of the file) again after a 429, a 5xx or a lost connection, honouring `retry-after`.
 * For SDKs that do not retry on their own (the Gemini SDK's uploads).
 */
export async function retryHarmless<R>(
  call: () => Promise<R>,
  options: { attempts?: number; baseDelayMs?: number } = {},
): Promise<R> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (classifyCreateFailure(error) === "fatal" || attempt >= attempts) throw error;
      const fallback = (options.baseDelayMs ?? 500) * 2 ** (attempt - 1);
      await sleep(Math.min(retryAfterMs(error) ?? fallback, 60_000));
    }
  }
}
