import { redact } from "../../util/redact.js";
import { chatCompletionsBody, chatCompletionsOutcome } from "./chat-completions.js";
import type { EmulatedOutcome, Responder } from "./types.js";

/**
 * @example
 * { baseURL: "http://127.0.0.1:8000/v1", apiKey: "token", model: "Qwen/Qwen2.5-7B-Instruct", concurrency: 8 }
 */
export interface ForwardResponderOptions {
  /** The server's OpenAI-compatible base, e.g. `http://127.0.0.1:8080/v1` (llama.cpp). */
  baseURL: string;
  /** Sent as `Authorization: Bearer ...` when given (vLLM `--api-key`, hosted gateways). */
  apiKey?: string;
  /** The model the server should run. Default: the model named in each batch request. */
  model?: string;
  /** Calls in flight at once, over every batch and provider of the emulator. Default 4. */
  concurrency?: number;
  /** Time one call may take once started, answer included. Default 120,000 (2 min). */
  timeoutMs?: number;
  /** The fetch to call the server with. Default: the global fetch. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_TIMEOUT_MS = 120_000;

/** A counting semaphore: a finished call hands its slot straight to the longest waiter. */
class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.max) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

interface Checked {
  url: string;
  /** The URL as messages show it (a `?key=` redacted): answers reach the client's results. */
  shownUrl: string;
  limit: number;
  ms: number;
}

function check(options: ForwardResponderOptions): Checked {
  let base: URL | undefined;
  try {
    base = new URL(options.baseURL);
  } catch {
    base = undefined;
  }
  if (!base || (base.protocol !== "http:" && base.protocol !== "https:")) {
    throw new TypeError(
      `forwardResponder: baseURL must be an http(s) URL such as http://127.0.0.1:8080/v1, got ${JSON.stringify(redact(String(options.baseURL)))}`,
    );
  }
  // fetch refuses such URLs, and a key in a URL ends up in error messages: ask for apiKey.
  if (base.username || base.password) {
    throw new TypeError("forwardResponder: put the key in apiKey, not in baseURL");
  }
  const limit = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(
      `forwardResponder: concurrency must be an integer >= 1, got ${String(limit)}`,
    );
  }
  const ms = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new RangeError(`forwardResponder: timeoutMs must be a number > 0, got ${String(ms)}`);
  }
  base.pathname = `${base.pathname.replace(/\/+$/, "")}/chat/completions`;
  return { url: base.href, shownUrl: redact(base.href), limit, ms };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

/**
 * Answers every request by asking an OpenAI-compatible chat-completions server (llama.cpp
 * server, vLLM, Ollama, LM Studio) with the request's conversation, its JSON schema as
 * `response_format` and its token limit and temperature, so a local model serves all three
 * batch APIs. The answer's text comes back as it is (the client validates it); `finish_reason:
 * "length"` becomes a truncation, a refusal a refusal, an HTTP error from the server that
 * request's error with the server's status, an unreachable server a 502 and a timeout a 504.
 * At most `concurrency` calls are in flight at once, however many batches are running. The
 * emulator answers a poll once the requests it settles have their answers, so with a slow model
 * spread the work over time (`phases.inProgressMs`) to keep each poll short.
 *
 * @example
 * const emulator = createEmulator({
 *   phases: { validatingMs: 0, inProgressMs: 60_000, finalizingMs: 0 },
 *   responder: forwardResponder({ baseURL: "http://127.0.0.1:11434/v1", model: "qwen2.5:7b" }),
 * });
 */
export function forwardResponder(options: ForwardResponderOptions): Responder {
  const { url, shownUrl, limit, ms } = check(options);
  const limiter = new Limiter(limit);
  const send = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;

  return (request) =>
    limiter.run(async (): Promise<EmulatedOutcome> => {
      const body = JSON.stringify(chatCompletionsBody(request, options.model));
      try {
        // The signal also covers reading the body: a server that stalls mid-answer times out.
        const response = await send(url, {
          method: "POST",
          headers,
          body,
          signal: AbortSignal.timeout(ms),
        });
        return chatCompletionsOutcome(response.status, await response.text());
      } catch (error) {
        if (isTimeout(error)) {
          return {
            type: "error",
            status: 504,
            message: `The model server at ${shownUrl} did not answer within ${ms} ms.`,
          };
        }
        const reason = error instanceof Error ? error.message : String(error);
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
        return {
          type: "error",
          status: 502,
          message: redact(
            `Could not reach the model server at ${shownUrl}: ${reason}${cause ? ` (${cause.message})` : ""}`,
          ),
        };
      }
    });
}
