import { contentText, isObject } from "../message-text.js";
import { pdfText } from "../pdf-text.js";
import type { EmulatedRequest } from "../responder/types.js";

/** One request of a job: a line of its input file, or one of its inline `requests`. */
export interface MistralInputRequest {
  customId: string;
  body: Record<string, unknown>;
}

/** One entry of a job's `errors` (SDK 2.7.0 `BatchError`: message and count). */
export interface JobError {
  message: string;
  count: number;
}

export type JobValidation =
  | { ok: true; requests: MistralInputRequest[] }
  | { ok: false; errors: JobError[] };

// A file of garbage should not make every later retrieve carry megabytes of errors.
const MAX_REPORTED_ERRORS = 100;

/**
 * Checks a job's requests as the job starts: each must be an object with a `custom_id` string
 * and a `body` object with `messages` (the docs' line format: "A unique custom_id ... A body
 * object"), custom ids unique, at most `maxRequests`. Mistral documents none of its wordings for
 * these failures: the messages here are the emulator's.
 */
export function validateRequests(
  items: readonly unknown[],
  maxRequests: number,
  lineOf: (index: number) => string = (i) => `request ${i}`,
): JobValidation {
  const errors: JobError[] = [];
  if (items.length === 0)
    return { ok: false, errors: [{ message: "The batch is empty.", count: 1 }] };
  if (items.length > maxRequests) {
    return {
      ok: false,
      errors: [
        {
          message: `The batch has ${items.length} requests, more than the ${maxRequests} allowed.`,
          count: 1,
        },
      ],
    };
  }
  const seen = new Set<string>();
  const requests: MistralInputRequest[] = [];
  for (const [i, item] of items.entries()) {
    const problem = requestProblem(item, seen);
    if (problem !== undefined) {
      if (errors.length < MAX_REPORTED_ERRORS)
        errors.push({ message: `${lineOf(i)}: ${problem}`, count: 1 });
      continue;
    }
    const { custom_id, body } = item as { custom_id: string; body: Record<string, unknown> };
    seen.add(custom_id);
    requests.push({ customId: custom_id, body });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, requests };
}

function requestProblem(item: unknown, seen: ReadonlySet<string>): string | undefined {
  if (!isObject(item)) return "is not a JSON object";
  if (typeof item.custom_id !== "string" || item.custom_id === "") return "has no custom_id";
  if (seen.has(item.custom_id)) return `duplicate custom_id "${item.custom_id}"`;
  if (!isObject(item.body)) return "has no body object";
  if (!Array.isArray(item.body.messages)) return "body has no messages";
  return undefined;
}

/** The lines of an input file, parsed; `undefined` entries are lines that are not JSON. */
export function parseJsonl(bytes: Uint8Array): unknown[] {
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
  const out: unknown[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      out.push(undefined);
    }
  }
  return out;
}

/** A message's text for the responder: its text parts, then the text of its inline PDFs. */
function messageText(content: unknown): string {
  const text = contentText(content);
  if (!Array.isArray(content)) return text;
  const pdfs: string[] = [];
  for (const part of content) {
    // `document_url`: a data: URL the emulator reads, or an https: URL it does not fetch.
    if (!isObject(part) || part.type !== "document_url") continue;
    const url = typeof part.document_url === "string" ? part.document_url : "";
    if (url.startsWith("data:")) pdfs.push(pdfText(url.slice(url.indexOf(",") + 1)));
  }
  return [text, ...pdfs].filter(Boolean).join("\n");
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The request as a responder sees it. */
export function toEmulatedRequest(
  request: MistralInputRequest,
  model: string,
  index: number,
): { request: EmulatedRequest; maxOutputTokens: number | undefined } {
  const { body } = request;
  const format = body.response_format;
  const schema =
    isObject(format) && format.type === "json_schema" && isObject(format.json_schema)
      ? format.json_schema.schema
      : undefined;
  const messages = (Array.isArray(body.messages) ? body.messages : []).filter(isObject);
  return {
    request: {
      provider: "mistral",
      customId: request.customId,
      index,
      model: typeof body.model === "string" ? body.model : model,
      body,
      messages: messages.map((m) => ({
        role: typeof m.role === "string" ? m.role : "user",
        text: messageText(m.content),
      })),
      jsonSchema: isObject(schema) ? schema : undefined,
    },
    maxOutputTokens: positiveInteger(body.max_tokens),
  };
}

/** Keywords Mistral's structured output refuses (see prepare-mistral-schema.ts for the sources). */
const REFUSED_KEYWORDS = ["format", "$schema", "$id"];

/**
 * The 400 a request gets when it runs, if Mistral would refuse it: a schema keyword its
 * structured output does not take ("Received unsupported keyword `format` in schema.", the real
 * wording), or a reasoning budget (no such field).
 */
export function requestRejection(body: Record<string, unknown>): string | undefined {
  const format = body.response_format;
  if (isObject(format) && isObject(format.json_schema)) {
    const found = findKeyword(format.json_schema.schema);
    if (found !== undefined) return `Received unsupported keyword \`${found}\` in schema.`;
  }
  return undefined;
}

function findKeyword(schema: unknown): string | undefined {
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!isObject(node)) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === "properties" && isObject(value)) {
        stack.push(...Object.values(value));
        continue;
      }
      if (REFUSED_KEYWORDS.includes(key)) return key;
      stack.push(value);
    }
  }
  return undefined;
}
