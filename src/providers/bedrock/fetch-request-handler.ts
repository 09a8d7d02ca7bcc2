/**
 * The parts of a Smithy `HttpRequest` (what the AWS SDK v3 hands its request handler after
 * signing) that a request needs on the wire.
 */
interface SmithyRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * RFC 3986 escaping as the SDK's signer canonicalises query values (`@smithy/util-uri-escape`):
 * `encodeURIComponent` leaves `!'()*` alone, SigV4 does not.
 */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function queryString(query: SmithyRequest["query"]): string {
  const parts: string[] = [];
  for (const key of Object.keys(query ?? {}).sort()) {
    const value = query![key];
    const name = escapeUri(key);
    if (value === null || value === undefined) parts.push(name);
    else if (Array.isArray(value)) for (const v of value) parts.push(`${name}=${escapeUri(v)}`);
    else parts.push(`${name}=${escapeUri(value)}`);
  }
  return parts.length === 0 ? "" : `?${parts.join("&")}`;
}

// Set by fetch itself from the URL and the body; a runtime refuses or ignores them.
const FETCH_OWNED = new Set(["host", "connection", "transfer-encoding", "expect"]);

/**
 * A request handler for AWS SDK v3 clients that sends through a web `fetch` (the global one, or
 * a given one such as an in-process emulator's): the SDK's own handlers take no `fetch`, and
 * Node's default one cannot send a web `ReadableStream` body, which the batch upload is (the
 * buffer's chunks, never joined). Responses come back with a web `ReadableStream` body, which
 * the SDK's stream helpers (`transformToWebStream`) accept in every runtime.
 */
export function fetchRequestHandler(fetchImpl: typeof globalThis.fetch) {
  return {
    metadata: { handlerProtocol: "http/1.1" },
    async handle(request: SmithyRequest, options?: { abortSignal?: AbortSignal }) {
      const port = request.port ? `:${request.port}` : "";
      const url = `${request.protocol}//${request.hostname}${port}${request.path}${queryString(request.query)}`;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (!FETCH_OWNED.has(name.toLowerCase())) headers[name] = value;
      }
      const body = request.body as BodyInit | null | undefined;
      const streamed = typeof ReadableStream !== "undefined" && body instanceof ReadableStream;
      const response = await fetchImpl(url, {
        method: request.method,
        headers,
        ...(body !== undefined && body !== null && request.method !== "GET" && { body }),
        // A stream body is sent as it is read (undici requires saying so).
        ...(streamed && { duplex: "half" }),
        ...(options?.abortSignal && { signal: options.abortSignal }),
      } as RequestInit);
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        responseHeaders[name] = value;
      });
      return {
        response: {
          statusCode: response.status,
          reason: response.statusText,
          headers: responseHeaders,
          body: response.body ?? new ReadableStream({ start: (c) => c.close() }),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}
