import type { Hono } from "hono";
import type { EmulatorContext } from "../context.js";
import type { OpenAIBatchStore } from "./batch-store.js";
import type { OpenAIEnv } from "./env.js";
import {
  badRequest,
  integerOutOfRange,
  invalidType,
  invalidValue,
  missingParameter,
  openaiError,
  openaiJson,
} from "./errors.js";
import { isPending } from "./file-routes.js";
import type { EmulatedWireService } from "./wire-service.js";

const METADATA_MAX_PAIRS = 16;
const METADATA_MAX_KEY = 64;
const METADATA_MAX_VALUE = 512;

const noSuchBatch = (id: string) => openaiError(404, `No batch found with id '${id}'.`);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function registerBatchRoutes(
  app: Hono<OpenAIEnv>,
  store: OpenAIBatchStore,
  service: EmulatedWireService,
  ctx: EmulatorContext,
): void {
  const shown = (wire: Record<string, unknown>) => service.present?.batch(wire) ?? wire;
  app.post("/batches", async (c) => {
    const now = c.get("now");
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      body = undefined;
    }
    if (!isObject(body)) {
      return badRequest(
        "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.",
        null,
      );
    }
    const params = parseCreateParams(body, service);
    if (params instanceof Response) return params;
    const input = ctx.files.get(params.inputFileId, now);
    if (input?.provider === service.provider && isPending(input)) {
      // Azure's wording for a file it has not processed yet (unverified).
      return badRequest(
        `The input file ${params.inputFileId} has not been processed yet (status 'pending'): wait until its status is 'processed'.`,
        "input_file_id",
        "invalid_request",
      );
    }
    const record = store.create(params, now);
    await store.advance(record, now);
    const present = service.present;
    if (present) return openaiJson(present.created(present.batch(store.toWire(record, now))));
    return openaiJson(store.toWire(record, now));
  });

  app.get("/batches", async (c) => {
    const now = c.get("now");
    if (service.present) {
      // Together lists every batch at once (docs.together.ai/reference/batch-list).
      const all = store.newestFirst();
      for (const record of all) await store.advance(record, now);
      const present = service.present;
      return openaiJson(present.list(all.map((r) => present.batch(store.toWire(r, now)))));
    }
    const limitRaw = c.req.query("limit");
    const limitError =
      limitRaw === undefined ? undefined : integerOutOfRange("limit", limitRaw, 1, 100);
    if (limitError) return limitError;
    const limit = limitRaw === undefined ? 20 : Number(limitRaw);
    let records = store.newestFirst();
    const after = c.req.query("after");
    if (after) {
      const at = records.findIndex((r) => r.id === after);
      records = at === -1 ? [] : records.slice(at + 1);
    }
    const page = records.slice(0, limit);
    // The middleware skips batches other requests are working on; the ones shown wait for it.
    for (const record of page) await store.advance(record, now);
    return openaiJson({
      object: "list",
      data: page.map((r) => store.toWire(r, now)),
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
      has_more: records.length > page.length,
    });
  });

  app.get("/batches/:id", async (c) => {
    const now = c.get("now");
    const record = store.get(c.req.param("id"));
    if (!record) return noSuchBatch(c.req.param("id"));
    await store.advance(record, now);
    return openaiJson(shown(store.toWire(record, now)));
  });

  app.post("/batches/:id/cancel", async (c) => {
    const now = c.get("now");
    const record = store.get(c.req.param("id"));
    if (!record) return noSuchBatch(c.req.param("id"));
    const result = await store.cancel(record, now);
    if (!result.ok) {
      // Status and wording observed on the real API.
      return openaiError(409, `Cannot cancel a batch with status '${result.status}'.`);
    }
    return openaiJson(shown(store.toWire(record, now)));
  });
}

type CreateParams = Parameters<OpenAIBatchStore["create"]>[0];

const CREATE_KEYS = new Set([
  "input_file_id",
  "endpoint",
  "completion_window",
  "metadata",
  "output_expires_after",
]);

function parseCreateParams(
  body: Record<string, unknown>,
  service: EmulatedWireService,
): CreateParams | Response {
  const unknown = Object.keys(body).find((key) => !CREATE_KEYS.has(key));
  // The real API's wording for a body key it does not know (from memory; unverified).
  if (unknown !== undefined)
    return badRequest(`Unrecognized request argument supplied: ${unknown}`, null);
  const { input_file_id: inputFileId, endpoint, completion_window: window } = body;
  if (inputFileId === undefined) return missingParameter("input_file_id");
  if (typeof inputFileId !== "string") return invalidType("input_file_id", "a string", inputFileId);
  if (endpoint === undefined) return missingParameter("endpoint");
  const own = service.endpoints[endpoint as string];
  if (typeof endpoint !== "string" || own === undefined) {
    return invalidValue("endpoint", endpoint, Object.keys(service.endpoints));
  }
  if (window === undefined) return missingParameter("completion_window");
  if (!service.completionWindows.includes(window as string)) {
    return invalidValue("completion_window", window, service.completionWindows);
  }
  const metadata = parseMetadata(body.metadata);
  if (metadata instanceof Response) return metadata;
  const outputExpiry = parseOutputExpiresAfter(body.output_expires_after, service.expirySeconds);
  if (outputExpiry instanceof Response) return outputExpiry;
  return {
    endpoint: own,
    wireEndpoint: endpoint,
    inputFileId,
    completionWindow: window as string,
    metadata,
    outputExpiresAfterSeconds: outputExpiry,
  };
}

/*
 * Limits are the documented ones; the error codes for exceeding them follow the API's naming
 * elsewhere (invalid_type wording is observed, the others are unverified).
 */
function parseMetadata(value: unknown): Record<string, string> | null | Response {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) return invalidType("metadata", "an object", value);
  const entries = Object.entries(value);
  if (entries.length > METADATA_MAX_PAIRS) {
    return badRequest(
      `Invalid 'metadata': too many properties. Expected an object with at most ${METADATA_MAX_PAIRS} properties, but got an object with ${entries.length} properties instead.`,
      "metadata",
      "object_above_max_properties",
    );
  }
  const metadata: Record<string, string> = {};
  for (const [key, v] of entries) {
    if (key.length > METADATA_MAX_KEY) {
      return badRequest(
        `Invalid 'metadata': key too long. Expected keys with maximum length ${METADATA_MAX_KEY}, but got a key with length ${key.length} instead.`,
        "metadata",
        "string_above_max_length",
      );
    }
    if (typeof v !== "string") return invalidType(`metadata.${key}`, "a string", v);
    if (v.length > METADATA_MAX_VALUE) {
      return badRequest(
        `Invalid 'metadata.${key}': string too long. Expected a string with maximum length ${METADATA_MAX_VALUE}, but got a string with length ${v.length} instead.`,
        `metadata.${key}`,
        "string_above_max_length",
      );
    }
    metadata[key] = v;
  }
  return metadata;
}

function parseOutputExpiresAfter(
  value: unknown,
  range: { min: number; max: number },
): number | null | Response {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) return invalidType("output_expires_after", "an object", value);
  if (value.anchor !== "created_at") {
    return invalidValue("output_expires_after.anchor", value.anchor, ["created_at"]);
  }
  const rangeError = integerOutOfRange(
    "output_expires_after.seconds",
    String(value.seconds),
    range.min,
    range.max,
  );
  if (rangeError) return rangeError;
  return Number(value.seconds);
}
