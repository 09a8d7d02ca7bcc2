import type { MiddlewareHandler } from "hono";
import { openaiError } from "./errors.js";

/**
 * Bearer auth as OpenAI does it. Neither message repeats the token: the real API shows a masked
 * key, but an emulator has no reason to echo secrets into logs at all.
 */
export function openaiAuth(apiKeys: ReadonlySet<string> | undefined): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const token = /^Bearer\s+(\S.*)$/i.exec(header.trim())?.[1]?.trim();
    if (!token) {
      return openaiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      );
    }
    if (apiKeys && !apiKeys.has(token)) {
      return openaiError(401, "Incorrect API key provided.", { code: "invalid_api_key" });
    }
    await next();
  };
}
