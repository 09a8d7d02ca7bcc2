import type { Hono } from "hono";
import { isObject } from "../message-text.js";
import { mistralError, mistralJson } from "./errors.js";
import type { CreateJobParams, MistralJobStore } from "./job-store.js";
import type { MistralEnv } from "./routes.js";

/**
 * Endpoints a job may name (the create call's `endpoint` enum in Mistral's API reference); the
 * emulator answers chat completions only, and says so for the others.
 */
const KNOWN_ENDPOINTS = [
  "/v1/chat/completions",
  "/v1/embeddings",
  "/v1/fim/completions",
  "/v1/moderations",
  "/v1/chat/moderations",
  "/v1/ocr",
  "/v1/classifications",
  "/v1/conversations",
  "/v1/audio/transcriptions",
];

const noSuchJob = (id: string) => mistralError(404, `Batch job ${id} not found.`);

/** A request-validation failure as a FastAPI-style 422 (`message.detail[]`, unverified wording). */
function invalid(field: string, msg: string): Response {
  return mistralError(422, JSON.stringify({ detail: [{ loc: ["body", field], msg }] }));
}

export function registerMistralJobRoutes(app: Hono<MistralEnv>, store: MistralJobStore): void {
  app.post("/v1/batch/jobs", async (c) => {
    const now = c.get("now");
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      body = undefined;
    }
    if (!isObject(body)) return invalid("", "Input should be a valid JSON object");
    const params = parseCreate(body);
    if (params instanceof Response) return params;
    const record = store.create(params, now);
    await store.advance(record, now);
    return mistralJson(store.toWire(record, now));
  });

  app.get("/v1/batch/jobs", async (c) => {
    const now = c.get("now");
    const page = Number(c.req.query("page") ?? "0");
    const pageSize = Number(c.req.query("page_size") ?? "100");
    if (!Number.isInteger(page) || page < 0) return invalid("page", "must be an integer >= 0");
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
      return invalid("page_size", "must be an integer from 1 to 1000");
    }
    const order = c.req.query("order_by") ?? "-created";
    if (order !== "created" && order !== "-created") {
      return invalid("order_by", "Input should be 'created' or '-created'");
    }
    const all = order === "-created" ? store.newestFirst() : store.newestFirst().reverse();
    const slice = all.slice(page * pageSize, (page + 1) * pageSize);
    for (const record of slice) await store.advance(record, now);
    return mistralJson({
      object: "list",
      data: slice.map((r) => store.toWire(r, now)),
      total: all.length,
    });
  });

  app.get("/v1/batch/jobs/:id", async (c) => {
    const now = c.get("now");
    const record = store.get(c.req.param("id"));
    if (!record) return noSuchJob(c.req.param("id"));
    await store.advance(record, now);
    return mistralJson(store.toWire(record, now, c.req.query("inline") === "true"));
  });

  app.post("/v1/batch/jobs/:id/cancel", async (c) => {
    const now = c.get("now");
    const record = store.get(c.req.param("id"));
    if (!record) return noSuchJob(c.req.param("id"));
    const result = await store.cancel(record, now);
    // Unverified wording and status: Mistral documents none for a job that has ended.
    if (!result.ok)
      return mistralError(400, `Cannot cancel a batch job with status ${result.status}.`);
    return mistralJson(store.toWire(record, now));
  });

  app.delete("/v1/batch/jobs/:id", async (c) => {
    const now = c.get("now");
    const id = c.req.param("id");
    const record = store.get(id);
    if (!record) return noSuchJob(id);
    await store.advance(record, now);
    const status = store.toWire(record, now).status as string;
    if (["QUEUED", "RUNNING", "CANCELLATION_REQUESTED"].includes(status)) {
      return mistralError(400, `Cannot delete a batch job with status ${status}.`);
    }
    store.delete(id);
    return mistralJson({ id, object: "batch", deleted: true });
  });
}

const CREATE_KEYS = new Set([
  "input_files",
  "requests",
  "endpoint",
  "model",
  "agent_id",
  "metadata",
  "timeout_hours",
]);

function parseCreate(body: Record<string, unknown>): CreateJobParams | Response {
  const unknown = Object.keys(body).find((key) => !CREATE_KEYS.has(key));
  if (unknown !== undefined) return invalid(unknown, "Extra inputs are not permitted");
  const { input_files: files, requests, endpoint, model, metadata } = body;
  const timeout = body.timeout_hours ?? 24;
  if (typeof endpoint !== "string") return invalid("endpoint", "Field required");
  if (!KNOWN_ENDPOINTS.includes(endpoint)) {
    return invalid("endpoint", `Input should be one of ${KNOWN_ENDPOINTS.join(", ")}`);
  }
  if (endpoint !== "/v1/chat/completions") {
    return mistralError(400, `The emulator runs /v1/chat/completions jobs only, not ${endpoint}.`);
  }
  if (typeof model !== "string" || model === "") {
    // Agent jobs name no model; the emulator has no agents.
    return invalid("model", "A model is required (the emulator has no agents)");
  }
  const hasFiles = files !== undefined && files !== null;
  const hasRequests = requests !== undefined && requests !== null;
  if (hasFiles === hasRequests) {
    return invalid("input_files", "Give exactly one of input_files and requests");
  }
  if (
    hasFiles &&
    (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === "string"))
  ) {
    return invalid("input_files", "Input should be a non-empty list of file ids");
  }
  if (hasRequests && !Array.isArray(requests))
    return invalid("requests", "Input should be a valid list");
  if (metadata !== undefined && metadata !== null) {
    if (!isObject(metadata) || !Object.values(metadata).every((v) => typeof v === "string")) {
      return invalid("metadata", "Input should be an object of strings");
    }
  }
  if (!Number.isInteger(timeout) || (timeout as number) < 1) {
    return invalid("timeout_hours", "Input should be an integer >= 1");
  }
  return {
    model,
    endpoint,
    inputFiles: hasFiles ? (files as string[]) : [],
    inline: hasRequests ? (requests as unknown[]) : undefined,
    metadata: (metadata as Record<string, string> | null | undefined) ?? null,
    timeoutHours: timeout as number,
  };
}
