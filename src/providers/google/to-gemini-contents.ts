import {
  contentPartIssues,
  inlineImage,
  throwIfIssues,
} from "../../messages/content-part-issues.js";
import { GEMINI_CONTENT_RULES } from "../../messages/content-part-rules.js";
import { resolveFilePart } from "../../messages/resolve-file-part.js";
import type {
  ChatMessage,
  ContentPart,
  Conversation,
  FileContentPart,
} from "../../messages/types.js";

export type GeminiPart =
  | { text: string }
  | { inlineData: { mimeType: string; data: string } }
  | { fileData: { fileUri: string; mimeType?: string } };

export interface GeminiContent {
  role: "user" | "model";
  parts: GeminiPart[];
}

/** The varying part of one request: the turns and the system instruction. */
export interface GeminiTurns {
  contents: GeminiContent[];
  systemInstruction?: { parts: [{ text: string }] };
}

export interface GeminiTurnsOptions {
  /** Position of the conversation in `messagesList`, for error paths. */
  index: number;
  customId: string;
  /** Called when a message has a `name`, which Gemini has no field for. */
  onDroppedName?: () => void;
}

const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  heic: "image/heic",
  heif: "image/heif",
};

/**
 * `data:` URLs travel inline (base64); https and `gs://` URLs as `fileData`, which Gemini
 * fetches itself (public or signed URLs), with the type taken from the extension when it is
 * a common image one (Gemini detects it otherwise). The URL was checked before.
 */
function imagePart(url: string): GeminiPart {
  if (/^data:/i.test(url)) {
    const { mediaType, data } = inlineImage(url, GEMINI_CONTENT_RULES);
    return { inlineData: { mimeType: mediaType, data } };
  }
  const path = url.slice(0, url.search(/[?#]|$/));
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  const mimeType = extension === undefined ? undefined : IMAGE_TYPES[extension];
  return { fileData: { fileUri: url, ...(mimeType !== undefined && { mimeType }) } };
}

/**
 * A file part (image or PDF): inline bytes as `inlineData`, an https or `gs://` URL as
 * `fileData` with the media type the part names (Gemini reads a PDF by URL only when told it is
 * one). The part was checked before.
 */
function filePart(part: FileContentPart): GeminiPart {
  const file = resolveFilePart(part, GEMINI_CONTENT_RULES);
  if (file.kind === "inline") return { inlineData: { mimeType: file.mediaType, data: file.data } };
  return { fileData: { fileUri: file.url, mimeType: file.mediaType } };
}

function parts(message: ChatMessage): GeminiPart[] {
  if (typeof message.content === "string") {
    return message.content === "" ? [] : [{ text: message.content }];
  }
  const out: GeminiPart[] = [];
  for (const part of message.content as ContentPart[]) {
    if (part.type === "text") {
      if (part.text !== "") out.push({ text: part.text });
    } else if (part.type === "image_url") {
      out.push(imagePart(part.image_url.url));
    } else {
      out.push(filePart(part));
    }
  }
  return out;
}

/**
 * OpenAI-style messages as Gemini turns: system messages (wherever they are) joined into one
 * `systemInstruction`, `assistant` as `model`, consecutive messages of one role merged into one
 * turn (Gemini's turns alternate), empty texts left out. `name` has no Gemini field:
 * `onDroppedName` is called when one is left out. What Gemini would refuse (images in a system
 * message, other URL schemes or formats, sizes) fails first, through the shared rules.
 */
export function toGeminiTurns(messages: Conversation, options: GeminiTurnsOptions): GeminiTurns {
  const issues = contentPartIssues(messages, options.index, GEMINI_CONTENT_RULES);
  const system: string[] = [];
  const contents: GeminiContent[] = [];
  if (issues.length === 0) {
    for (const message of messages) {
      if (message.name !== undefined) options.onDroppedName?.();
      if (message.role === "system") {
        for (const part of parts(message)) system.push((part as { text: string }).text);
        continue;
      }
      const role = message.role === "assistant" ? "model" : "user";
      const turn = parts(message);
      if (turn.length === 0) continue;
      const last = contents.at(-1);
      // A loop, not a spread: 100,000 parts would overflow the argument list.
      if (last?.role === role) for (const part of turn) last.parts.push(part);
      else contents.push({ role, parts: turn });
    }
    // Empty texts are left out, so a conversation of empty parts would send no turn at all.
    if (contents.length === 0) {
      issues.push({
        code: "empty_content",
        path: [options.index],
        message: "nothing is left to send to Gemini: every user and assistant message is empty",
      });
    }
  }
  throwIfIssues(issues, options.customId);
  return {
    contents,
    ...(system.length > 0 && { systemInstruction: { parts: [{ text: system.join("\n\n") }] } }),
  };
}
