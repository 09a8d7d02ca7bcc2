import { MissingApiKeyError } from "../../errors/missing-api-key-error.js";
import { MissingDependencyError } from "../../errors/missing-dependency-error.js";
import { resolveBaseURL } from "../../util/check-base-url.js";
import { readEnv } from "../../util/env.js";
import { checkEnvApiKey } from "../check-connection.js";
import type { ProviderClientOptions } from "../types.js";

/** The parts of the official `openai` client this adapter calls. */
export interface OpenAIClientLike {
  /** Raw request: the batch file is uploaded as a streamed multipart body through it. */
  post?(
    path: string,
    options: {
      body: ReadableStream<Uint8Array>;
      headers: Record<string, string>;
      maxRetries?: number;
    },
  ): PromiseLike<unknown>;
  files: {
    create(args: { file: File; purpose: "batch" }): Promise<{ id: string }>;
    content(id: string): Promise<Response>;
    delete(id: string): Promise<unknown>;
  };
  batches: {
    create(
      args: {
        input_file_id: string;
        endpoint: "/v1/chat/completions" | "/v1/responses";
        completion_window: "24h";
        metadata?: Record<string, string>;
      },
      requestOptions?: { maxRetries?: number },
    ): Promise<unknown>;
    retrieve(id: string): Promise<unknown>;
    list(args: { limit?: number }): AsyncIterable<unknown>;
    cancel(id: string): Promise<unknown>;
  };
}

/**
 * Builds the SDK client once per processor (the ancestor rebuilt it on every call). The SDK is
 * an optional peer dependency, loaded only when OpenAI is used.
 */
export async function loadOpenAIClient(options: ProviderClientOptions): Promise<OpenAIClientLike> {
  if (options.client !== undefined) return options.client as OpenAIClientLike;
  const apiKey = options.apiKey ?? readEnv("OPENAI_API_KEY");
  if (!apiKey) throw new MissingApiKeyError("OpenAI", ["OPENAI_API_KEY"]);
  let mod: { default: new (opts: Record<string, unknown>) => unknown };
  try {
    mod = (await import("openai")) as unknown as typeof mod;
  } catch (cause) {
    throw new MissingDependencyError("openai", "The OpenAI provider", { cause });
  }
  const baseURL = resolveBaseURL(options.baseURL, "OPENAI_BASE_URL");
  checkEnvApiKey(apiKey, options.apiKey === undefined ? "OPENAI_API_KEY" : undefined);
  return new mod.default({
    apiKey,
    ...(baseURL !== undefined && { baseURL }),
    ...(options.fetch !== undefined && { fetch: options.fetch }),
  }) as OpenAIClientLike;
}
