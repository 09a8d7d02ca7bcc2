/** A text part of a multi-part message content. */
export interface TextContentPart {
  type: "text";
  text: string;
}

/** An image part (URL or `data:` URL), OpenAI style. */
export interface ImageContentPart {
  type: "image_url";
  image_url: { url: string; detail?: "auto" | "low" | "high" };
}

/**
 * A file: an image or a PDF, inline or by URL, the same on every provider. Each adapter sends it
 * the way its API takes it (OpenAI `image_url` / `file`, Anthropic `image` / `document` blocks,
 * Gemini `inlineData` / `fileData`). Build an inline one from bytes with `filePart`.
 *
 * @example { type: "file", url: "data:application/pdf;base64,JVBERi0x...", filename: "invoice.pdf" }
 * @example { type: "file", url: "https://example.com/scan.png", mediaType: "image/png" }
 */
export interface FileContentPart {
  type: "file";
  /** `data:<media type>;base64,<data>` for inline bytes, or an `https:` URL (`gs:` on Gemini). */
  url: string;
  /** The media type; read from a `data:` URL, required with a remote URL. */
  mediaType?: string;
  /** A file name, sent where the provider takes one (OpenAI's file parts). */
  filename?: string;
}

export type ContentPart = TextContentPart | ImageContentPart | FileContentPart;

/**
 * One chat message, OpenAI style. Each provider adapter converts it (Anthropic `system`,
 * Gemini `systemInstruction` and the `model` role).
 *
 * @example { role: "user", content: "Extract: John Doe, 25, john@example.com" }
 */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string | ContentPart[];
  /** Optional participant name (OpenAI only). */
  name?: string;
}

/** One conversation: the messages of one request. */
export type Conversation = readonly ChatMessage[];
