import { randomHex } from "../ids.js";

/** Where Mistral's routes live on the one emulator app: the SDK's `serverURL` is `${url}/mistral`. */
export const MISTRAL_PREFIX = "/mistral";

export function isMistralPath(path: string): boolean {
  return path === MISTRAL_PREFIX || path.startsWith(`${MISTRAL_PREFIX}/`);
}

const headers = () => ({
  "content-type": "application/json",
  "x-request-id": randomHex(32),
});

/**
 * Mistral's error envelope: `{"object":"error","message":...,"type":...,"param":null,"code":...}`
 * (the shape of a real 400, quoted in langchain-ai/langchain#29604: "Received unsupported keyword
 * `format` in schema.", type invalid_request_error). The types of other statuses follow it
 * (unverified: chosen here).
 */
export function mistralError(
  status: number,
  message: string,
  fields: { type?: string; code?: string | null; param?: string | null } = {},
): Response {
  const body = {
    object: "error",
    message,
    type: fields.type ?? defaultType(status),
    param: fields.param ?? null,
    code: fields.code ?? null,
  };
  return new Response(JSON.stringify(body), { status, headers: headers() });
}

function defaultType(status: number): string {
  if (status === 429) return "rate_limited";
  if (status >= 500) return "internal_server_error";
  return "invalid_request_error";
}

export function mistralJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: headers() });
}

/**
 * A missing or unknown key: HTTP 401 with `{"message":"Unauthorized","request_id":...}`, the
 * body the real API answers with (from memory of its responses; not in its docs). It never
 * repeats the key.
 */
export function mistralUnauthorized(): Response {
  return new Response(JSON.stringify({ message: "Unauthorized", request_id: randomHex(32) }), {
    status: 401,
    headers: headers(),
  });
}

/** Default wordings of the statuses a fault or a scripted outcome sends (unverified). */
export function mistralStatusMessage(status: number): string {
  switch (status) {
    case 429:
      return "Requests rate limit exceeded";
    case 500:
      return "Internal server error";
    case 502:
      return "Bad gateway";
    case 503:
      return "Service unavailable";
    case 504:
      return "Gateway timeout";
    default:
      return `Request failed with status ${status}`;
  }
}
