import { Hono } from "hono";
import type { EmulatorContext } from "../context.js";
import { registerBatchRoutes } from "./batch-routes.js";
import { GoogleBatchStore } from "./batch-store.js";
import { googleError, internalError, notFound } from "./errors.js";
import { registerFileRoutes } from "./file-routes.js";
import { GoogleFiles } from "./files.js";
import { UploadRoutes } from "./upload-routes.js";
import type { GoogleEnv } from "./wire.js";

export interface GoogleRoutes {
  /** Forgets every Gemini batch, upload session and file's metadata. */
  clear(): void;
  /** The batches, for `emulator.inspect`. */
  store: GoogleBatchStore;
}

/**
 * The Gemini API's batch mode and Files API under /v1beta and /v1. They run as their own app
 * that the main app hands Gemini's requests to, because /v1/files and /v1/batches are OpenAI's
 * paths too: which provider a request is for is decided once, in `isGoogleRequest`. Register
 * before the OpenAI routes so this dispatch sees the requests first.
 */
export function registerGoogleRoutes(app: Hono, ctx: EmulatorContext): GoogleRoutes {
  const files = new GoogleFiles(ctx);
  const store = new GoogleBatchStore(ctx, files);
  const uploads = new UploadRoutes(ctx, files);
  const google = new Hono<GoogleEnv>();

  google.use("*", async (c, next) => {
    // An upload URL carries its own credential (the upload id), as on the real service.
    const isChunk = c.req.path.startsWith("/upload/") && c.req.query("upload_id") !== undefined;
    const denied = isChunk ? undefined : googleAuthError(c.req.raw, ctx.apiKeys);
    if (denied) return denied;
    // State is lazy: bring every batch up to now first, so responses files exist before they
    // are listed or downloaded.
    const now = ctx.clock.now();
    c.set("now", now);
    await store.advanceAll(now);
    await next();
  });
  uploads.register(google);
  registerFileRoutes(google, files);
  registerBatchRoutes(google, ctx, store, files);
  google.notFound((c) => notFound(c.req.method, c.req.path));
  google.onError((error) => internalError(error));

  app.use("*", async (c, next) => {
    if (isGoogleRequest(c.req.raw)) return google.fetch(c.req.raw);
    await next();
  });
  return {
    store,
    clear() {
      store.clear();
      uploads.clear();
      files.clear();
    },
  };
}

/** The app's 404 for a Gemini request, in Gemini's envelope; undefined for other providers. */
export function googleNotFound(request: Request): Response | undefined {
  if (!isGoogleRequest(request)) return undefined;
  return notFound(request.method, new URL(request.url).pathname);
}

/** The app's 500 for a Gemini request, in Gemini's envelope; undefined for other providers. */
export function googleServerError(request: Request, error: unknown): Response | undefined {
  return isGoogleRequest(request) ? internalError(error) : undefined;
}

/**
 * Whether a request is for the Gemini API. /v1beta, /upload and /download are Gemini's alone;
 * under /v1 it shares /v1/files and /v1/batches with OpenAI, so there the request must show a
 * Gemini client: its key (`x-goog-api-key` or `?key=`), any `x-goog-*` header (the SDK always
 * sends `x-goog-api-client`), or a path only Gemini has (models, `id:method` segments).
 */
export function isGoogleRequest(request: Request): boolean {
  const url = new URL(request.url);
  const path = url.pathname;
  if (/^\/(v1beta|upload|download)(\/|$)/.test(path)) return true;
  if (!/^\/v1(\/|$)/.test(path)) return false;
  if (url.searchParams.has("key")) return true;
  for (const name of request.headers.keys()) if (name.startsWith("x-goog-")) return true;
  return /^\/v1\/models\//.test(path) || /^\/v1\/(batches|files)\/[^/]*:/.test(path);
}

/** The key the SDK sends in `x-goog-api-key`; curl examples put it in `?key=`. */
export function googleApiKey(request: Request): string | undefined {
  const header = request.headers.get("x-goog-api-key")?.trim();
  if (header) return header;
  const query = new URL(request.url).searchParams.get("key")?.trim();
  return query || undefined;
}

/*
 * Both wordings are the real API's (seen in public reports): no key at all is a 403
 * PERMISSION_DENIED, an unknown key a 400 INVALID_ARGUMENT with an ErrorInfo detail. Neither
 * repeats the key.
 */
const UNREGISTERED =
  "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";
const INVALID_KEY = "API key not valid. Please pass a valid API key.";

/** The error for a request whose key is missing or not accepted, else undefined. */
export function googleAuthError(
  request: Request,
  apiKeys: ReadonlySet<string> | undefined,
): Response | undefined {
  const key = googleApiKey(request);
  if (!key) return googleError(403, UNREGISTERED, "PERMISSION_DENIED");
  if (apiKeys && !apiKeys.has(key)) {
    return googleError(400, INVALID_KEY, "INVALID_ARGUMENT", [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "API_KEY_INVALID",
        domain: "googleapis.com",
        metadata: { service: "generativelanguage.googleapis.com" },
      },
    ]);
  }
  return undefined;
}
