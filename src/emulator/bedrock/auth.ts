import type { MiddlewareHandler } from "hono";
import { bedrockError, s3Error } from "./errors.js";

/** Access key id and region of a SigV4 `Authorization` header, or undefined when it has none. */
export function sigV4Scope(
  header: string | undefined,
): { keyId: string; region: string } | undefined {
  const match =
    /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/[^/]+\/aws4_request/.exec(
      header?.trim() ?? "",
    );
  return match ? { keyId: match[1]!, region: match[2]! } : undefined;
}

export type BedrockEnv = { Variables: { region: string; now: number } };

/**
 * Checks that the request is SigV4-signed with a known access key id (any, when the emulator
 * was given no `apiKeys`; the signature itself is not verified). Answers as AWS does: Bedrock
 * with 403 `MissingAuthenticationTokenException` / `UnrecognizedClientException` ("The
 * security token included in the request is invalid."), S3 with 403 `AccessDenied` /
 * `InvalidAccessKeyId`. No answer repeats the key.
 */
export function awsAuth(
  service: "bedrock" | "s3",
  keys: ReadonlySet<string> | undefined,
): MiddlewareHandler<BedrockEnv> {
  return async (c, next) => {
    const scope = sigV4Scope(c.req.header("authorization"));
    if (!scope) {
      return service === "bedrock"
        ? bedrockError(403, "MissingAuthenticationTokenException", "Missing Authentication Token")
        : s3Error(403, "AccessDenied", "Access Denied");
    }
    if (keys && !keys.has(scope.keyId)) {
      return service === "bedrock"
        ? bedrockError(
            403,
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
          )
        : s3Error(
            403,
            "InvalidAccessKeyId",
            "The AWS Access Key Id you provided does not exist in our records.",
          );
    }
    c.set("region", scope.region);
    await next();
  };
}
