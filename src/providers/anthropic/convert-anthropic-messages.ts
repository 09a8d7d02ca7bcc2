import {
  contentPartIssues,
  inlineImage,
  throwIfIssues,
} from "../../messages/content-part-issues.js";
import { ANTHROPIC_CONTENT_RULES } from "../../messages/content-part-rules.js";
import { resolveFilePart } from "../../messages/resolve-file-part.js";
import type { ContentPart, Conversation } from "../../messages/types.js";

export interface AnthropicTextBlock {
  type: "text";
  text: string;
}

export interface AnthropicImageBlock {
  type: "image";
  source: { type: "base64"; media_type: string; data: string } | { type: "url"; url: string };
}

/** A PDF (Messages API `document` block); `title` is the file part's filename. */
export interface AnthropicDocumentBlock {
  type: "document";
  source: { type: "base64"; media_type: string; data: string } | { type: "url"; url: string };
  title?: string;
}

export type AnthropicBlock = AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock;

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

function convertParts(parts: readonly ContentPart[]): AnthropicBlock[] {
  return parts.map((part): AnthropicBlock => {
    if (part.type === "text") return { type: "text", text: part.text };
    if (part.type === "file") {
      // Checked by contentPartIssues under Anthropic's rules: an image or a PDF.
      const file = resolveFilePart(part, ANTHROPIC_CONTENT_RULES);
      const source =
        file.kind === "inline"
          ? { type: "base64" as const, media_type: file.mediaType, data: file.data }
          : { type: "url" as const, url: file.url };
      if (file.category === "image") return { type: "image", source };
      return {
        type: "document",
        source,
        ...(file.filename !== undefined && { title: file.filename }),
      };
    }
    const url = part.image_url.url;
    if (!/^data:/i.test(url)) return { type: "image", source: { type: "url", url } };
    const { mediaType, data } = inlineImage(url, ANTHROPIC_CONTENT_RULES);
    return { type: "image", source: { type: "base64", media_type: mediaType, data } };
  });
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
  // Everything Anthropic would refuse (images in a system prompt, other formats, empty text)
  // is found before anything is converted, through the shared rules.
  throwIfIssues(
    contentPartIssues(conversation, options.index, ANTHROPIC_CONTENT_RULES),
    options.customId,
  );
  const systemBlocks: AnthropicTextBlock[] = [];
  let systemText: string | undefined;
  let systemCount = 0;
  const messages: AnthropicMessage[] = [];
  for (const message of conversation) {
    if (message.name !== undefined) options.onDroppedName?.();
    const { content } = message;
    if (message.role === "system") {
      systemCount++;
      if (typeof content === "string") {
        systemText = content;
        systemBlocks.push({ type: "text", text: content });
      } else {
        systemText = undefined;
        // A loop, not a spread: 100,000 parts would overflow the argument list.
        for (const block of convertParts(content)) systemBlocks.push(block as AnthropicTextBlock);
      }
      continue;
    }
    messages.push({
      role: message.role,
      content: typeof content === "string" ? content : convertParts(content),
    });
  }
  const system =
    systemCount === 0
      ? undefined
      : systemCount === 1 && systemText !== undefined
        ? systemText
        : systemBlocks;
  return { system, messages };
}
