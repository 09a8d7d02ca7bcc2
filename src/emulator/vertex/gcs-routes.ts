import type { Hono } from "hono";
import type { EmulatorContext } from "../context.js";
import { rfc3339 } from "../google/wire.js";
import type { GcsObjectRecord, GcsObjects } from "./gcs-objects.js";
import { gcsAuthError, gcsError } from "./vertex-auth.js";

const PAGE_SIZE = 1000;

/** An object resource of the JSON API (the fields clients read). */
function resource(o: GcsObjectRecord) {
  return {
    kind: "storage#object",
    id: `${o.bucket}/${o.name}/${o.generation}`,
    name: o.name,
    bucket: o.bucket,
    generation: String(o.generation),
    contentType: o.contentType,
    size: String(o.bytes.byteLength),
    timeCreated: rfc3339(o.updatedMs),
    updated: rfc3339(o.updatedMs),
  };
}

const json = (body: unknown) =>
  new Response(JSON.stringify(body), {
    headers: { "content-type": "application/json; charset=UTF-8" },
  });

/** The object name from the raw path (`%2F` for `/`), decoded once. */
function objectName(url: string): string {
  const match = /^\/gcs\/(?:download\/)?storage\/v1\/b\/[^/]+\/o\/(.+)$/.exec(
    new URL(url).pathname,
  );
  try {
    return decodeURIComponent(match?.[1] ?? "");
  } catch {
    return match?.[1] ?? "";
  }
}

const noSuchObject = (bucket: string, name: string) =>
  gcsError(404, `No such object: ${bucket}/${name}`, "notFound");

/**
 * The Cloud Storage JSON API calls the Vertex adapter makes, under `/gcs` (so `/gcs` is the
 * storage base URL): media upload, list, media download (also under `/download`, where the
 * client libraries fetch media), metadata and delete. Every bucket exists.
 */
export function registerGcsRoutes(app: Hono, ctx: EmulatorContext, objects: GcsObjects): void {
  const denied = (request: Request, permission: string) =>
    gcsAuthError(request, ctx.apiKeys, permission);

  app.post("/gcs/upload/storage/v1/b/:bucket/o", async (c) => {
    const refused = denied(c.req.raw, "storage.objects.create");
    if (refused) return refused;
    const uploadType = c.req.query("uploadType");
    const name = c.req.query("name");
    if (uploadType !== "media") {
      return gcsError(
        400,
        `The emulator takes uploadType=media only, got ${String(uploadType)}.`,
        "invalid",
      );
    }
    if (!name) return gcsError(400, "Required parameter: name", "required");
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const type = c.req.header("content-type") ?? "application/octet-stream";
    const bucket = c.req.param("bucket");
    return json(resource(objects.put(bucket, name, bytes, type, ctx.clock.now())));
  });

  app.get("/gcs/storage/v1/b/:bucket/o", (c) => {
    const refused = denied(c.req.raw, "storage.objects.list");
    if (refused) return refused;
    const bucket = c.req.param("bucket");
    const all = objects.list(bucket, c.req.query("prefix") ?? "");
    const token = c.req.query("pageToken");
    const from = token ? all.findIndex((o) => o.name > atob(token)) : 0;
    const rest = from < 0 ? [] : all.slice(from);
    const size = Math.min(Number(c.req.query("maxResults") ?? PAGE_SIZE) || PAGE_SIZE, PAGE_SIZE);
    const page = rest.slice(0, size);
    const body: Record<string, unknown> = { kind: "storage#objects" };
    if (page.length > 0) body.items = page.map(resource);
    if (rest.length > page.length) body.nextPageToken = btoa(page.at(-1)!.name);
    return json(body);
  });

  type Ctx = {
    req: {
      raw: Request;
      url: string;
      param(n: string): string;
      query(n: string): string | undefined;
    };
  };
  const read = (c: Ctx, media: boolean) => {
    const refused = denied(c.req.raw, "storage.objects.get");
    if (refused) return refused;
    const bucket = c.req.param("bucket");
    const name = objectName(c.req.url);
    const object = objects.get(bucket, name);
    if (!object) return noSuchObject(bucket, name);
    if (!media && c.req.query("alt") !== "media") return json(resource(object));
    return new Response(object.bytes, {
      headers: {
        "content-type": object.contentType,
        "content-length": String(object.bytes.byteLength),
        "x-goog-generation": String(object.generation),
      },
    });
  };
  app.get("/gcs/storage/v1/b/:bucket/o/:object{.+}", (c) => read(c, false));
  app.get("/gcs/download/storage/v1/b/:bucket/o/:object{.+}", (c) => read(c, true));

  app.delete("/gcs/storage/v1/b/:bucket/o/:object{.+}", (c) => {
    const refused = denied(c.req.raw, "storage.objects.delete");
    if (refused) return refused;
    const bucket = c.req.param("bucket");
    const name = objectName(c.req.url);
    return objects.delete(bucket, name)
      ? new Response(null, { status: 204 })
      : noSuchObject(bucket, name);
  });
}
