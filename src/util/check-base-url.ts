import { InvalidBaseUrlError } from "../errors/invalid-base-url-error.js";
import { readEnv } from "./env.js";
import { redact } from "./redact.js";

const PROXY_AUTH_HINT =
  "send the credentials as a header instead: a configured SDK client (`client` option) with " +
  '`defaultHeaders: { "Proxy-Authorization": "Basic ..." }`, or a `fetch` option that adds the ' +
  "header (see the README's Provider support section)";

/**
 * The URL as it may be shown: credentials replaced, and no query or fragment at all (either may
 * carry a token that no pattern knows).
 */
function shown(url: string, parsed: URL | undefined): string {
  let safe: string;
  if (parsed === undefined) {
    safe = redact(url);
  } else {
    const credentials = parsed.username !== "" || parsed.password !== "" ? "[redacted]@" : "";
    const rest = parsed.search !== "" || parsed.hash !== "" ? "?..." : "";
    safe = `${parsed.protocol}//${credentials}${parsed.host}${parsed.pathname}${rest}`;
  }
  return JSON.stringify(safe.length > 200 ? `${safe.slice(0, 200)}...` : safe);
}

/**
 * Checks a base URL before any client is made with it. Every SDK appends its paths to the
 * base URL and sends it through `fetch`, which refuses URLs with credentials (and the SDKs then
 * put the whole URL, password included, into the error); a query string would end up in the
 * middle of every path. So each of these fails here, named, with what to do instead.
 *
 * @param source what the URL came from, for the message: `baseURL` or the variable's name.
 */
export function checkBaseURL(url: string, source: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw new InvalidBaseUrlError({
      code: "invalid_base_url",
      path: [source],
      message: `must be an absolute http(s) URL such as https://api.example.com/v1, got ${shown(url, parsed)}`,
    });
  }
  if (parsed.username !== "" || parsed.password !== "") {
    throw new InvalidBaseUrlError({
      code: "credentials_in_base_url",
      path: [source],
      message: `has credentials in it (${shown(url, parsed)}): fetch refuses such URLs and they would show in error messages; give the URL without them and ${PROXY_AUTH_HINT}`,
    });
  }
  if (parsed.search !== "" || parsed.hash !== "") {
    throw new InvalidBaseUrlError({
      code: "query_in_base_url",
      path: [source],
      message: `has a query string or fragment (${shown(url, parsed)}): request paths are appended to the base URL, so every call would go to a wrong address; pass query parameters with a configured SDK client (\`client\` option, e.g. \`defaultQuery\`) or a \`fetch\` option`,
    });
  }
  return url;
}

/** The base URL from the option, else from the environment variable, checked; or undefined. */
export function resolveBaseURL(option: string | undefined, envName: string): string | undefined {
  if (option !== undefined) return checkBaseURL(option, "baseURL");
  const fromEnv = readEnv(envName);
  return fromEnv === undefined ? undefined : checkBaseURL(fromEnv, envName);
}
