/**
 * Removes secrets from a text before it goes into an error or a log line. SDK messages do not
 * normally carry the key, but a proxy's error page or a URL with `?key=` might.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  // Gemini takes keys in the query string; Bearer tokens appear in echoed headers.
  return out
    .replace(/([?&](?:key|api_key|apiKey)=)[^&\s"']+/g, "$1[redacted]")
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g, "$1[redacted]")
    .replace(/\bsk-[A-Za-z0-9_-]{8,}/g, "sk-[redacted]");
}
