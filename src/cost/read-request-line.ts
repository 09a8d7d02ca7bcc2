import type { ProviderId } from "../providers/types.js";
import { wireFamily } from "../providers/wire-family.js";

/** What one encoded request holds, for counting: read from its JSONL line. */
export interface RequestParts {
  /** Texts of the messages (system prompt included). */
  texts: string[];
  messages: number;
  /** The structured-output schema or tool definition as sent, as JSON text ("" when none). */
  schemaText: string;
  images: number;
  /** Base64 data of each inline PDF; `undefined` for a PDF given by URL or file id. */
  pdfs: (string | undefined)[];
  /** The output limit on the line (`max_tokens`, `max_completion_tokens`, `maxOutputTokens`). */
  maxOutputTokens: number | undefined;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const PDF = "application/pdf";

/** Adds a content part that is a file (image or PDF, any provider's shape); false otherwise. */
function addFile(part: Json, out: RequestParts): boolean {
  // OpenAI chat `image_url`, Responses `input_image`.
  if (part.type === "image_url" || part.type === "input_image") {
    out.images++;
    return true;
  }
  // OpenAI chat `file` ({ file: { file_data } }), Responses `input_file` ({ file_data }), and the
  // neutral part ({ type: "file", url, mediaType }) as an adapter may pass it on.
  if (part.type === "file" || part.type === "input_file") {
    const file = isObject(part.file) ? part.file : part;
    const data =
      typeof file.file_data === "string"
        ? file.file_data
        : typeof part.url === "string"
          ? part.url
          : undefined;
    const mediaType = data?.startsWith("data:")
      ? data.slice(5, data.search(/[;,]/))
      : part.mediaType;
    if (typeof mediaType === "string" && mediaType.startsWith("image/")) out.images++;
    else out.pdfs.push(data?.startsWith("data:") ? data.slice(data.indexOf(",") + 1) : undefined);
    return true;
  }
  // Mistral `document_url` (a data: or https: URL).
  if (part.type === "document_url") {
    const url = typeof part.document_url === "string" ? part.document_url : "";
    out.pdfs.push(url.startsWith("data:") ? url.slice(url.indexOf(",") + 1) : undefined);
    return true;
  }
  // Anthropic `image` and `document` blocks (a PDF is a document; its media type says so).
  if ((part.type === "image" || part.type === "document") && isObject(part.source)) {
    const s = part.source;
    if (s.type === "text" && typeof s.data === "string") out.texts.push(s.data);
    else if (part.type === "document" || s.media_type === PDF) {
      out.pdfs.push(s.type === "base64" && typeof s.data === "string" ? s.data : undefined);
    } else out.images++;
    return true;
  }
  // Gemini `inlineData` / `fileData`.
  const blob = isObject(part.inlineData)
    ? part.inlineData
    : isObject(part.fileData)
      ? part.fileData
      : undefined;
  if (blob !== undefined) {
    if (blob.mimeType === PDF) out.pdfs.push(typeof blob.data === "string" ? blob.data : undefined);
    else out.images++;
    return true;
  }
  return false;
}

/** Collects the texts and files of one message's content (a string, parts, or Gemini parts). */
function addContent(content: unknown, out: RequestParts): void {
  if (typeof content === "string") {
    out.texts.push(content);
    return;
  }
  if (!Array.isArray(content)) return;
  for (const part of content) {
    if (typeof part === "string") out.texts.push(part);
    else if (isObject(part) && !addFile(part, out) && typeof part.text === "string") {
      out.texts.push(part.text);
    }
  }
}

function addMessages(messages: unknown, key: "content" | "parts", out: RequestParts): void {
  if (typeof messages === "string") {
    out.messages++;
    out.texts.push(messages);
    return;
  }
  if (!Array.isArray(messages)) return;
  for (const m of messages) {
    if (!isObject(m)) continue;
    out.messages++;
    addContent(m[key], out);
  }
}

function json(value: unknown): string {
  return value === undefined ? "" : JSON.stringify(value);
}

const positive = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v) && v > 0 ? v : undefined;

/**
 * Reads one request line of a provider's batch file. Unknown shapes count as nothing rather
 * than fail: the line was made by this library (or checked when read from a file).
 */
export function readRequestLine(provider: ProviderId, line: string): RequestParts {
  const out: RequestParts = {
    texts: [],
    messages: 0,
    schemaText: "",
    images: 0,
    pdfs: [],
    maxOutputTokens: undefined,
  };
  const parsed: unknown = JSON.parse(line);
  if (!isObject(parsed)) return out;
  // Mistral lines are `{ custom_id, body }` with a chat-completions body, as OpenAI's are.
  if (wireFamily(provider) === "openai" || provider === "mistral") {
    const body = isObject(parsed.body) ? parsed.body : {};
    // Chat Completions: messages + response_format; Responses: instructions/input + text.format.
    addMessages(body.messages, "content", out);
    if (typeof body.instructions === "string") addMessages(body.instructions, "content", out);
    addMessages(body.input, "content", out);
    const format = isObject(body.text) ? body.text.format : undefined;
    out.schemaText = json(body.response_format) + json(format) + json(body.tools);
    out.maxOutputTokens = positive(
      body.max_completion_tokens ?? body.max_tokens ?? body.max_output_tokens,
    );
  } else if (provider === "anthropic" || provider === "bedrock") {
    // Bedrock's Claude records carry the same body as `modelInput`.
    const body = provider === "bedrock" ? parsed.modelInput : parsed.params;
    const params = isObject(body) ? body : {};
    if (params.system !== undefined) {
      out.messages++;
      addContent(params.system, out);
    }
    addMessages(params.messages, "content", out);
    out.schemaText = json(params.tools) + json(params.output_config ?? params.output_format);
    out.maxOutputTokens = positive(params.max_tokens);
  } else {
    const request = isObject(parsed.request) ? parsed.request : {};
    if (isObject(request.systemInstruction)) {
      out.messages++;
      addContent(request.systemInstruction.parts, out);
    }
    addMessages(request.contents, "parts", out);
    const config = isObject(request.generationConfig) ? request.generationConfig : {};
    out.schemaText = json(config.responseJsonSchema ?? config.responseSchema) + json(request.tools);
    out.maxOutputTokens = positive(config.maxOutputTokens);
  }
  return out;
}
