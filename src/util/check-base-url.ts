import type { InputIssue } from "../errors/invalid-argument-error.js";
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
 * What is wrong with a base URL, if anything. Every SDK appends its paths to the base URL and
 * sends it through `fetch`, which refuses URLs with credentials (and the SDKs then put the whole
 * URL, password included, into the error); a query string would end up in the middle of every
 * path. So each of these is an issue, named, with what to do instead.
 */
export function baseUrlIssue(url: unknown, path: string[]): InputIssue | undefined {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === "string" ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    return {
      code: "invalid_base_url",
      path,
      message: `must be an absolute http:// or https:// URL such as http://127.0.0.1:8787/v1, got ${typeof url === "string" ? shown(url, parsed) : typeof url}`,
    };
  }
  if (parsed.username !== "" || parsed.password !== "") {
    return {
      code: "credentials_in_base_url",
      path,
      message: `has credentials in it (${shown(url as string, parsed)}): fetch refuses such URLs and they would show in error messages; give the URL without them and ${PROXY_AUTH_HINT}`,
    };
  }
  if (parsed.search !== "" || parsed.hash !== "") {
    return {
      code: "query_in_base_url",
      path,
      message: `has a query string or fragment (${shown(url as string, parsed)}): request paths are appended to the base URL, so every call would go to a wrong address; pass query parameters with a configured SDK client (\`client\` option, e.g. \`defaultQuery\`) or a \`fetch\` option`,
    };
  }
  return undefined;
}

/** Throws `InvalidBaseUrlError` when `baseUrlIssue` finds something; else returns the URL. */
export function checkBaseURL(url: string, source: string): string {
  const issue = baseUrlIssue(url, [source]);
  if (issue) throw new InvalidBaseUrlError([issue]);
  return url;
}

/**
 * The base URL from the option (checked when the processor was made), else from the environment
 * variable, checked now (path `env.<NAME>`); or undefined.
 */
export function resolveBaseURL(option: string | undefined, envName: string): string | undefined {
  if (option !== undefined) return option;
  const fromEnv = readEnv(envName);
  if (fromEnv === undefined) return undefined;
  const issue = baseUrlIssue(fromEnv, ["env", envName]);
  if (issue) throw new InvalidBaseUrlError([issue]);
  return fromEnv;
}
