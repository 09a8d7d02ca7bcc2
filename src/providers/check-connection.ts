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

/**
 * Checks a key read from the environment (`OPENAI_API_KEY`, ...) as the option is checked, when
 * the client is first needed and before any request. (Base URLs: `resolveBaseURL`.)
 */
export function checkEnvApiKey(value: string | undefined, name: string | undefined): void {
  if (name === undefined || value === undefined) return;
  const issue = apiKeyIssue(value, ["env", name]);
  if (issue) throw new InvalidArgumentError([issue]);
}
