/**
 * What each provider accepts in the content parts of a message (and its `name`): the data the
 * shared checks in
 * `content-part-issues.ts` run on. One entry per provider; every limit cites where it comes
 * from. Sizes use binary megabytes (MiB): where a page says "20 MB" without saying which, the
 * larger reading is taken, so that nothing the provider accepts is refused.
 */

export type ContentProvider = "openai" | "anthropic" | "google";

export interface ContentPartRules {
  provider: ContentProvider;
  /** Name used in messages: "OpenAI", "Anthropic", "Gemini". */
  label: string;
  /** URL schemes the provider fetches images from, lower case with the colon. */
  urlSchemes: readonly string[];
  /** Media types of inline (`data:`) images, lower case. */
  mediaTypes: readonly string[];
  /** Spellings taken for a media type and sent as the canonical one. */
  mediaTypeAliases: Readonly<Record<string, string>>;
  /** Refuse a payload whose first bytes are another format than its declared media type. */
  bytesMustMatchMediaType: boolean;
  /** Largest inline image, and whether the provider measures the base64 text or the bytes. */
  maxImageSize: { bytes: number; of: "base64" | "decoded" };
  /** Images (inline and by URL) in one request. */
  maxImagesPerRequest: number;
  /** Decoded bytes of all inline images of one request together, when the provider caps it. */
  maxInlineBytesPerRequest: number | undefined;
  /** Roles whose messages may carry image parts. */
  imageRoles: ReadonlySet<string>;
  /** Refuse text parts that are empty or only whitespace. */
  rejectBlankText: boolean;
  /** What a message's `name` must match, where the provider sends and checks it. */
  namePattern: RegExp | undefined;
  /** Media types of documents (file parts that are not images), lower case. */
  documentMediaTypes: readonly string[];
  /** URL schemes a document may be given by, lower case with the colon. */
  documentUrlSchemes: readonly string[];
  /** Largest inline document, decoded bytes. */
  maxDocumentBytes: number;
  /** Decoded bytes of all inline documents of one request together. */
  maxDocumentBytesPerRequest: number;
  /** Roles whose messages may carry documents. */
  documentRoles: ReadonlySet<string>;
  /** Whether `maxInlineBytesPerRequest` counts inline documents as well as images. */
  inlineBytesIncludeDocuments: boolean;
}

const MiB = 1024 * 1024;

/**
 * OpenAI Chat Completions (the batch endpoint used here).
 * - Types and sizes: the vision guide, "Image input requirements"
 *   (https://platform.openai.com/docs/guides/images-vision): PNG, JPEG, WEBP, non-animated
 *   GIF; up to 20 MB per image, 500 images and 50 MB of image bytes per request.
 * - Inline images: "a base64-encoded data URL with an image MIME type" (the API's own error,
 *   `Invalid image URL: ... Expected a base64-encoded data URL with an image MIME type`).
 * - Roles: system messages take text parts only and assistant messages text or refusal parts
 *   (API reference, ChatCompletionSystemMessageParam / ChatCompletionAssistantMessageParam).
 * - URLs: the guide says "a fully qualified URL"; only https is taken here (the provider fetches
 *   it hours later, and no page promises plain http).
 * - Empty text parts are accepted by the API.
 * - `name`: the API refuses one with whitespace or any of `<|\/>` ("string does not match
 *   pattern. Expected a string that matches the pattern '^[^\s<|\\/>]+$'", its error).
 */
export const OPENAI_CONTENT_RULES: ContentPartRules = {
  provider: "openai",
  label: "OpenAI",
  urlSchemes: ["https:"],
  mediaTypes: ["image/png", "image/jpeg", "image/webp", "image/gif"],
  mediaTypeAliases: { "image/jpg": "image/jpeg" },
  // OpenAI reads the format from the bytes; a wrong label is not refused, other formats are.
  bytesMustMatchMediaType: false,
  maxImageSize: { bytes: 20 * MiB, of: "decoded" },
  maxImagesPerRequest: 500,
  maxInlineBytesPerRequest: 50 * MiB,
  imageRoles: new Set(["user"]),
  rejectBlankText: false,
  namePattern: /^[^\s<|\\/>]+$/,
  // File inputs guide (https://platform.openai.com/docs/guides/pdf-files): PDFs as base64
  // `file_data` or an uploaded file; "up to 100 pages and 32MB of total content in a single
  // request". The Responses API also takes a `file_url`; Chat Completions does not (the OpenAI
  // adapter refuses a remote PDF there). Pages are not counted here: the provider does.
  documentMediaTypes: ["application/pdf"],
  documentUrlSchemes: ["https:"],
  maxDocumentBytes: 32 * MiB,
  maxDocumentBytesPerRequest: 32 * MiB,
  documentRoles: new Set(["user"]),
  inlineBytesIncludeDocuments: false,
};

