import type { ChatMessage, ContentPart, Conversation } from "../../messages/types.js";
import { DEFAULT_PDF_NAME, inlineDataUrl, resolveOpenAIFilePart } from "./openai-file-parts.js";

/**
 * One content part as a Responses API input part: text as `input_text`, an image (by URL or
 * `data:` URL) as `input_image`, a PDF as `input_file` (`file_data` with a file name when
 * inline, `file_url` when remote).
 */
function toInputPart(part: ContentPart): Record<string, unknown> {
  switch (part.type) {
    case "text":
      return { type: "input_text", text: part.text };
    case "image_url":
      return {
        type: "input_image",
        image_url: part.image_url.url,
        detail: part.image_url.detail ?? "auto",
      };
    case "file": {
      const resolved = resolveOpenAIFilePart(part);
      if (resolved.category === "image") {
        return { type: "input_image", image_url: inlineDataUrl(part, resolved), detail: "auto" };
      }
      if (resolved.kind === "remote") return { type: "input_file", file_url: resolved.url };
      return {
        type: "input_file",
        filename: resolved.filename ?? DEFAULT_PDF_NAME,
        file_data: inlineDataUrl(part, resolved),
      };
    }
  }
}

function text(content: ChatMessage["content"]): string {
  if (typeof content === "string") return content;
  return content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

/**
 * The neutral messages as Responses API `input` items, in order. System messages stay input
 * items of role `system` (not `instructions`): several of them, and their place among the
 * other messages, are kept as written. An assistant message (a worked example) is sent as its
 * text, the form the API takes for earlier model turns. `name` has no place in the Responses
 * API and is left out (`onName` is told, once per conversation).
 */
export function toResponsesInput(
  messages: Conversation,
  onName: () => void,
): Record<string, unknown>[] {
  let named = false;
  return messages.map((message) => {
    if (message.name !== undefined && !named) {
      named = true;
      onName();
    }
    if (message.role === "assistant" || typeof message.content === "string") {
      return { role: message.role, content: text(message.content) };
    }
    return { role: message.role, content: message.content.map(toInputPart) };
  });
}
