import { contentPartIssues, throwIfIssues } from "../../messages/content-part-issues.js";
import { OPENAI_CONTENT_RULES } from "../../messages/content-part-rules.js";
import { resolveFilePart } from "../../messages/resolve-file-part.js";
import type { ChatMessage, ContentPart, Conversation } from "../../messages/types.js";

/**
 * The content rules checked before a line is written. Mistral's chat messages take the same
 * OpenAI-style parts (`text`, `image_url` with a URL or a base64 `data:` URL; Mistral docs,
 * Vision, docs.mistral.ai/capabilities/vision), and images in user messages only; its published
 * limits (10 MB per image, 8 images per request for the API, same page) are tighter than
 * OpenAI's, so they are applied on top.
 */
const MiB = 1024 * 1024;
const MISTRAL_CONTENT_RULES = {
  ...OPENAI_CONTENT_RULES,
  label: "Mistral",
  maxImageSize: { bytes: 10 * MiB, of: "decoded" as const },
  maxImagesPerRequest: 8,
  // Documents travel as `document_url` (data: or https: URLs, docs "Document QnA").
  documentUrlSchemes: ["https:"],
};

function hasFilePart(message: ChatMessage): boolean {
  return typeof message.content !== "string" && message.content.some((p) => p.type === "file");
}

/**
 * The messages as Mistral chat completions take them: as they are, unless a message has file
 * parts, which become `image_url` parts (images) or `document_url` parts (PDFs, inline as a
 * `data:` URL or by https URL). `index` is the conversation's, for the paths of errors.
 */
export function toMistralMessages(
  messages: Conversation,
  index: number,
  customId: string,
): Conversation | Record<string, unknown>[] {
  throwIfIssues(contentPartIssues(messages, index, MISTRAL_CONTENT_RULES), customId);
  if (!messages.some(hasFilePart)) return messages;
  const converted = messages.map((message) => {
    if (!hasFilePart(message)) return message as unknown as Record<string, unknown>;
    const content = (message.content as ContentPart[]).map((part) => {
      if (part.type !== "file") return part;
      const resolved = resolveFilePart(part, MISTRAL_CONTENT_RULES);
      // A data: URL is rebuilt only when its media type was an alias (image/jpg).
      const url =
        resolved.kind === "inline" && !part.url.startsWith(`data:${resolved.mediaType};`)
          ? `data:${resolved.mediaType};base64,${resolved.data}`
          : part.url;
      return resolved.category === "image"
        ? { type: "image_url", image_url: { url } }
        : { type: "document_url", document_url: url };
    });
    return { ...message, content };
  });
  return converted;
}
