import { contentText, isObject } from "../message-text.js";
import type { EmulatedRequest } from "../responder/types.js";
import { type FileContent, fileContent } from "./file-part-content.js";
import type { ParsedInputLine } from "./input-validation.js";

export interface AdaptedRequest {
  request: EmulatedRequest;
  maxOutputTokens: number | undefined;
  /** Input tokens of the request's images and PDFs (see file-part-content.ts). */
  fileTokens: number;
}

/** A message's text for the responder: its text parts, then the text of its PDFs. */
function messageText(content: unknown, files: FileContent): string {
  const before = files.texts.length;
  fileContent(content, files);
  const text = contentText(content);
  const pdfs = files.texts.slice(before);
  return pdfs.length === 0 ? text : [text, ...pdfs].filter(Boolean).join("\n");
}

function chatMessages(
  body: Record<string, unknown>,
  files: FileContent,
): EmulatedRequest["messages"] {
  if (!Array.isArray(body.messages)) return [];
  return body.messages.filter(isObject).map((m) => ({
    role: typeof m.role === "string" ? m.role : "user",
    text: messageText(m.content, files),
  }));
}

function responsesMessages(
  body: Record<string, unknown>,
  files: FileContent,
): EmulatedRequest["messages"] {
  const messages: EmulatedRequest["messages"] = [];
  if (typeof body.instructions === "string")
    messages.push({ role: "system", text: body.instructions });
  if (typeof body.input === "string") {
    messages.push({ role: "user", text: body.input });
  } else if (Array.isArray(body.input)) {
    for (const item of body.input) {
      if (!isObject(item) || (item.type !== undefined && item.type !== "message")) continue;
      messages.push({
        role: typeof item.role === "string" ? item.role : "user",
        text: messageText(item.content, files),
      });
    }
  }
  return messages;
}

function chatSchema(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const format = body.response_format;
  if (!isObject(format) || format.type !== "json_schema" || !isObject(format.json_schema))
    return undefined;
  return isObject(format.json_schema.schema) ? format.json_schema.schema : undefined;
}

function responsesSchema(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const format = isObject(body.text) ? body.text.format : undefined;
  if (!isObject(format) || format.type !== "json_schema") return undefined;
  return isObject(format.schema) ? format.schema : undefined;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

export function adaptRequest(
  endpoint: string,
  parsed: ParsedInputLine,
  index: number,
): AdaptedRequest {
  const { body } = parsed;
  const responses = endpoint === "/v1/responses";
  const files: FileContent = { texts: [], tokens: 0 };
  return {
    request: {
      provider: "openai",
      customId: parsed.customId,
      index,
      model: String(body.model),
      body,
      messages: responses ? responsesMessages(body, files) : chatMessages(body, files),
      jsonSchema: responses ? responsesSchema(body) : chatSchema(body),
    },
    maxOutputTokens: responses
      ? positiveInteger(body.max_output_tokens)
      : (positiveInteger(body.max_completion_tokens) ?? positiveInteger(body.max_tokens)),
    fileTokens: files.tokens,
  };
}
