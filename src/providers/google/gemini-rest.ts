import { ProviderApiError } from "../../errors/provider-api-error.js";
import { StructuredBatchError } from "../../errors/structured-batch-error.js";
import { redact, redactErrorChain } from "../../util/redact.js";
import { sleep } from "../../util/sleep.js";
import { retryAfterMs } from "../create-batch-once.js";
import { toProviderApiError } from "../to-provider-api-error.js";

/**
 * What a direct call to the Gemini API needs: the same host, version, fetch and credentials as
 * the SDK client. The SDK hides what this library must read (`batchStats`, the batch-level
 * `error`, the raw `BATCH_STATE_*`) and can only download files to disk, so these few calls go
 * around it.
 */
export interface GeminiRest {
  /** Without a trailing slash and without the version. */
  baseUrl: string;
  apiVersion: string;
  fetch: typeof globalThis.fetch;
  /** Auth (`x-goog-api-key`) and any headers the client was configured with. */
  headers(): Promise<Record<string, string>>;
  /** Removed from every error message. */
  secrets: readonly (string | undefined)[];
}

export interface GeminiCall {
  method?: "GET" | "POST" | "DELETE";
  /** JSON body. */
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Path segment before the version, e.g. `download` for media downloads. */
  prefix?: string;
  /** Headers beside the credentials, e.g. the resumable upload protocol's. */
  headers?: Record<string, string>;
  /**
   * A JSON body already serialised, as a stream of known length (read once: only for a POST,
   * which is never sent twice here).
   */
  jsonStream?: { body: ReadableStream<Uint8Array>; length: number };
}

/** `{ error: { code, message, status } }`, Google's error envelope, as one readable sentence. */
export function describeGeminiError(text: string): string {
  try {
    const error = (JSON.parse(text) as { error?: { message?: unknown; status?: unknown } }).error;
    if (typeof error?.message === "string") {
      return typeof error.status === "string"
        ? `${error.message} [${error.status}]`
        : error.message;
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): shown as it is, shortened.
  }
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

/** Wraps an SDK error (whose message is the error envelope as JSON) like a REST one. */
export function toGeminiApiError(
  operation: string,
  error: unknown,
  secrets: readonly (string | undefined)[],
): Error {
  if (error instanceof StructuredBatchError) return error;
  const message = (error as { message?: unknown } | null)?.message;
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof message === "string" && typeof status === "number") {
    redactErrorChain(error, secrets);
    return new ProviderApiError(
      "google",
      operation,
      redact(describeGeminiError(message), secrets),
      {
        status,
        cause: error,
      },
    );
  }
  return toProviderApiError("google", operation, error, secrets);
}

/** One call to the Gemini REST API; a non-2xx answer becomes a `ProviderApiError`. */
export async function geminiFetch(
  rest: GeminiRest,
  operation: string,
  path: string,
  call: GeminiCall = {},
): Promise<Response> {
  const prefix = call.prefix === undefined ? "" : `/${call.prefix}`;
  const url = new URL(`${rest.baseUrl}${prefix}/${rest.apiVersion}/${path}`);
  for (const [name, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  const method = call.method ?? "GET";
  // Reads and deletes are safe to send again (the SDK retries its own calls the same way);
  // a POST is never repeated here: creating twice is createBatchOnce's call to make.
  const attempts = method === "POST" ? 1 : 3;
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    let failure: unknown;
    try {
      const headers = { ...(await rest.headers()), ...call.headers };
      if (call.body !== undefined || call.jsonStream !== undefined) {
        headers["content-type"] = "application/json";
      }
      if (call.jsonStream !== undefined) {
        headers["content-length"] = String(call.jsonStream.length);
      }
      // Called detached: some runtimes reject a fetch invoked as a method of another object.
      const fetch = rest.fetch;
      response = await fetch(url.toString(), {
        method,
        headers,
        ...(call.body !== undefined && { body: JSON.stringify(call.body) }),
        // `duplex` is what Node's fetch needs for a stream body; the other runtimes ignore it.
        ...(call.jsonStream !== undefined && { body: call.jsonStream.body, duplex: "half" }),
      } as RequestInit);
    } catch (error) {
      failure = toProviderApiError("google", operation, error, rest.secrets);
    }
    if (response?.ok) return response;
    if (response) failure = await geminiResponseError(rest, operation, response);
    const status = response?.status;
    const transient = status === undefined || status === 429 || status >= 500;
    if (!transient || attempt >= attempts) throw failure;
    await sleep(Math.min(retryAfterMs(failure) ?? 250 * 2 ** (attempt - 1), 30_000));
  }
}

/** A non-2xx answer as a `ProviderApiError` (Google's error envelope, secrets removed). */
export async function geminiResponseError(
  rest: GeminiRest,
  operation: string,
  response: Response,
): Promise<ProviderApiError> {
  const text = await response.text().catch(() => "");
  const detail = redact(describeGeminiError(text) || response.statusText, rest.secrets);
  return new ProviderApiError("google", operation, detail, {
    status: response.status,
    cause: { headers: response.headers },
  });
}

/** A REST call whose answer is JSON. */
export async function geminiJson<T>(
  rest: GeminiRest,
  operation: string,
  path: string,
  call: GeminiCall = {},
): Promise<T> {
  const response = await geminiFetch(rest, operation, path, call);
  try {
    return (await response.json()) as T;
  } catch (error) {
    throw toProviderApiError("google", operation, error, rest.secrets);
  }
}

/** `https://host/` -> `https://host`, so paths join with one slash. */
export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "");
}
