import type { InputIssue } from "../../errors/invalid-argument-error.js";
import { throwIfIssues } from "../../messages/content-part-issues.js";
import { OPENAI_CONTENT_RULES } from "../../messages/content-part-rules.js";
import { type ResolvedFilePart, resolveFilePart } from "../../messages/resolve-file-part.js";
import type {
  ChatMessage,
  ContentPart,
  Conversation,
  FileContentPart,
} from "../../messages/types.js";

/** The name a PDF is sent under when the part gives none (OpenAI wants one with file_data). */
export const DEFAULT_PDF_NAME = "document.pdf";

/** A checked file part, resolved under OpenAI's rules. */
export function resolveOpenAIFilePart(part: FileContentPart): ResolvedFilePart {
  return resolveFilePart(part, OPENAI_CONTENT_RULES);
}

/** The `data:` URL of an inline part, rebuilt only when its media type was an alias. */
export function inlineDataUrl(part: FileContentPart, resolved: ResolvedFilePart): string {
  if (resolved.kind !== "inline") return part.url;
  return part.url.startsWith(`data:${resolved.mediaType};`)
    ? part.url
    : `data:${resolved.mediaType};base64,${resolved.data}`;
}

function toChatFilePart(
  part: FileContentPart,
  path: (string | number)[],
  issues: InputIssue[],
): Record<string, unknown> {
  const resolved = resolveOpenAIFilePart(part);
  if (resolved.category === "image") {
    return { type: "image_url", image_url: { url: inlineDataUrl(part, resolved) } };
  }
  if (resolved.kind === "remote") {
    // Chat file parts carry bytes (file_data) or an uploaded file's id, no URL.
    issues.push({
      code: "unsupported_file_url",
      path: [...path, "url"],
      message: `OpenAI chat completions take a PDF as inline bytes (a data: URL), not by URL: inline it with filePart(bytes, { mediaType: "application/pdf" }), or use the Responses API ({ openai: { endpoint: "/v1/responses" } }), which takes file URLs`,
    });
    return {};
  }
  return {
    type: "file",
    file: {
      filename: resolved.filename ?? DEFAULT_PDF_NAME,
      file_data: inlineDataUrl(part, resolved),
    },
  };
}

function hasFilePart(message: ChatMessage): boolean {
  return typeof message.content !== "string" && message.content.some((p) => p.type === "file");
}

/**
 * The messages as chat completions take them: as they are, unless a message has file parts,
 * which become `image_url` parts (images) or `{ type: "file", file: { filename, file_data } }`
 * (PDFs). `index` is the conversation's, for the paths of errors.
 */
export function toChatMessages(
  messages: Conversation,
  index: number,
  customId: string,
): Conversation | Record<string, unknown>[] {
  if (!messages.some(hasFilePart)) return messages;
  const issues: InputIssue[] = [];
  const converted = messages.map((message, m) => {
    if (!hasFilePart(message)) return message as unknown as Record<string, unknown>;
    const content = (message.content as ContentPart[]).map((part, p) =>
      part.type === "file" ? toChatFilePart(part, [index, m, "content", p], issues) : part,
    );
    return { ...message, content };
  });
  throwIfIssues(issues, customId);
  return converted;
}
