import { type InputIssue, InvalidArgumentError } from "./invalid-argument-error.js";

/**
 * A conversation in `messagesList` is not valid (empty, bad role, missing content, ...).
 * Each issue's path starts with the conversation index: `[3, 1, "role"]`.
 */
export class InvalidMessagesError extends InvalidArgumentError {
  override name = "InvalidMessagesError";

  constructor(issues: InputIssue[], options?: { cause?: unknown }) {
    super(issues, { ...options, code: "invalid_messages" });
  }
}
