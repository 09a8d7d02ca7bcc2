import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { MissingApiKeyError } from "../../errors/missing-api-key-error.js";
import { MissingDependencyError } from "../../errors/missing-dependency-error.js";
import { resolveBaseURL } from "../../util/check-base-url.js";
import { readEnv } from "../../util/env.js";
import { checkEnvApiKey } from "../check-connection.js";
import { type GeminiRest, trimBaseUrl } from "./gemini-rest.js";
import {
  GEMINI_API_VERSION,
  GEMINI_DEFAULT_BASE_URL,
  type GoogleProviderOptions,
} from "./google-provider-options.js";

/** Per-call options every SDK method takes; the version is pinned on each call. */
export interface SdkCallConfig {
  httpOptions?: { apiVersion?: string };
  [key: string]: unknown;
}

/** The parts of the official `@google/genai` client this adapter calls. */
export interface GoogleClientLike {
  files: {
    upload(args: { file: Blob; config?: SdkCallConfig }): Promise<{ name?: string }>;
    delete(args: { name: string; config?: SdkCallConfig }): Promise<unknown>;
  };
  batches: {
    create(args: { model: string; src: unknown; config?: SdkCallConfig }): Promise<{
      name?: string;
    }>;
    get(args: { name: string; config?: SdkCallConfig }): Promise<unknown>;
    list(args: { config?: SdkCallConfig }): Promise<AsyncIterable<unknown>>;
    cancel(args: { name: string; config?: SdkCallConfig }): Promise<unknown>;
    delete(args: { name: string; config?: SdkCallConfig }): Promise<unknown>;
  };
}

/** The SDK client, and the REST access beside it when it can be had (see `GeminiRest`). */
export interface GoogleConnection {
  sdk: GoogleClientLike;
  rest: GeminiRest | undefined;
  apiVersion: string;
}

/** What `GoogleGenAI` keeps in its (TypeScript-protected, runtime-public) `apiClient`. */
interface SdkApiClient {
  getBaseUrl?(): string;
  getApiKey?(): string | undefined;
  getFetch?(): typeof globalThis.fetch | undefined;
  getHeaders?(): Record<string, string>;
}

/**
 * REST access from a client the user configured: its host, key, fetch and headers. Undefined
 * when the object does not expose them (a wrapper, a mock); the adapter then stays on the SDK.
 */
function restFromClient(client: unknown, apiVersion: string): GeminiRest | undefined {
  const api = (client as { apiClient?: SdkApiClient } | null)?.apiClient;
  if (typeof api?.getBaseUrl !== "function") return undefined;
  let baseUrl: string;
  try {
    baseUrl = api.getBaseUrl();
  } catch {
    return undefined;
  }
  const apiKey = api.getApiKey?.();
  return {
    baseUrl: trimBaseUrl(baseUrl),
    apiVersion,
    fetch: api.getFetch?.() ?? ((input, init) => globalThis.fetch(input, init)),
    // Only the key itself: asking the SDK for auth headers without one would start ADC.
    headers: async () => ({
      ...(api.getHeaders?.() ?? {}),
      ...(apiKey !== undefined && { "x-goog-api-key": apiKey }),
    }),
    secrets: [apiKey],
  };
}

function refuseVertex(client: unknown): void {
  if ((client as { vertexai?: unknown } | null)?.vertexai === true) {
    throw new InvalidArgumentError([
      {
        code: "unsupported_client",
        path: ["client"],
        message:
          "is a Vertex AI client; the google provider uses the Gemini API's batch mode: pass a GoogleGenAI client without vertexai",
      },
    ]);
  }
}

/**
 * Builds the SDK client once per processor, and the REST access with the same host, key and
 * fetch. The SDK is an optional peer dependency, loaded only when Gemini is used.
 */
export async function loadGoogleClient(options: GoogleProviderOptions): Promise<GoogleConnection> {
  const apiVersion = options.apiVersion ?? GEMINI_API_VERSION;
  if (options.client !== undefined) {
    refuseVertex(options.client);
    const sdk = options.client as GoogleClientLike;
    return { sdk, rest: restFromClient(options.client, apiVersion), apiVersion };
  }
  // The SDK's own order: GOOGLE_API_KEY wins when both are set.
  const apiKey = options.apiKey ?? readEnv("GOOGLE_API_KEY") ?? readEnv("GEMINI_API_KEY");
  if (!apiKey) throw new MissingApiKeyError("Google Gemini", ["GEMINI_API_KEY", "GOOGLE_API_KEY"]);
  let mod: { GoogleGenAI: new (opts: Record<string, unknown>) => unknown };
  try {
    mod = (await import("@google/genai")) as unknown as typeof mod;
  } catch (cause) {
    throw new MissingDependencyError("@google/genai", "The Google Gemini provider", { cause });
  }
  const baseUrl = trimBaseUrl(
    resolveBaseURL(options.baseURL, "GOOGLE_GEMINI_BASE_URL") ?? GEMINI_DEFAULT_BASE_URL,
  );
  checkEnvApiKey(
    apiKey,
    options.apiKey !== undefined
      ? undefined
      : readEnv("GOOGLE_API_KEY") !== undefined
        ? "GOOGLE_API_KEY"
        : "GEMINI_API_KEY",
  );
  const client = new mod.GoogleGenAI({
    apiKey,
    httpOptions: {
      baseUrl,
      apiVersion,
      ...(options.fetch !== undefined && { fetch: options.fetch }),
    },
  });
  const api = (client as { apiClient?: SdkApiClient }).apiClient;
  if (options.fetch !== undefined && api?.getFetch?.() !== options.fetch) {
    throw new InvalidArgumentError([
      {
        code: "unsupported_option",
        path: ["fetch"],
        message:
          "the installed @google/genai ignores a custom fetch (httpOptions.fetch came with 3.x): upgrade it, or leave fetch out",
      },
    ]);
  }
  const rest: GeminiRest = {
    baseUrl,
    apiVersion,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers: async () => ({ "x-goog-api-key": apiKey }),
    secrets: [apiKey],
  };
  return { sdk: client as GoogleClientLike, rest, apiVersion };
}