/**
 * Anthropic Messages (inside Message Batches).
 * - Types: image/jpeg, image/png, image/gif, image/webp; sources base64 or url
 *   (https://docs.anthropic.com/en/docs/build-with-claude/vision). The API refuses a payload
 *   whose bytes are another format ("Image does not match the provided media type").
 * - Size: 5 MB per image on the API (vision guide FAQ), checked on the base64 text
 *   (the API's schema limit, 5 * 1024 * 1024 characters, as Anthropic's own client states).
 * - Count: 100 images per request for models with a 200k-token context window (vision guide,
 *   "General limits"; 600 for larger-context models: the smaller number is kept).
 * - Roles: the system prompt takes text blocks only.
 * - Text: "text content blocks must contain non-whitespace text" (API error).
 */
export const ANTHROPIC_CONTENT_RULES: ContentPartRules = {
  provider: "anthropic",
  label: "Anthropic",
  urlSchemes: ["https:"],
  mediaTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"],
  mediaTypeAliases: { "image/jpg": "image/jpeg" },
  bytesMustMatchMediaType: true,
  maxImageSize: { bytes: 5 * MiB, of: "base64" },
  maxImagesPerRequest: 100,
  maxInlineBytesPerRequest: undefined,
  imageRoles: new Set(["user", "assistant"]),
  rejectBlankText: true,
  // Not sent: the Messages API has no name field.
  namePattern: undefined,
  // PDF support (https://docs.anthropic.com/en/docs/build-with-claude/pdf-support): `document`
  // blocks with a base64 or URL source; "Maximum request size: 32MB", "Maximum pages per
  // request: 100". Documents go in user turns.
  documentMediaTypes: ["application/pdf"],
  documentUrlSchemes: ["https:"],
  maxDocumentBytes: 32 * MiB,
  maxDocumentBytesPerRequest: 32 * MiB,
  documentRoles: new Set(["user"]),
  inlineBytesIncludeDocuments: false,
};

/**
 * Gemini (batch mode of the Gemini Developer API).
 * - Types: image/png, image/jpeg, image/webp, image/heic, image/heif
 *   (https://ai.google.dev/gemini-api/docs/image-understanding, "Supported image formats").
 * - Count: up to 3,600 image files per request (same page, "Technical details").
 * - Inline size: inline data up to 100 MB per request ("Increased file size limits and expanded
 *   inputs support in Gemini API", Google blog; it was 20 MB before).
 * - URLs: `fileData.fileUri` takes HTTPS (public or signed) URLs and `gs://` objects
 *   (https://ai.google.dev/gemini-api/docs/file-input-methods).
 * - Roles: `systemInstruction` is sent as text; images in `model` turns are accepted.
 * - Empty text parts are left out by the converter.
 */
export const GEMINI_CONTENT_RULES: ContentPartRules = {
  provider: "google",
  label: "Gemini",
  urlSchemes: ["https:", "gs:"],
  mediaTypes: ["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"],
  mediaTypeAliases: { "image/jpg": "image/jpeg" },
  bytesMustMatchMediaType: false,
  maxImageSize: { bytes: 100 * MiB, of: "decoded" },
  maxImagesPerRequest: 3600,
  maxInlineBytesPerRequest: 100 * MiB,
  imageRoles: new Set(["user", "assistant"]),
  rejectBlankText: false,
  // Not sent: Gemini has no name field.
  namePattern: undefined,
  // Document understanding (https://ai.google.dev/gemini-api/docs/document-processing): PDFs
  // up to 50 MB or 1,000 pages, inline (`inlineData`) or by `fileData.fileUri`; inline data of
  // all kinds counts toward the 100 MB per request above.
  documentMediaTypes: ["application/pdf"],
  documentUrlSchemes: ["https:", "gs:"],
  maxDocumentBytes: 50 * MiB,
  maxDocumentBytesPerRequest: 100 * MiB,
  documentRoles: new Set(["user", "assistant"]),
  inlineBytesIncludeDocuments: true,
};

export const CONTENT_PART_RULES: Readonly<Record<ContentProvider, ContentPartRules>> = {
  openai: OPENAI_CONTENT_RULES,
  anthropic: ANTHROPIC_CONTENT_RULES,
  google: GEMINI_CONTENT_RULES,
};

/** `detail` values of an image part (OpenAI vision guide, "Specify image input detail level"). */
export const IMAGE_DETAILS: readonly string[] = ["auto", "low", "high"];

/** "20 MiB", "5 MiB", "512 KiB" for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1)} MiB`;
  return `${bytes} bytes`;
}
