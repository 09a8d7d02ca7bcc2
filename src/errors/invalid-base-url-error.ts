import { type InputIssue, InvalidArgumentError } from "./invalid-argument-error.js";

/**
 * A base URL (the `baseURL` option, `--base-url` or a `*_BASE_URL` variable) that no request
 * could be sent to: not an http(s) URL, credentials written into it, or a query string. Thrown
 * before anything is sent; the URL in the message has its credentials removed.
 */
export class InvalidBaseUrlError extends InvalidArgumentError {
  override name = "InvalidBaseUrlError";

  constructor(issues: InputIssue[]) {
    super(issues, { code: "invalid_base_url" });
  }
}
