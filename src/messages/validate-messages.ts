import type { InputIssue } from "../errors/invalid-argument-error.js";
import { InvalidMessagesError } from "../errors/invalid-messages-error.js";
import type { Conversation } from "./types.js";

const ROLES = new Set(["system", "user", "assistant"]);
const MESSAGE_KEYS = new Set(["role", "content", "name"]);
// A million bad conversations should not build a million-line error message.
const MAX_ISSUES = 50;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string")
    return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  return typeof value;
}

function checkContentPart(part: unknown, path: (string | number)[], issues: InputIssue[]): void {
  if (typeof part !== "object" || part === null) {
    issues.push({
      code: "invalid_content_part",
      path,
      message: `expected a content part object, got ${describe(part)}`,
    });
    return;
  }
  const p = part as { type?: unknown; text?: unknown; image_url?: unknown };
  if (p.type === "text") {
    if (typeof p.text !== "string") {
      issues.push({
        code: "invalid_content_part",
        path: [...path, "text"],
        message: `a text part needs a string "text", got ${describe(p.text)}`,
      });
    }
  } else if (p.type === "image_url") {
    const url = (p.image_url as { url?: unknown } | undefined)?.url;
    if (typeof url !== "string" || url === "") {
      issues.push({
        code: "invalid_content_part",
        path: [...path, "image_url", "url"],
        message: `an image_url part needs a non-empty "image_url.url" string`,
      });
    }
  } else {
    issues.push({
      code: "invalid_content_part",
      path: [...path, "type"],
      message: `content part type must be "text" or "image_url", got ${describe(p.type)}`,
    });
  }
}

function checkConversation(conversation: unknown, index: number, issues: InputIssue[]): void {
  if (!Array.isArray(conversation)) {
    issues.push({
      code: "invalid_conversation",
      path: [index],
      message: `each conversation must be an array of messages, got ${describe(conversation)}`,
    });
    return;
  }
  if (conversation.length === 0) {
    issues.push({
      code: "empty_conversation",
      path: [index],
      message: "conversation has no messages",
    });
    return;
  }
  let hasUser = false;
  for (let m = 0; m < conversation.length; m++) {
    const message = conversation[m] as Record<string, unknown> | null;
    const path = [index, m];
    if (typeof message !== "object" || message === null || Array.isArray(message)) {
      issues.push({
        code: "invalid_message",
        path,
        message: `expected a message object { role, content }, got ${describe(message)}`,
      });
      continue;
    }
    const role = message.role;
    if (!ROLES.has(role as string)) {
      issues.push({
        code: role === undefined ? "missing_role" : "invalid_role",
        path: [...path, "role"],
        message:
          role === undefined
            ? `message has no "role"; expected "system", "user" or "assistant"`
            : `role must be "system", "user" or "assistant", got ${describe(role)}`,
      });
    } else if (role === "user") {
      hasUser = true;
    }
    const content = message.content;
    if (content === undefined || content === null) {
      issues.push({
        code: "missing_content",
        path: [...path, "content"],
        message: `message has no "content"`,
      });
    } else if (Array.isArray(content)) {
      if (content.length === 0) {
        issues.push({
          code: "empty_content",
          path: [...path, "content"],
          message: "content array is empty",
        });
      }
      // Capped here too: one message of 100,000 bad parts would otherwise list them all.
      for (let p = 0; p < content.length && issues.length < MAX_ISSUES; p++)
        checkContentPart(content[p], [...path, "content", p], issues);
    } else if (typeof content !== "string") {
      issues.push({
        code: "invalid_content",
        path: [...path, "content"],
        message: `content must be a string or an array of content parts, got ${describe(content)}`,
      });
    } else if (content.trim() === "" && role !== "assistant") {
      issues.push({
        code: "empty_content",
        path: [...path, "content"],
        message: "content is an empty string",
      });
    }
    if (message.name !== undefined && typeof message.name !== "string") {
      issues.push({
        code: "invalid_name",
        path: [...path, "name"],
        message: `name must be a string, got ${describe(message.name)}`,
      });
    }
    for (const key of Object.keys(message)) {
      if (!MESSAGE_KEYS.has(key)) {
        issues.push({
          code: "unknown_message_key",
          path: [...path, key],
          message: `unknown message field "${key}" (allowed: role, content, name)`,
        });
      }
    }
    if (issues.length >= MAX_ISSUES) return;
  }
  // Every provider needs something to answer; a system-only request fails hours later otherwise.
  if (!hasUser && issues.length < MAX_ISSUES) {
    issues.push({
      code: "no_user_message",
      path: [index],
      message: `conversation has no "user" message`,
    });
  }
}

/**
 * Checks one conversation; returns its issues (paths start with `index`).
 * Used for streamed input, where conversations arrive one at a time.
 */
export function conversationIssues(conversation: unknown, index: number): InputIssue[] {
  const issues: InputIssue[] = [];
  checkConversation(conversation, index, issues);
  return issues;
}

/**
 * Checks every conversation before anything is built, and reports every problem found (up to
 * 50) with the conversation index and the field, e.g. `[3][1].role`.
 */
export function validateMessagesList(
  messagesList: unknown,
): asserts messagesList is Conversation[] {
  if (!Array.isArray(messagesList)) {
    throw new InvalidMessagesError([
      {
        code: "invalid_messages_list",
        path: [],
        message: `messagesList must be an array of conversations, got ${describe(messagesList)}`,
      },
    ]);
  }
  if (messagesList.length === 0) {
    throw new InvalidMessagesError([
      { code: "empty_messages_list", path: [], message: "messagesList is empty: nothing to batch" },
    ]);
  }
  const issues: InputIssue[] = [];
  for (let i = 0; i < messagesList.length && issues.length < MAX_ISSUES; i++) {
    checkConversation(messagesList[i], i, issues);
  }
  if (issues.length > 0) throw new InvalidMessagesError(issues);
}
