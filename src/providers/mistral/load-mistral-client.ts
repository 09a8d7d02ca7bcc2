import { MissingApiKeyError } from "../../errors/missing-api-key-error.js";
import { MissingDependencyError } from "../../errors/missing-dependency-error.js";
import { resolveBaseURL } from "../../util/check-base-url.js";
import { readEnv } from "../../util/env.js";
import { checkEnvApiKey } from "../check-connection.js";
import type { ProviderClientOptions } from "../types.js";

/** Per-call options of the SDK (2.7.0 `RequestOptions`). */
export interface MistralCallOptions {
  retries?: { strategy: "none" };
}

/** The parts of the official `@mistralai/mistralai` client (2.7.0) this adapter calls. */
export interface MistralClientLike {
  files: {
    upload(
      request: { file: Blob | File | { fileName: string; content: Uint8Array }; purpose?: "batch" },
      options?: MistralCallOptions,
    ): Promise<{ id: string }>;
    download(request: { fileId: string }, options?: MistralCallOptions): Promise<ReadableStream>;
    delete(request: { fileId: string }, options?: MistralCallOptions): Promise<unknown>;
  };
  batch: {
    jobs: {
      create(
        request: {
          inputFiles?: string[];
          requests?: { customId?: string; body: Record<string, unknown> }[];
          endpoint: string;
          model?: string;
          metadata?: Record<string, string>;
          timeoutHours?: number;
        },
        options?: MistralCallOptions,
      ): Promise<unknown>;
      get(request: { jobId: string }, options?: MistralCallOptions): Promise<unknown>;
      list(
        request: { page?: number; pageSize?: number; orderBy?: "created" | "-created" },
        options?: MistralCallOptions,
      ): Promise<{ data?: unknown[]; total: number }>;
      cancel(request: { jobId: string }, options?: MistralCallOptions): Promise<unknown>;
      delete(request: { jobId: string }, options?: MistralCallOptions): Promise<unknown>;
    };
  };
}

/**
 * Retries for the calls that are harmless to repeat (reads, uploads): the SDK retries nothing by
 * default (`{ strategy: "none" }`), so 429 and 5xx answers (honouring `retry-after`) and lost
 * connections are retried here for up to about 8 seconds, about what the other providers' SDKs
 * spend (the `openai` SDK: 2 retries, 0.5 to 8 s apart); a longer outage is reported, and
 * polling goes on at the processor's pace. The create call turns them off (see createBatchOnce).
 */
const RETRIES = {
  strategy: "backoff",
  backoff: { initialInterval: 500, maxInterval: 4_000, exponent: 2, maxElapsedTime: 8_000 },
  retryConnectionErrors: true,
} as const;

/**
 * Builds the SDK client once per processor. The SDK is an optional peer dependency, loaded only
 * when Mistral is used. `baseURL` (or `MISTRAL_BASE_URL`) is the SDK's `serverURL`: the host
 * without `/v1`, since the SDK's paths start with it.
 */
export async function loadMistralClient(
  options: ProviderClientOptions,
): Promise<MistralClientLike> {
  if (options.client !== undefined) return options.client as MistralClientLike;
  const apiKey = options.apiKey ?? readEnv("MISTRAL_API_KEY");
  if (!apiKey) throw new MissingApiKeyError("Mistral", ["MISTRAL_API_KEY"]);
  let mod: {
    Mistral: new (opts: Record<string, unknown>) => unknown;
    HTTPClient: new (opts: Record<string, unknown>) => unknown;
  };
  try {
    mod = (await import("@mistralai/mistralai")) as unknown as typeof mod;
  } catch (cause) {
    throw new MissingDependencyError("@mistralai/mistralai", "The Mistral provider", { cause });
  }
  const serverURL = resolveBaseURL(options.baseURL, "MISTRAL_BASE_URL");
  checkEnvApiKey(apiKey, options.apiKey === undefined ? "MISTRAL_API_KEY" : undefined);
  const fetcher = options.fetch;
  return new mod.Mistral({
    apiKey,
    retryConfig: RETRIES,
    ...(serverURL !== undefined && { serverURL }),
    ...(fetcher !== undefined && {
      httpClient: new mod.HTTPClient({
        fetcher: (input: RequestInfo | URL, init?: RequestInit) => fetcher(input, init),
      }),
    }),
  }) as MistralClientLike;
}
