import type { MiddlewareHandler } from "hono";

/*
 * Azure OpenAI's answers to a request it will not serve, as Azure words them:
 * - no key or an unknown one: 401 with code "401" and "Access denied due to invalid
 *   subscription key or wrong API endpoint. ..." (the Cognitive Services gateway's message,
 *   quoted in many public reports of this error);
 * - no `api-version` on the data plane: 404 "Resource not found" (the same gateway; unverified
 *   for every route, the behaviour users report).
 * Neither message repeats the key.
 */
const ACCESS_DENIED =
  "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.";

function azureError(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { "content-type": "application/json", "apim-request-id": crypto.randomUUID() },
  });
}

/** `api-key` header or an Entra ID bearer token, as the `AzureOpenAI` client sends one. */
export function azureAuth(apiKeys: ReadonlySet<string> | undefined): MiddlewareHandler {
  return async (c, next) => {
    const key = c.req.header("api-key")?.trim();
    const bearer = /^Bearer\s+(\S.*)$/i.exec((c.req.header("authorization") ?? "").trim())?.[1];
    const credential = key || bearer?.trim();
    if (!credential) return azureError(401, "401", ACCESS_DENIED);
    // With `apiKeys` set, a bearer token must be one of them too.
    if (apiKeys && !apiKeys.has(credential)) return azureError(401, "401", ACCESS_DENIED);
    await next();
  };
}

/** Every data-plane request names its `api-version`. */
export function requireApiVersion(): MiddlewareHandler {
  return async (c, next) => {
    const version = c.req.query("api-version");
    if (!version) return azureError(404, "404", "Resource not found");
    await next();
  };
}
