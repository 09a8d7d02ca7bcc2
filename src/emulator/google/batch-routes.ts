import type { Context, Hono } from "hono";
import type { EmulatorContext } from "../context.js";
import { type CreateParams, InputError, parseCreateBody, parseInputFile } from "./batch-input.js";
import type { GoogleBatchRecord, GoogleBatchStore, NewBatch } from "./batch-store.js";
import { toOperation } from "./batch-wire.js";
import {
  googleError,
  googleJson,
  invalidArgument,
  noSuchBatch,
  noSuchFile,
  notFound,
} from "./errors.js";
import type { GoogleFiles } from "./files.js";
import {
  API_VERSIONS,
  decodePageToken,
  encodePageToken,
  type GoogleEnv,
  parsePageSize,
} from "./wire.js";

// The batches list has no documented page sizes; these follow Google's usual list methods.
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

/** `abc:cancel` -> ["abc", "cancel"]: custom methods share the segment with the resource id. */
function splitMethod(segment: string): [string, string | undefined] {
  const at = segment.indexOf(":");
  return at === -1 ? [segment, undefined] : [segment.slice(0, at), segment.slice(at + 1)];
}

export function registerBatchRoutes(
  app: Hono<GoogleEnv>,
  ctx: EmulatorContext,
  store: GoogleBatchStore,
  files: GoogleFiles,
): void {
  const wire = (record: GoogleBatchRecord, now: number) =>
    toOperation(record, now, store.updateTime(record, now));

  for (const version of API_VERSIONS) {
    app.post(`/${version}/models/:name`, async (c) => {
      const [model, method] = splitMethod(c.req.param("name"));
      if (method !== "batchGenerateContent" || model === "") {
        return notFound(c.req.method, c.req.path);
      }
      const now = c.get("now");
      const batch = await readCreate(c, ctx, files, model, now);
      if (batch instanceof Response) return batch;
      const record = store.create(batch, now);
      await store.advance(record, now);
      return googleJson(wire(record, now));
    });

    app.get(`/${version}/batches`, async (c) => {
      const size = parsePageSize(c.req.query("pageSize"), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
      if (typeof size === "string") return invalidArgument(size);
      const token = c.req.query("pageToken");
      const before = token ? decodePageToken(token) : Number.POSITIVE_INFINITY;
      if (before === undefined) return invalidArgument("Invalid page token.");
      const rest = store.newestFirst().filter((r) => r.seq < before);
      const page = rest.slice(0, size);
      // The middleware skips batches other requests are working on; the ones shown wait for it.
      for (const record of page) await store.advance(record, c.get("now"));
      const body: Record<string, unknown> = {};
      // proto3 JSON leaves out an empty list, and the last page has no token at all: an empty
      // token would make the SDK's pager ask again forever.
      if (page.length > 0) body.operations = page.map((r) => wire(r, c.get("now")));
      if (rest.length > page.length) body.nextPageToken = encodePageToken(page.at(-1)!.seq);
      return googleJson(body);
    });

    app.get(`/${version}/batches/:name`, async (c) => {
      const [id, method] = splitMethod(c.req.param("name"));
      if (method !== undefined) return notFound(c.req.method, c.req.path);
      const record = store.get(id);
      if (!record) return noSuchBatch();
      await store.advance(record, c.get("now"));
      return googleJson(wire(record, c.get("now")));
    });

    app.post(`/${version}/batches/:name`, async (c) => {
      const [id, method] = splitMethod(c.req.param("name"));
      if (method !== "cancel") return notFound(c.req.method, c.req.path);
      const record = store.get(id);
      if (!record) return noSuchBatch();
      if ((await store.cancel(record, c.get("now"))) === "already-done") {
        // Our wording; Google APIs answer FAILED_PRECONDITION for an operation that has ended.
        return googleError(
          400,
          `Batch batches/${id} has already ended and cannot be cancelled.`,
          "FAILED_PRECONDITION",
        );
      }
      return googleJson({});
    });

    // Long-running operation semantics: delete forgets the batch whatever its state.
    app.delete(`/${version}/batches/:name`, (c) => {
      const [id, method] = splitMethod(c.req.param("name"));
      if (method !== undefined) return notFound(c.req.method, c.req.path);
      return store.delete(id) ? googleJson({}) : noSuchBatch();
    });
  }
}

async function readCreate(
  c: Context<GoogleEnv>,
  ctx: EmulatorContext,
  files: GoogleFiles,
  model: string,
  now: number,
): Promise<NewBatch | Response> {
  const raw = new Uint8Array(await c.req.arrayBuffer());
  let params: CreateParams;
  try {
    params = parseCreateBody(JSON.parse(new TextDecoder().decode(raw)));
  } catch (error) {
    if (error instanceof InputError) return invalidArgument(error.message);
    return invalidArgument("Invalid JSON payload received.");
  }
  const { displayName, source } = params;
  if (source.kind === "inline") {
    const limit = ctx.google.limits.maxInlineBytes;
    if (raw.byteLength > limit) {
      // Google's usual wording for an oversized payload (unverified for this endpoint).
      return invalidArgument(`Request payload size exceeds the limit: ${limit} bytes.`);
    }
    const requests = source.requests;
    const base = { model, displayName, inputFileName: undefined, failure: undefined };
    return { ...base, requests, requestCount: requests.length };
  }
  const file = files.get(source.id, now);
  if (!file) return noSuchFile(source.id);
  const input = await parseInputFile(file);
  return {
    model,
    displayName,
    inputFileName: source.fileName,
    requests: input.ok ? input.requests : [],
    requestCount: input.ok ? input.requests.length : input.lines,
    failure: input.ok ? undefined : input.message,
  };
}
