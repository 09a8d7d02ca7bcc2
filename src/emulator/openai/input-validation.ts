import { Pacer } from "../cooperative.js";
import type { StoredFile } from "../file-store.js";

/** One entry of a failed batch's `errors.data`. */
export interface BatchErrorEntry {
  code: string;
  message: string;
  param: string | null;
  /** 1-based line of the input file, null for file-level problems. */
  line: number | null;
}

export interface ParsedInputLine {
  line: number;
  customId: string;
  body: Record<string, unknown>;
}

export type InputValidation =
  | { ok: true; requests: ParsedInputLine[]; model: string }
  | { ok: false; errors: BatchErrorEntry[] };

export interface InputLimits {
  maxRequestsPerBatch: number;
  maxInputFileBytes: number;
}

// A file of garbage should not make every later retrieve carry megabytes of errors.
const MAX_REPORTED_ERRORS = 1000;

/*
 * Codes and wording. Observed on the real API (captured in public integration tests that ran
 * against it): invalid_json_line "This line is not parseable as valid JSON.",
 * missing_required_parameter "Missing required parameter: 'x'.", invalid_url "The URL provided
 * for this request does not match the batch endpoint.", invalid_request "Model parameter is
 * required." / "Messages parameter is required.", streaming_unsupported, and invalid_request
 * "Cannot find file ..." with param "file_id".
 * Listed as documented by a third party but not seen here: duplicate_custom_id, model_mismatch,
 * empty_file, too_many_tasks (their messages are ours).
 * Unverified, chosen here: file_too_large (the message follows a reported real one),
 * invalid_type for a non-string custom_id or non-object body, invalid_value for a method other
 * than POST, invalid_request for a line that is not an object or an input file of another purpose.
 */
export async function validateInputFile(
  file: StoredFile | undefined,
  inputFileId: string,
  endpoint: string,
  limits: InputLimits,
  pacer: Pacer = new Pacer(),
  /** What the lines' `url` must be, when the service names the endpoint its own way (Azure). */
  lineUrl: string = endpoint,
  /** Keys a line must have and the longest custom id (Together: `custom_id` + `body`, 64). */
  lineRules: LineRules = OPENAI_LINE_RULES,
): Promise<InputValidation> {
  if (!file) {
    return fail({
      code: "invalid_request",
      message: `Cannot find file ${inputFileId}, or your organization does not have access to it.`,
      param: "file_id",
      line: null,
    });
  }
  if (file.purpose !== "batch" && file.purpose !== "batch-api") {
    return fail({
      code: "invalid_request",
      message: `The input file ${inputFileId} must be uploaded with purpose 'batch', not '${file.purpose}'.`,
      param: "input_file_id",
      line: null,
    });
  }
  const text = new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, "");
  if (file.bytes.byteLength > limits.maxInputFileBytes) {
    return fail({
      code: "file_too_large",
      message: `The batch input file is larger than the ${limits.maxInputFileBytes} maximum for the ${firstModel(text)} model. Please try again with a smaller batch.`,
      param: null,
      line: null,
    });
  }
  const lines = splitLines(text);
  if (lines.length === 0) {
    return fail({
      code: "empty_file",
      message: "The batch input file is empty.",
      param: null,
      line: null,
    });
  }
  if (lines.length > limits.maxRequestsPerBatch) {
    return fail({
      code: "too_many_tasks",
      message: `The batch input file contains ${lines.length} requests, more than the maximum of ${limits.maxRequestsPerBatch} requests per batch.`,
      param: null,
      line: null,
    });
  }
  return validateLines(lines, endpoint, lineUrl, pacer, lineRules);
}

export interface LineRules {
  required: readonly string[];
  customIdMaxLength?: number;
}

const OPENAI_LINE_RULES: LineRules = { required: ["custom_id", "method", "url", "body"] };

function fail(error: BatchErrorEntry): InputValidation {
  return { ok: false, errors: [error] };
}

/** JSONL lines; a final newline ends the last line rather than starting an empty one. */
function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

