import { MissingApiKeyError } from "../../errors/missing-api-key-error.js";
import { MissingDependencyError } from "../../errors/missing-dependency-error.js";
import { resolveBaseURL } from "../../util/check-base-url.js";
import { readEnv } from "../../util/env.js";
import { checkEnvApiKey } from "../check-connection.js";
import type { ProviderClientOptions } from "../types.js";

/** A request promise of the SDK: awaiting it parses the body; `asResponse` leaves it unread. */
export interface AnthropicRequestLike<T> extends PromiseLike<T> {
  asResponse(): Promise<Response>;
}

/** The parts of the official `@anthropic-ai/sdk` client this adapter calls. */
export interface AnthropicClientLike {
  /** Raw requests: used to send the pre-serialised create body and to stream results. */
  post(
    path: string,
    options: {
      body: ReadableStream<Uint8Array>;
      headers: Record<string, string>;
      maxRetries?: number;
    },
  ): AnthropicRequestLike<unknown>;
  get(
    path: string,
    options: { headers: Record<string, string>; __binaryResponse: true },
  ): AnthropicRequestLike<unknown>;
  messages: {
    batches: {
      retrieve(id: string): PromiseLike<unknown>;
      list(args: { limit?: number }): AsyncIterable<unknown>;
      cancel(id: string): PromiseLike<unknown>;
      delete(id: string): PromiseLike<unknown>;
    };
  };
}

/**
 * Builds the SDK client once per processor. The SDK is an optional peer dependency, loaded
 * only when Anthropic is used. Its baseURL has no `/v1` (the SDK's paths start with it).
 */
export async function loadAnthropicClient(
  options: ProviderClientOptions,
): Promise<AnthropicClientLike> {
  if (options.client !== undefined) return options.client as AnthropicClientLike;
  const apiKey = options.apiKey ?? readEnv("ANTHROPIC_API_KEY");
  if (!apiKey) throw new MissingApiKeyError("Anthropic", ["ANTHROPIC_API_KEY"]);
  let mod: { default: new (opts: Record<string, unknown>) => unknown };
  try {
    mod = (await import("@anthropic-ai/sdk")) as unknown as typeof mod;
  } catch (cause) {
    throw new MissingDependencyError("@anthropic-ai/sdk", "The Anthropic provider", { cause });
  }
  const baseURL = resolveBaseURL(options.baseURL, "ANTHROPIC_BASE_URL");
  checkEnvApiKey(apiKey, options.apiKey === undefined ? "ANTHROPIC_API_KEY" : undefined);
  return new mod.default({
    apiKey,
    ...(baseURL !== undefined && { baseURL }),
    ...(options.fetch !== undefined && { fetch: options.fetch }),
  }) as AnthropicClientLike;
}
