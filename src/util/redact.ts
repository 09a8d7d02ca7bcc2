/**
 * Query parameters that carry credentials in the wild: Gemini's `key`, OAuth tokens, signed
 * URLs of S3, Azure and Google Cloud Storage.
 */
const SECRET_QUERY =
  /([?&](?:key|api[_-]?key|access[_-]?token|token|auth|password|secret|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential)=)[^&\s"'<>#]{1,4096}/gi;

// `scheme://user:password@host`: anchored on "://", and the run after it stops at the first
// "/", so no position is scanned twice however long the text (a regex that began at the
// scheme's letters would rescan every run of them). Every run a pattern below takes is bounded
// too: an unbounded greedy class keeps a backtracking entry per character, which made a 3 MB
// token take 40 times as long as a 200 KB one; no credential is longer than the bound.
const USERINFO = /(:\/\/)[^\s/?#@"'<>]{1,1024}@/g;

/**
 * Removes secrets from a text before it goes into an error or a log line: the given secrets
 * (API keys), credentials written into URLs (`https://user:pass@host`), secret query parameters
 * (`?key=`, `token=`, signatures), Bearer tokens and key-shaped words. SDK messages do not
 * normally carry the key, but a proxy's error page, a URL or a runtime's own error might.
 * Linear in the text.
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out
    .replace(USERINFO, "$1[redacted]@")
    .replace(SECRET_QUERY, "$1[redacted]")
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,4096}/g, "$1[redacted]")
    .replace(/\bsk-[A-Za-z0-9_-]{8,1024}/g, "sk-[redacted]");
}

/**
 * Removes secrets from an error and its causes in place (message and stack), so the chain can
 * be kept as `cause` and still be printed or logged safely. The objects stay what they were
 * (their class, `status`, `headers`), only their text changes.
 */
export function redactErrorChain(error: unknown, secrets: readonly (string | undefined)[]): void {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const message = redact(current.message, secrets);
    if (message !== current.message) trySet(current, "message", message);
    if (typeof current.stack === "string") {
      const stack = redact(current.stack, secrets);
      if (stack !== current.stack) trySet(current, "stack", stack);
    }
    current = current.cause;
  }
}

function trySet(target: Error, key: "message" | "stack", value: string): void {
  try {
    Object.defineProperty(target, key, { value, writable: true, configurable: true });
  } catch {
    // A frozen error keeps its text; the wrapping error's own message is redacted anyway.
  }
}