function firstModel(text: string): string {
  try {
    const first = JSON.parse(text.slice(0, text.indexOf("\n") >>> 0)) as {
      body?: { model?: unknown };
    };
    if (typeof first.body?.model === "string") return first.body.model;
  } catch {
    // The size is the problem being reported; an unreadable first line changes nothing.
  }
  return "requested";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function validateLines(
  lines: string[],
  endpoint: string,
  lineUrl: string,
  pacer: Pacer,
  lineRules: LineRules,
): Promise<InputValidation> {
  const errors: BatchErrorEntry[] = [];
  const requests: ParsedInputLine[] = [];
  const seen = new Set<string>();
  let model: string | undefined;
  const streamingLabel = endpoint === "/v1/responses" ? "Responses" : "Chat Completions";

  for (const [i, raw] of lines.entries()) {
    // A file of many lines is parsed in slices, with turns for the emulator's other clients.
    if (pacer.due()) await pacer.turn();
    const line = i + 1;
    const lineErrors: BatchErrorEntry[] = [];
    const add = (code: string, message: string, param: string | null) =>
      lineErrors.push({ code, message, param, line });

    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      add("invalid_json_line", "This line is not parseable as valid JSON.", null);
    }
    if (lineErrors.length === 0 && !isObject(parsed)) {
      add("invalid_request", "This line is not a JSON object.", null);
    }
    if (lineErrors.length === 0 && isObject(parsed)) {
      for (const key of lineRules.required) {
        if (!(key in parsed))
          add("missing_required_parameter", `Missing required parameter: '${key}'.`, key);
      }
      const { custom_id: customId, method, url, body } = parsed;
      if (customId !== undefined && typeof customId !== "string") {
        add("invalid_type", "Invalid type for 'custom_id': expected a string.", "custom_id");
      }
      const maxId = lineRules.customIdMaxLength;
      if (typeof customId === "string" && maxId !== undefined && customId.length > maxId) {
        // Together: "custom_id ... max 64 chars" (docs.together.ai/docs/batch-inference); the
        // wording is the emulator's.
        add(
          "invalid_value",
          `Invalid 'custom_id': string too long. Expected a string with maximum length ${maxId}, but got a string with length ${customId.length} instead.`,
          "custom_id",
        );
      }
      if (method !== undefined && method !== "POST") {
        add(
          "invalid_value",
          `Invalid value: '${String(method)}'. Supported values are: 'POST'.`,
          "method",
        );
      }
      if (url !== undefined && url !== lineUrl) {
        add(
          "invalid_url",
          "The URL provided for this request does not match the batch endpoint.",
          "url",
        );
      }
      if (body !== undefined && !isObject(body)) {
        add("invalid_type", "Invalid type for 'body': expected an object.", "body");
      }
      if (isObject(body)) {
        if (!("model" in body)) {
          add("invalid_request", "Model parameter is required.", "body.model");
        } else if (typeof body.model !== "string") {
          add("invalid_type", "Invalid type for 'body.model': expected a string.", "body.model");
        } else if (model === undefined) {
          model = body.model;
        } else if (body.model !== model) {
          add(
            "model_mismatch",
            `The provided model '${body.model}' does not match the model '${model}' of the other requests in this batch. A batch can only contain requests for a single model.`,
            "body.model",
          );
        }
        if (body.stream === true) {
          add(
            "streaming_unsupported",
            `${streamingLabel}: Streaming is not supported in the Batch API.`,
            "body.stream",
          );
        }
        if (endpoint === "/v1/chat/completions" && !("messages" in body)) {
          add("invalid_request", "Messages parameter is required.", "body.messages");
        }
      }
      if (typeof customId === "string") {
        if (seen.has(customId)) {
          add(
            "duplicate_custom_id",
            "The custom_id for this request is a duplicate of another request. The custom_id parameter must be unique for each request in a batch.",
            "custom_id",
          );
        }
        seen.add(customId);
      }
      if (lineErrors.length === 0) {
        requests.push({
          line,
          customId: customId as string,
          body: body as Record<string, unknown>,
        });
      }
    }
    for (const error of lineErrors) errors.push(error);
  }

  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_REPORTED_ERRORS) };
  return { ok: true, requests, model: model ?? "" };
}
