import type { EmulatorContext } from "../context.js";
import { isObject } from "../message-text.js";
import { anthropicError } from "./errors.js";

export interface BatchItem {
  customId: string;
  params: Record<string, unknown>;
}

type Limits = EmulatorContext["anthropicLimits"];

const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

const tooLarge = () =>
  anthropicError("request_too_large", "Request exceeds the maximum allowed number of bytes.");

/**
 * The body, or undefined once it passes `max` bytes. The rest is still read and dropped so the
 * client finishes sending and gets the 413 instead of a reset connection.
 */
async function readWithin(request: Request, max: number): Promise<Uint8Array | undefined> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total <= max) chunks.push(value);
    else chunks.length = 0;
  }
  if (total > max) return undefined;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/*
 * Messages follow the real API's validation wording, `<path>: <problem>` in pydantic's words:
 * `requests.0.custom_id: String should have at most 64 characters` is observed; the others use
 * the same library's standard phrases (unverified), and the duplicate one is chosen.
 */
const invalid = (message: string) => anthropicError("invalid_request_error", message);

function checkCustomId(value: unknown, path: string): string | undefined {
  if (value === undefined) return `${path}: Field required`;
  if (typeof value !== "string") return `${path}: Input should be a valid string`;
  if (value.length < 1) return `${path}: String should have at least 1 character`;
  if (value.length > 64) return `${path}: String should have at most 64 characters`;
  if (!CUSTOM_ID.test(value)) return `${path}: String should match pattern '${CUSTOM_ID.source}'`;
  return undefined;
}

function checkParams(value: unknown, path: string): string | undefined {
  if (value === undefined) return `${path}: Field required`;
  if (!isObject(value)) return `${path}: Input should be a valid dictionary`;
  for (const field of ["model", "max_tokens", "messages"]) {
    if (value[field] === undefined) return `${path}.${field}: Field required`;
  }
  if (typeof value.model !== "string") return `${path}.model: Input should be a valid string`;
  if (typeof value.max_tokens !== "number" || !Number.isInteger(value.max_tokens)) {
    return `${path}.max_tokens: Input should be a valid integer`;
  }
  if (value.max_tokens < 1) return `${path}.max_tokens: Input should be greater than or equal to 1`;
  if (!Array.isArray(value.messages)) return `${path}.messages: Input should be a valid list`;
  return undefined;
}

/**
 * What the real API checks before it answers the create call: size limits, the shape of each
 * item, custom_id format and uniqueness. Everything else in `params` is checked per request
 * while the batch runs, and comes back as an `errored` result.
 */
export async function parseCreateRequest(
  request: Request,
  limits: Limits,
): Promise<BatchItem[] | Response> {
  const bytes = await readWithin(request, limits.maxBodyBytes);
  if (!bytes) return tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return invalid("The request body is not valid JSON.");
  }
  if (!isObject(body)) return invalid("The request body must be a JSON object.");
  const { requests } = body;
  if (requests === undefined) return invalid("requests: Field required");
  if (!Array.isArray(requests)) return invalid("requests: Input should be a valid list");
  if (requests.length === 0) {
    return invalid("requests: List should have at least 1 item after validation, not 0");
  }
  if (requests.length > limits.maxRequestsPerBatch) {
    return anthropicError(
      "request_too_large",
      `A Message Batch may contain at most ${limits.maxRequestsPerBatch} requests; this one has ${requests.length}.`,
    );
  }
  const items: BatchItem[] = [];
  const seen = new Map<string, number>();
  for (const [i, item] of requests.entries()) {
    const path = `requests.${i}`;
    if (!isObject(item)) return invalid(`${path}: Input should be a valid dictionary`);
    const problem =
      checkCustomId(item.custom_id, `${path}.custom_id`) ??
      checkParams(item.params, `${path}.params`);
    if (problem) return invalid(problem);
    const customId = item.custom_id as string;
    const first = seen.get(customId);
    if (first !== undefined) {
      return invalid(
        `${path}.custom_id: Duplicate custom_id '${customId}' (also used by requests.${first}); each request in a Message Batch must have a unique custom_id.`,
      );
    }
    seen.set(customId, i);
    items.push({ customId, params: item.params as Record<string, unknown> });
  }
  return items;
}
