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
      body: ReadableStream<Uint8Array> | Record<string, unknown>;
      headers?: Record<string, string>;
      maxRetries?: number;
    },
  ): PromiseLike<unknown>;
  /** Raw GET: for a service whose answers are not OpenAI's pages (Together's batch list). */
  get?(path: string, options?: Record<string, unknown>): PromiseLike<unknown>;
  files: {
    create(args: {
      file: File;
      purpose: "batch";
      [field: string]: unknown;
    }): Promise<{ id: string; status?: string | null }>;
    /** Azure: an upload is `pending` until the service has processed it. */
    retrieve?(id: string): Promise<{ id: string; status?: string | null }>;
    content(id: string): Promise<Response>;
    delete(id: string): Promise<unknown>;
  };
  batches: {
    create(
      args: {
        input_file_id: string;
        endpoint: "/v1/chat/completions" | "/v1/responses";
        /** `24h` on OpenAI and Azure; Groq takes up to `7d`. */
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

type ClientClass = new (opts: Record<string, unknown>) => unknown;

/** The `openai` SDK, loaded on first use: one dynamic import for every service on its wire. */
export async function importOpenAI(
  label: string,
): Promise<{ default: ClientClass; AzureOpenAI: ClientClass }> {
  try {
    return (await import("openai")) as never;
  } catch (cause) {
    throw new MissingDependencyError("openai", `The ${label} provider`, { cause });
  }
}

/** Where a service on the OpenAI wire reads its key and base URL from. */
export interface OpenAIClientSpec {
  label: string;
  keyEnv: string;
  baseUrlEnv: string;
  /** The service's base URL when neither the option nor the variable gives one. */
  defaultBaseURL?: string;
}

const OPENAI_SPEC: OpenAIClientSpec = {
  label: "OpenAI",
  keyEnv: "OPENAI_API_KEY",
  baseUrlEnv: "OPENAI_BASE_URL",
};

/**
 * Builds the SDK client once per processor (the ancestor rebuilt it on every call). The SDK is
 * an optional peer dependency, loaded only when OpenAI is used.
 */
export function loadOpenAIClient(options: ProviderClientOptions): Promise<OpenAIClientLike> {
  return loadOpenAIWireClient(options, OPENAI_SPEC);
}

/** The `openai` SDK client for any service on its wire (OpenAI, Groq, ...), per `spec`. */
export async function loadOpenAIWireClient(
  options: ProviderClientOptions,
  spec: OpenAIClientSpec,
): Promise<OpenAIClientLike> {
  if (options.client !== undefined) return options.client as OpenAIClientLike;
  const apiKey = options.apiKey ?? readEnv(spec.keyEnv);
  if (!apiKey) throw new MissingApiKeyError(spec.label, [spec.keyEnv]);
  const mod = await importOpenAI(spec.label);
  const baseURL = resolveBaseURL(options.baseURL, spec.baseUrlEnv) ?? spec.defaultBaseURL;
  checkEnvApiKey(apiKey, options.apiKey === undefined ? spec.keyEnv : undefined);
  return new mod.default({
    apiKey,
    ...(baseURL !== undefined && { baseURL }),
    ...(options.fetch !== undefined && { fetch: options.fetch }),
  }) as OpenAIClientLike;
}
