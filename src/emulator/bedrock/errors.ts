import { randomHex } from "../ids.js";

const requestId = () =>
  `${randomHex(8)}-${randomHex(4)}-${randomHex(4)}-${randomHex(4)}-${randomHex(12)}`;

/**
 * A Bedrock control-plane error as the service sends it (restJson1): the exception name in the
 * `x-amzn-errortype` header and `{"message": ...}` as the body, which the AWS SDK turns into
 * the named exception class (`ValidationException`, `ResourceNotFoundException`, ...).
 */
export function bedrockError(status: number, type: string, message: string): Response {
  return new Response(JSON.stringify({ message }), {
    status,
    headers: {
      "content-type": "application/json",
      "x-amzn-errortype": type,
      "x-amzn-requestid": requestId(),
    },
  });
}

export function bedrockJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "x-amzn-requestid": requestId() },
  });
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An S3 error: `<Error><Code/><Message/>...</Error>` XML, as S3 answers every failure. */
export function s3Error(
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
): Response {
  const fields = Object.entries(extra)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join("");
  const id = randomHex(16).toUpperCase();
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>${fields}<RequestId>${id}</RequestId></Error>`;
  return new Response(status === 204 || status === 304 ? null : body, {
    status,
    headers: { "content-type": "application/xml", "x-amz-request-id": id },
  });
}

/** The exception Bedrock names for an HTTP status, for faults and defaults. */
export function bedrockErrorType(status: number): string {
  if (status === 400) return "ValidationException";
  if (status === 403) return "AccessDeniedException";
  if (status === 404) return "ResourceNotFoundException";
  if (status === 409) return "ConflictException";
  if (status === 429) return "ThrottlingException";
  if (status === 503) return "ServiceUnavailableException";
  return status >= 500 ? "InternalServerException" : "ValidationException";
}

/** The S3 error code for an HTTP status, for faults. */
export function s3ErrorCode(status: number): string {
  if (status === 403) return "AccessDenied";
  if (status === 404) return "NoSuchKey";
  if (status === 429 || status === 503) return "SlowDown";
  return status >= 500 ? "InternalError" : "InvalidRequest";
}
