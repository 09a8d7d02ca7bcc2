import type { MiddlewareHandler } from "hono";
import { mistralUnauthorized } from "./errors.js";

/**
 * Bearer auth as Mistral does it (`Authorization: Bearer $MISTRAL_API_KEY`, docs "curl" examples):
 * no key or one the emulator does not know (when `apiKeys` is set) is a 401.
 */
export function mistralAuth(apiKeys: ReadonlySet<string> | undefined): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const token = /^Bearer\s+(\S.*)$/i.exec(header.trim())?.[1]?.trim();
    if (!token || (apiKeys && !apiKeys.has(token))) return mistralUnauthorized();
    await next();
  };
}
