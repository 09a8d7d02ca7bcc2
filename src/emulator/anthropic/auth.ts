import type { MiddlewareHandler } from "hono";
import type { AnthropicEnv } from "./env.js";
import { anthropicError } from "./errors.js";

/** SDK <= 0.x sends 2023-06-01, SDK >= 1.0 sends 2026-10-21. */
export const SUPPORTED_VERSIONS = ["2023-06-01", "2026-10-21"] as const;

function presentedKey(header: (name: string) => string | undefined): string | undefined {
  const apiKey = header("x-api-key")?.trim();
  if (apiKey) return apiKey;
  return /^Bearer\s+(\S.*)$/i.exec(header("authorization")?.trim() ?? "")?.[1]?.trim();
}

/**
 * `x-api-key` (older SDKs) or `Authorization: Bearer` (SDK 1.x), then a supported
 * `anthropic-version`. The wording of all four errors is the real API's (observed); neither
 * key error repeats the key.
 */
export function anthropicAuth(
  apiKeys: ReadonlySet<string> | undefined,
): MiddlewareHandler<AnthropicEnv> {
  return async (c, next) => {
    const key = presentedKey((name) => c.req.header(name));
    if (!key) return anthropicError("authentication_error", "x-api-key header is required");
    if (apiKeys && !apiKeys.has(key)) {
      return anthropicError("authentication_error", "invalid x-api-key");
    }
    const version = c.req.header("anthropic-version")?.trim();
    if (!version)
      return anthropicError("invalid_request_error", "anthropic-version: header is required");
    if (!(SUPPORTED_VERSIONS as readonly string[]).includes(version)) {
      return anthropicError(
        "invalid_request_error",
        `anthropic-version: ${JSON.stringify(version)} is not a valid version`,
      );
    }
    c.set("version", version);
    await next();
  };
}
