import { Pacer } from "../cooperative.js";
import type { StoredFile } from "../file-store.js";
import { field, isObject, type Json } from "./wire.js";

/** One request of a batch before adaptation, with what its result must echo back. */
export interface InputRequest {
  key: string | undefined;
  body: Json;
  /** Inline: the item's `metadata`. File: the line's fields other than `request` (key included). */
  echo: Json | undefined;
}

export type BatchSource =
  | { kind: "inline"; requests: InputRequest[] }
  | { kind: "file"; fileName: string; id: string };

export interface CreateParams {
  displayName: string | undefined;
  source: BatchSource;
}

/** A create request the emulator turns down with a 400, and why. */
export class InputError extends Error {}

/**
 * `{batch: {display_name?, input_config: {requests: {requests: [...]}} | {file_name}}}`, field
 * names in either case. Everything here is checked synchronously, as the real API rejects a
 * malformed body at once.
 */
export function parseCreateBody(body: unknown): CreateParams {
  const batch = field(body, "batch");
  if (!isObject(batch)) throw new InputError("Missing required field: batch.");
  const displayName = field(batch, "displayName");
  if (displayName !== undefined && typeof displayName !== "string") {
    throw new InputError("Invalid value at 'batch.display_name': expected a string.");
  }
  const config = field(batch, "inputConfig");
  if (!isObject(config)) throw new InputError("Missing required field: batch.input_config.");
  const fileName = field(config, "fileName");
  const requests = field(config, "requests");
  if ((fileName === undefined) === (requests === undefined)) {
    throw new InputError("batch.input_config must set exactly one of file_name and requests.");
  }
  if (fileName !== undefined) {
    if (typeof fileName !== "string" || !/^files\/[^/]+$/.test(fileName)) {
      throw new InputError("Invalid value at 'batch.input_config.file_name': expected files/<id>.");
    }
    return {
      displayName,
      source: { kind: "file", fileName, id: fileName.slice("files/".length) },
    };
  }
  return { displayName, source: { kind: "inline", requests: inlineRequests(requests) } };
}

function inlineRequests(wrapper: unknown): InputRequest[] {
  const list = field(wrapper, "requests");
  if (!Array.isArray(list) || list.length === 0) {
    throw new InputError("batch.input_config.requests.requests must be a non-empty list.");
  }
  return list.map((item, i) => {
    const where = `batch.input_config.requests.requests[${i}]`;
    const request = field(item, "request");
    if (!isObject(request)) throw new InputError(`Missing required field: ${where}.request.`);
    const metadata = field(item, "metadata");
    if (metadata !== undefined && !isObject(metadata)) {
      throw new InputError(`Invalid value at '${where}.metadata': expected an object.`);
    }
    const key = metadata?.key;
    return { key: typeof key === "string" ? key : undefined, body: request, echo: metadata };
  });
}

/** A file batch's content: its requests, or why the batch fails when it starts. */
export type FileInput =
  | { ok: true; requests: InputRequest[] }
  | { ok: false; message: string; lines: number };

/**
 * JSONL lines `{"key": ..., "request": {...}}`. Blank lines are skipped. A line that is not a
 * JSON object with a `request` object fails the whole batch (a choice: the real API's handling
 * of an unreadable line is undocumented), naming the line; a request the model would reject
 * fails only that request, later.
 */
export async function parseInputFile(file: StoredFile): Promise<FileInput> {
  const text = new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, "");
  const all = text.split("\n");
  const lines = all.filter((line) => line.trim() !== "");
  const requests: InputRequest[] = [];
  // A file of many lines is parsed in slices, with turns for the emulator's other clients.
  const pacer = new Pacer();
  for (const [i, line] of all.entries()) {
    if (pacer.due()) await pacer.turn();
    if (line.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return fail(`Line ${i + 1} of the input file is not valid JSON.`, lines.length);
    }
    const request = field(parsed, "request");
    if (!isObject(parsed) || !isObject(request)) {
      return fail(`Line ${i + 1} of the input file has no "request" object.`, lines.length);
    }
    const echo = Object.fromEntries(Object.entries(parsed).filter(([name]) => name !== "request"));
    const key = echo.key;
    requests.push({ key: typeof key === "string" ? key : undefined, body: request, echo });
  }
  if (requests.length === 0) return fail("The input file contains no requests.", 0);
  return { ok: true, requests };
}

function fail(message: string, lines: number): FileInput {
  return { ok: false, message, lines };
}
