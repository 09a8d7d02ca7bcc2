import type { InputIssue } from "../../errors/invalid-argument-error.js";
import { InvalidMessagesError } from "../../errors/invalid-messages-error.js";
import type { ContentPart, Conversation } from "../../messages/types.js";

export interface AnthropicTextBlock {
  type: "text";
  text: string;
}

export interface AnthropicImageBlock {
  type: "image";
  source: { type: "base64"; media_type: string; data: string } | { type: "url"; url: string };
}

export type AnthropicBlock = AnthropicTextBlock | AnthropicImageBlock;

export interface AnthropicMessage {
  role: "user" | "assistant";
  content: string | AnthropicBlock[];
}

/** A conversation in the Messages API's shape: system prompt apart, the rest as turns. */
export interface AnthropicConversation {
  system: string | AnthropicTextBlock[] | undefined;
  messages: AnthropicMessage[];
}

export interface ConvertOptions {
  /** Position of the conversation in `messagesList`, for error paths. */
  index: number;
  customId: string;
  /** Called when a message has a `name`, which Anthropic has no field for. */
  onDroppedName?: () => void;
}

const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

function imageBlock(url: string): AnthropicImageBlock | string {
  if (/^https?:\/\//i.test(url)) return { type: "image", source: { type: "url", url } };
  if (!url.startsWith("data:")) {
    return "image URLs must be http(s) URLs or base64 data: URLs";
  }
  const comma = url.indexOf(",");
  const header = comma === -1 ? [] : url.slice(5, comma).split(";");
  const mime = (header[0] ?? "").toLowerCase();
  const mediaType = mime === "image/jpg" ? "image/jpeg" : mime;
  if (header.at(-1)?.toLowerCase() !== "base64") {
    return "data: URLs must be base64-encoded (data:image/png;base64,...)";
  }
  if (!IMAGE_TYPES.has(mediaType)) {
    return `Anthropic takes image/jpeg, image/png, image/gif or image/webp, got "${mime}"`;
  }
  return {
    type: "image",
    source: { type: "base64", media_type: mediaType, data: url.slice(comma + 1) },
  };
}

function convertParts(
  parts: readonly ContentPart[],
  path: (string | number)[],
  issues: InputIssue[],
  textOnly: boolean,
): AnthropicBlock[] {
  const blocks: AnthropicBlock[] = [];
  parts.forEach((part, p) => {
    if (part.type === "text") {
      if (part.text.trim() === "") {
        issues.push({
          code: "empty_content",
          path: [...path, p, "text"],
          message: "Anthropic rejects empty text blocks",
        });
      }
      blocks.push({ type: "text", text: part.text });
    } else if (textOnly) {
      issues.push({
        code: "unsupported_content_part",
        path: [...path, p],
        message: "Anthropic system prompts take text only: move the image to a user message",
      });
    } else {
      const block = imageBlock(part.image_url.url);
      if (typeof block === "string") {
        issues.push({
          code: "unsupported_image",
          path: [...path, p, "image_url", "url"],
          message: block,
        });
      } else {
        blocks.push(block);
      }
    }
  });
  return blocks;
}

/**
 * Turns an OpenAI-style conversation into the Messages API's shape. System messages, wherever
 * they are, become the top-level `system` (one string as it is; several, or content parts, as
 * text blocks in order). User and assistant messages keep their order: the API combines
 * consecutive turns of the same role itself, so nothing is merged here. What Anthropic would
 * reject (images in a system prompt, other image formats, empty text) fails now, with its path.
 */
export function toAnthropicConversation(
  conversation: Conversation,
  options: ConvertOptions,
): AnthropicConversation {
  const issues: InputIssue[] = [];
  const systemBlocks: AnthropicTextBlock[] = [];
  let systemText: string | undefined;
  let systemCount = 0;
  const messages: AnthropicMessage[] = [];
  conversation.forEach((message, m) => {
    if (message.name !== undefined) options.onDroppedName?.();
    const path = [options.index, m, "content"];
    const { content } = message;
    if (message.role === "system") {
      systemCount++;
      if (typeof content === "string") {
        systemText = content;
        systemBlocks.push({ type: "text", text: content });
      } else {
        systemText = undefined;
        // A loop, not push(...blocks): spreading ~150,000 arguments overflows the stack.
        for (const block of convertParts(content, path, issues, true)) {
          systemBlocks.push(block as AnthropicTextBlock);
        }
      }
      return;
    }
    if (typeof content === "string") {
      if (content.trim() === "") {
        issues.push({ code: "empty_content", path, message: "Anthropic rejects empty messages" });
      }
      messages.push({ role: message.role, content });
    } else {
      messages.push({ role: message.role, content: convertParts(content, path, issues, false) });
    }
  });
  if (issues.length > 0) {
    for (const issue of issues) issue.message += ` (request "${options.customId}")`;
    throw new InvalidMessagesError(issues);
  }
  const system =
    systemCount === 0
      ? undefined
      : systemCount === 1 && systemText !== undefined
        ? systemText
        : systemBlocks;
  return { system, messages };
}
