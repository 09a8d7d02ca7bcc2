import { InvalidMessagesError } from "../../errors/invalid-messages-error.js";
import type { ChatMessage, ContentPart, Conversation } from "../../messages/types.js";

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

const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  heic: "image/heic",
  heif: "image/heif",
};

// `data:<type>[;param...];base64,<data>`; the `s` flag because base64 may be wrapped.
const DATA_URL = /^data:([^;,]+)((?:;[^;,]*)*?);base64,(.*)$/s;

function badImage(customId: string, path: (string | number)[], message: string): never {
  throw new InvalidMessagesError([
    { code: "unsupported_image_url", path, message: `in request "${customId}": ${message}` },
  ]);
}

/**
 * `data:` URLs travel inline (base64); http(s) and `gs://` URLs as `fileData`, which Gemini
 * fetches itself (public or signed URLs), with the type guessed from the extension when it is
 * a common image one (Gemini detects it otherwise).
 */
function imagePart(url: string, customId: string, path: (string | number)[]): GeminiPart {
  if (url.startsWith("data:")) {
    const match = DATA_URL.exec(url);
    if (!match) {
      badImage(customId, path, "a data: URL must be base64-encoded (data:image/png;base64,...)");
    }
    return { inlineData: { mimeType: match[1]!, data: match[3]!.replace(/\s+/g, "") } };
  }
  if (/^(https?|gs):\/\//i.test(url)) {
    const extension = /\.([a-z0-9]+)$/i.exec(url.split(/[?#]/)[0]!)?.[1]?.toLowerCase();
    const mimeType = extension === undefined ? undefined : IMAGE_TYPES[extension];
    return { fileData: { fileUri: url, ...(mimeType !== undefined && { mimeType }) } };
  }
  return badImage(
    customId,
    path,
    `image URL ${JSON.stringify(url.slice(0, 40))} must be a base64 data: URL, an http(s) URL or a gs:// URI`,
  );
}

function parts(message: ChatMessage, m: number, customId: string): GeminiPart[] {
  if (typeof message.content === "string") {
    return message.content === "" ? [] : [{ text: message.content }];
  }
  const out: GeminiPart[] = [];
  message.content.forEach((part: ContentPart, p) => {
    if (part.type === "text") {
      if (part.text !== "") out.push({ text: part.text });
    } else {
      out.push(imagePart(part.image_url.url, customId, [m, "content", p, "image_url", "url"]));
    }
  });
  return out;
}

/**
 * OpenAI-style messages as Gemini turns: system messages (wherever they are) joined into one
 * `systemInstruction`, `assistant` as `model`, consecutive messages of one role merged into one
 * turn (Gemini's turns alternate), empty texts left out. `name` has no Gemini field:
 * `onDroppedName` is called when one is left out.
 */
export function toGeminiTurns(
  messages: Conversation,
  customId: string,
  onDroppedName: () => void = () => {},
): GeminiTurns {
  const system: string[] = [];
  const contents: GeminiContent[] = [];
  messages.forEach((message, m) => {
    if (message.name !== undefined) onDroppedName();
    if (message.role === "system") {
      for (const part of parts(message, m, customId)) {
        if (!("text" in part)) {
          throw new InvalidMessagesError([
            {
              code: "unsupported_system_content",
              path: [m, "content"],
              message: `in request "${customId}": system messages take text only`,
            },
          ]);
        }
        system.push(part.text);
      }
      return;
    }
    const role = message.role === "assistant" ? "model" : "user";
    const turn = parts(message, m, customId);
    if (turn.length === 0) return;
    const last = contents.at(-1);
    // A loop, not push(...turn): spreading ~150,000 arguments overflows the stack.
    if (last?.role === role) for (const part of turn) last.parts.push(part);
    else contents.push({ role, parts: turn });
  });
  return {
    contents,
    ...(system.length > 0 && { systemInstruction: { parts: [{ text: system.join("\n\n") }] } }),
  };
}
