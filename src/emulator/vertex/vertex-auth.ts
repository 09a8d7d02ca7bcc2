import { googleError } from "../google/errors.js";

// The wordings Google APIs answer OAuth failures with (the Vertex AI API's among them).
const HELP = "See https://developers.google.com/identity/sign-in/web/devconsole-project.";
const MISSING = `Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. ${HELP}`;
const INVALID = `Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. ${HELP}`;

/** The bearer token of a request, if any. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization")?.trim();
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Vertex AI's answer to a request without an accepted OAuth token: 401 UNAUTHENTICATED, never
 * repeating the token. `tokens` is the emulator's `apiKeys` (any token when unset).
 */
export function vertexAuthError(
  request: Request,
  tokens: ReadonlySet<string> | undefined,
): Response | undefined {
  const token = bearerToken(request);
  if (!token) return googleError(401, MISSING, "UNAUTHENTICATED");
  if (tokens && !tokens.has(token)) return googleError(401, INVALID, "UNAUTHENTICATED");
  return undefined;
}

/**
 * Cloud Storage's JSON API error envelope: `{"error":{"code","message","errors":[{message,
 * domain, reason}]}}` (cloud.google.com/storage/docs/json_api/v1/status-codes).
 */
export function gcsError(
  code: number,
  message: string,
  reason: string,
  extra: Record<string, string> = {},
): Response {
  const body = {
    error: { code, message, errors: [{ message, domain: "global", reason, ...extra }] },
  };
  return new Response(JSON.stringify(body), {
    status: code,
    headers: { "content-type": "application/json; charset=UTF-8" },
  });
}

/** Cloud Storage's answers to a missing or unknown token (401 `required` / `authError`). */
export function gcsAuthError(
  request: Request,
  tokens: ReadonlySet<string> | undefined,
  permission: string,
): Response | undefined {
  const token = bearerToken(request);
  const where = { locationType: "header", location: "Authorization" };
  if (!token) {
    return gcsError(
      401,
      `Anonymous caller does not have ${permission} access to the Google Cloud Storage object. Permission '${permission}' denied on resource (or it may not exist).`,
      "required",
      where,
    );
  }
  if (tokens && !tokens.has(token)) return gcsError(401, "Invalid Credentials", "authError", where);
  return undefined;
}
