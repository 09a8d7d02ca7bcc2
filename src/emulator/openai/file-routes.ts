import type { Hono } from "hono";
import { toUnixSeconds } from "../clock.js";
import { DAY_MS, type EmulatorContext } from "../context.js";
import type { StoredFile } from "../file-store.js";
import type { OpenAIEnv } from "./env.js";
import {
  badRequest,
  integerOutOfRange,
  invalidValue,
  missingParameter,
  openaiError,
  openaiJson,
} from "./errors.js";

import type { EmulatedWireService } from "./wire-service.js";

export function fileToWire(file: StoredFile, status = "processed"): Record<string, unknown> {
  return {
    id: file.id,
    object: "file",
    bytes: file.bytes.byteLength,
    created_at: toUnixSeconds(file.createdAtMs),
    expires_at: file.expiresAtMs === null ? null : toUnixSeconds(file.expiresAtMs),
    filename: file.filename,
    purpose: file.purpose,
    status,
    status_details: null,
  };
}

export const noSuchFile = (id: string) =>
  openaiError(404, `No such File object: ${id}`, { param: "id" });

export function registerFileRoutes(
  app: Hono<OpenAIEnv>,
  ctx: EmulatorContext,
  service: EmulatedWireService,
): void {
  const own = (file: StoredFile | undefined): file is StoredFile =>
    file?.provider === service.provider;
  const status = (file: StoredFile) => (isPending(file) ? "pending" : "processed");
  const upload = service.upload ?? { path: "/files", purpose: "batch", requiredFields: [] };
  const extra = (file: StoredFile) => service.fileFields?.(file.bytes) ?? {};
  app.post(upload.path, async (c) => {
    const now = c.get("now");
    let form: FormData;
    try {
      form = await c.req.raw.formData();
    } catch {
      return badRequest(
        "The request body must be multipart/form-data with parts 'file' and 'purpose'.",
        null,
      );
    }
    const file = form.get("file");
    const purpose = form.get("purpose");
    if (!(file instanceof Blob)) return missingParameter("file");
    if (purpose === null) return missingParameter("purpose");
    // The emulator stores batch input only; other purposes belong to APIs it does not emulate.
    if (purpose !== upload.purpose) return invalidValue("purpose", purpose, [upload.purpose]);
    for (const field of upload.requiredFields) {
      if (form.get(field) === null) return missingParameter(field);
    }
    // Together names the file in its own field.
    const named = form.get("file_name");
    const filename =
      typeof named === "string" && named !== ""
        ? named
        : file instanceof File && file.name
          ? file.name
          : "upload";
    if (!filename.toLowerCase().endsWith(".jsonl")) {
      // Wording observed on the real API for a non-.jsonl batch upload.
      return badRequest("Invalid file format for Batch API. Must be .jsonl", null);
    }
    const expiry = parseExpiresAfter(form, service.expirySeconds);
    if (expiry instanceof Response) return expiry;
    const ttlMs =
      expiry ?? (service.defaultFileTtlDays === null ? null : service.defaultFileTtlDays * DAY_MS);
    const stored = ctx.files.add({
      id: service.ids.file(),
      provider: service.provider,
      filename,
      purpose,
      bytes: new Uint8Array(await file.arrayBuffer()),
      createdAtMs: now,
      expiresAtMs: ttlMs === null ? null : now + ttlMs,
    });
    if (service.uploadStatus === "pending") pendingUploads.add(stored);
    return openaiJson({ ...fileToWire(stored, status(stored)), ...extra(stored) });
  });

  app.get("/files", (c) => {
    const now = c.get("now");
    const limitRaw = c.req.query("limit");
    const limitError =
      limitRaw === undefined ? undefined : integerOutOfRange("limit", limitRaw, 1, 10_000);
    if (limitError) return limitError;
    const limit = limitRaw === undefined ? 10_000 : Number(limitRaw);
    const order = c.req.query("order") ?? "desc";
    if (order !== "asc" && order !== "desc") return invalidValue("order", order, ["asc", "desc"]);
    const purpose = c.req.query("purpose");
    let files = ctx.files
      .list(service.provider, now)
      .filter((f) => !purpose || f.purpose === purpose);
    if (order === "desc") files = files.reverse();
    const after = c.req.query("after");
    if (after) {
      const at = files.findIndex((f) => f.id === after);
      files = at === -1 ? [] : files.slice(at + 1);
    }
    const page = files.slice(0, limit);
    return openaiJson({
      object: "list",
      data: page.map((f) => fileToWire(f, status(f))),
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
      has_more: files.length > page.length,
    });
  });

  app.get("/files/:id", (c) => {
    const file = ctx.files.get(c.req.param("id"), c.get("now"));
    if (!own(file)) return noSuchFile(c.req.param("id"));
    // Processed by the time anyone asks.
    pendingUploads.delete(file);
    return openaiJson({ ...fileToWire(file, status(file)), ...extra(file) });
  });

  app.delete("/files/:id", (c) => {
    const id = c.req.param("id");
    const now = c.get("now");
    const file = ctx.files.get(id, now);
    if (!own(file)) return noSuchFile(id);
    ctx.files.delete(id, now);
    return openaiJson({ id, object: "file", deleted: true });
  });

  app.get("/files/:id/content", (c) => {
    const file = ctx.files.get(c.req.param("id"), c.get("now"));
    if (!own(file)) return noSuchFile(c.req.param("id"));
    return new Response(file.bytes, {
      status: 200,
      headers: {
        "content-type": "application/octet-stream",
        "content-disposition": `attachment; filename="${file.filename}"`,
      },
    });
  });
}

/**
 * Uploads still `pending`: Azure answers an upload so and refuses a batch over the file until it
 * is `processed`; here a file is processed by the time its status is first asked for.
 */
const pendingUploads = new WeakSet<StoredFile>();

export function isPending(file: StoredFile): boolean {
  return pendingUploads.has(file);
}

/** `expires_after[anchor]` / `expires_after[seconds]` form fields -> milliseconds to live. */
function parseExpiresAfter(
  form: FormData,
  range: { min: number; max: number },
): number | undefined | Response {
  const anchor = form.get("expires_after[anchor]");
  const seconds = form.get("expires_after[seconds]");
  if (anchor === null && seconds === null) return undefined;
  if (anchor === null) return missingParameter("expires_after.anchor");
  if (seconds === null) return missingParameter("expires_after.seconds");
  if (anchor !== "created_at") return invalidValue("expires_after.anchor", anchor, ["created_at"]);
  const raw = typeof seconds === "string" ? seconds.trim() : "";
  const rangeError = integerOutOfRange("expires_after.seconds", raw, range.min, range.max);
  if (rangeError) return rangeError;
  return Number(raw) * 1000;
}
