import type { Context, Hono } from "hono";
import { googleJson, invalidArgument, noSuchFile, notFound } from "./errors.js";
import type { GoogleFiles } from "./files.js";
import {
  API_VERSIONS,
  decodePageToken,
  encodePageToken,
  type GoogleEnv,
  parsePageSize,
} from "./wire.js";

// The Files API's documented page sizes.
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

/** Files: get, list, delete, and download in both URL forms (`/download/...` is the docs' curl). */
export function registerFileRoutes(app: Hono<GoogleEnv>, files: GoogleFiles): void {
  for (const version of API_VERSIONS) {
    const origin = (c: Context<GoogleEnv>) => new URL(c.req.url).origin;

    app.get(`/${version}/files`, (c) => {
      const size = parsePageSize(c.req.query("pageSize"), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
      if (typeof size === "string") return invalidArgument(size);
      const token = c.req.query("pageToken");
      const start = token ? decodePageToken(token) : 0;
      if (start === undefined) return invalidArgument("Invalid page token.");
      const all = files.list(c.get("now"));
      const page = all.slice(start, start + size);
      const body: Record<string, unknown> = {};
      // proto3 JSON: an empty list and the last page's empty token are left out entirely.
      if (page.length > 0) body.files = page.map((f) => files.toWire(f, origin(c), version));
      if (start + size < all.length) body.nextPageToken = encodePageToken(start + size);
      return googleJson(body);
    });

    app.get(`/${version}/files/:name`, (c) => {
      const [id, method] = c.req.param("name").split(":", 2) as [string, string | undefined];
      if (method === "download") return download(c, files, id);
      if (method !== undefined) return notFound(c.req.method, c.req.path);
      const file = files.get(id, c.get("now"));
      if (!file) return noSuchFile(id);
      return googleJson(files.toWire(file, origin(c), version));
    });

    app.delete(`/${version}/files/:name`, (c) => {
      const id = c.req.param("name");
      if (!files.delete(id, c.get("now"))) return noSuchFile(id);
      return googleJson({});
    });

    app.get(`/download/${version}/files/:name`, (c) => {
      const [id, method] = c.req.param("name").split(":", 2) as [string, string | undefined];
      if (method !== "download") return notFound(c.req.method, c.req.path);
      return download(c, files, id);
    });
  }
}

function download(c: Context<GoogleEnv>, files: GoogleFiles, id: string): Response {
  // Without alt=media the real endpoint would answer with JSON metadata; bytes need it.
  if (c.req.query("alt") !== "media") {
    return invalidArgument("Downloading a file's content needs the query parameter alt=media.");
  }
  const file = files.get(id, c.get("now"));
  if (!file) return noSuchFile(id);
  const mimeType = files.mimeType(file);
  return new Response(file.bytes, {
    status: 200,
    headers: { "content-type": mimeType.includes("/") ? mimeType : "application/octet-stream" },
  });
}
