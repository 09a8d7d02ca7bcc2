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

export type ContentPart = TextContentPart | ImageContentPart;

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
