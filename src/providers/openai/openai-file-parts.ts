import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import type { FileContentPart } from "../../messages/types.js";

/** The media type of a file part: given, or read from its `data:` URL. */
export function fileMediaType(part: FileContentPart): string {
  if (part.mediaType !== undefined) return part.mediaType.toLowerCase();
  const match = /^data:([^;,]+)/i.exec(part.url);
  return match ? match[1]!.toLowerCase() : "";
}

/**
 * A file part as a chat-completions content part: an image as `image_url` (its URL or `data:`
 * URL), a PDF as `{ type: "file", file: { filename, file_data } }`. Chat file parts carry the
 * bytes only (the API documents `file_data` and `file_id`, no URL), so a PDF by URL is refused,
 * naming the part and the endpoint that takes one.
 */
export function toChatFilePart(
  part: FileContentPart,
  path: (string | number)[],
): Record<string, unknown> {
  const mediaType = fileMediaType(part);
  if (mediaType.startsWith("image/")) return { type: "image_url", image_url: { url: part.url } };
  if (!part.url.startsWith("data:")) {
    throw new InvalidArgumentError([
      {
        code: "unsupported_file_url",
        path: [...path, "url"],
        message: `OpenAI chat completions take a PDF as inline bytes only (a data: URL), not by URL: inline it (filePart(bytes, { mediaType: "application/pdf" })), or use the Responses API ({ openai: { endpoint: "/v1/responses" } }), which fetches file URLs`,
      },
    ]);
  }
  return {
    type: "file",
    file: { filename: part.filename ?? "document.pdf", file_data: part.url },
  };
}
