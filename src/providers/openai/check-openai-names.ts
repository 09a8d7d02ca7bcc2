import type { InputIssue } from "../../errors/invalid-argument-error.js";
import { InvalidMessagesError } from "../../errors/invalid-messages-error.js";
import type { Conversation } from "../../messages/types.js";
import { OPENAI_MESSAGE_NAME_PATTERN } from "./openai-limits.js";

/**
 * Message `name`s are sent to OpenAI as they are, and OpenAI refuses each request whose name is
 * not 1 to 64 letters, digits, `_` or `-` ("Invalid 'messages[i].name': string does not match
 * pattern"); the other providers drop names (with a warning), so the rule is OpenAI's alone.
 * `index` is the conversation's place in the input, as in every message error.
 */
export function checkOpenAINames(messages: Conversation, index: number, customId: string): void {
  let issues: InputIssue[] | undefined;
  for (let m = 0; m < messages.length; m++) {
    const name = messages[m]!.name;
    if (name === undefined || OPENAI_MESSAGE_NAME_PATTERN.test(name)) continue;
    issues ??= [];
    issues.push({
      code: "invalid_name",
      path: [index, m, "name"],
      message: `OpenAI takes a name of 1 to 64 letters, digits, "_" or "-", got ${JSON.stringify(name.length > 70 ? `${name.slice(0, 70)}...` : name)} (request "${customId}")`,
    });
  }
  if (issues) throw new InvalidMessagesError(issues);
}
