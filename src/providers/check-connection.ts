import { type InputIssue, InvalidArgumentError } from "../errors/invalid-argument-error.js";

// Whitespace and control characters: a key read from a file with its newline, say. An HTTP
// header cannot carry them, and no message ever repeats the key itself.
const BLANK_OR_CONTROL = /[\s\p{Cc}]/u;

/** What is wrong with an API key, if anything; `path` names where it came from. */
export function apiKeyIssue(apiKey: unknown, path: string[]): InputIssue | undefined {
  if (typeof apiKey !== "string" || apiKey === "") {
    return { code: "invalid_api_key", path, message: "must be a non-empty string" };
  }
  if (BLANK_OR_CONTROL.test(apiKey)) {
    return {
      code: "invalid_api_key",
      path,
      message: "contains whitespace or a control character (a newline read with it from a file?)",
    };
  }
  return undefined;
}

/** What is wrong with a base URL, if anything: it must be an absolute http(s) URL. */
export function baseUrlIssue(baseURL: unknown, path: string[]): InputIssue | undefined {
  let url: URL | undefined;
  try {
    url = typeof baseURL === "string" ? new URL(baseURL) : undefined;
  } catch {
    // Reported below.
  }
  if (url !== undefined && (url.protocol === "http:" || url.protocol === "https:"))
    return undefined;
  return {
    code: "invalid_base_url",
    path,
    message: "must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:8787/v1",
  };
}

/**
 * Checks a key and base URL read from the environment (`OPENAI_API_KEY`, ...) as the options
 * are checked, when the client is first needed and before any request.
 */
export function checkEnvConnection(
  apiKey: { value: string | undefined; name: string | undefined },
  baseURL: { value: string | undefined; name: string | undefined },
): void {
  const issues: InputIssue[] = [];
  if (apiKey.name !== undefined && apiKey.value !== undefined) {
    const issue = apiKeyIssue(apiKey.value, ["env", apiKey.name]);
    if (issue) issues.push(issue);
  }
  if (baseURL.name !== undefined && baseURL.value !== undefined) {
    const issue = baseUrlIssue(baseURL.value, ["env", baseURL.name]);
    if (issue) issues.push(issue);
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
}
