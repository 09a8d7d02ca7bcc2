// What the Postgres test harness shares between vitest's main process (the global setup) and
// the test files: the variable's name, the keys of provide/inject, and URL redaction (a test
// server's password must never reach an error message or a log line).

/** A PostgreSQL URL whose role may CREATE DATABASE; set it to test against your own server. */
export const POSTGRES_URL_ENV = "SB_TEST_POSTGRES_URL";

declare module "vitest" {
  export interface ProvidedContext {
    /** The URL of the server the global setup started. */
    sbTestPostgresUrl: string;
    /** Why the global setup has no server (set instead of the URL). */
    sbTestPostgresUnavailable: string;
  }
}

const MASK = "***";

/**
 * The URL with its password (in the user-info part or a `password=` parameter) replaced by ***.
 * @example redactUrl("postgres://me:s3cret@127.0.0.1:5432/db") // "postgres://me:***@127.0.0.1:5432/db"
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = MASK;
    if (parsed.searchParams.has("password")) parsed.searchParams.set("password", MASK);
    return parsed.toString();
  } catch {
    // Not a URL the parser takes: still hide whatever sits between "user:" and "@".
    return url.replace(/(\/\/[^/:@]*:)[^@]*@/, `$1${MASK}@`);
  }
}

/** The URL's password(s), raw and percent-decoded, so they can be found in any text. */
function passwordsOf(url: string): string[] {
  const found = new Set<string>();
  try {
    const parsed = new URL(url);
    for (const value of [parsed.password, parsed.searchParams.get("password") ?? ""]) {
      if (!value) continue;
      found.add(value);
      try {
        found.add(decodeURIComponent(value));
      } catch {
        // A malformed escape: the raw form is still hidden.
      }
    }
  } catch {
    const match = /\/\/[^/:@]*:([^@]*)@/.exec(url);
    if (match?.[1]) found.add(match[1]);
  }
  return [...found];
}

/**
 * The text with the URL shown redacted and its password hidden wherever else it appears.
 * @example redactSecrets(`cannot reach ${url}`, url) // "cannot reach postgres://me:***@…"
 */
export function redactSecrets(text: string, url: string): string {
  let out = text.split(url).join(redactUrl(url));
  for (const password of passwordsOf(url)) out = out.split(password).join(MASK);
  return out;
}
