import type { Context, Hono } from "hono";
import type { EmulatorContext } from "../context.js";
import type { AnthropicBatchRecord, AnthropicBatchStore } from "./batch-store.js";
import { statusAt } from "./batch-store.js";
import { parseCreateRequest } from "./create-request.js";
import type { AnthropicEnv } from "./env.js";
import { anthropicError, anthropicJson } from "./errors.js";
import { anthropicIds } from "./ids.js";

type Ctx = Context<AnthropicEnv>;

// The real API's not_found_error wording (fixture error.response.json).
const notFound = () =>
  anthropicError("not_found_error", "The requested resource could not be found.");

const invalid = (message: string) => anthropicError("invalid_request_error", message);

/** `results_url` is absolute, built from the origin the client reached the emulator at. */
const origin = (c: Ctx) => new URL(c.req.url).origin;

/*
 * Wording of the cursor and limit errors follows the API's validation phrases (unverified);
 * the state errors for cancel, delete and results are chosen (the real ones are unknown here).
 */
function parseLimit(raw: string | undefined): number | Response {
  if (raw === undefined) return 20;
  if (!/^-?\d+$/.test(raw.trim())) {
    return invalid("limit: Input should be a valid integer, unable to parse string as an integer");
  }
  const limit = Number(raw);
  if (limit < 1) return invalid("limit: Input should be greater than or equal to 1");
  if (limit > 1000) return invalid("limit: Input should be less than or equal to 1000");
  return limit;
}

/** Newest first; `after_id` pages towards older batches, `before_id` towards newer ones. */
function listPage(
  records: AnthropicBatchRecord[],
  limit: number,
  afterId?: string,
  beforeId?: string,
) {
  if (afterId !== undefined) {
    const at = records.findIndex((r) => r.id === afterId);
    const rest = at === -1 ? [] : records.slice(at + 1);
    return { page: rest.slice(0, limit), hasMore: rest.length > limit };
  }
  if (beforeId !== undefined) {
    const at = records.findIndex((r) => r.id === beforeId);
    const rest = at === -1 ? [] : records.slice(0, at);
    return { page: rest.slice(Math.max(0, rest.length - limit)), hasMore: rest.length > limit };
  }
  return { page: records.slice(0, limit), hasMore: records.length > limit };
}

export function registerBatchRoutes(
  app: Hono<AnthropicEnv>,
  store: AnthropicBatchStore,
  ctx: EmulatorContext,
): void {
  app.post("/v1/messages/batches", async (c) => {
    const now = c.get("now");
    const items = await parseCreateRequest(c.req.raw, ctx.anthropicLimits);
    if (items instanceof Response) return items;
    const record = store.create(items, c.get("version"), now);
    await store.advance(record, now);
    return anthropicJson(store.toWire(record, now, origin(c)));
  });

  app.get("/v1/messages/batches", async (c) => {
    const limit = parseLimit(c.req.query("limit"));
    if (limit instanceof Response) return limit;
    const afterId = c.req.query("after_id") || undefined;
    const beforeId = c.req.query("before_id") || undefined;
    if (afterId && beforeId) return invalid("Only one of before_id and after_id may be given.");
    const { page, hasMore } = listPage(store.newestFirst(), limit, afterId, beforeId);
    // The middleware skips batches other requests are working on; the ones shown wait for it.
    for (const record of page) await store.advance(record, c.get("now"));
    return anthropicJson({
      data: page.map((r) => store.toWire(r, c.get("now"), origin(c))),
      has_more: hasMore,
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
    });
  });

  app.get("/v1/messages/batches/:id", async (c) => {
    const record = store.get(c.req.param("id"));
    if (!record) return notFound();
    await store.advance(record, c.get("now"));
    return anthropicJson(store.toWire(record, c.get("now"), origin(c)));
  });

  app.post("/v1/messages/batches/:id/cancel", async (c) => {
    const now = c.get("now");
    const record = store.get(c.req.param("id"));
    if (!record) return notFound();
    if (!(await store.cancel(record, now))) {
      return invalid(`Message batch ${record.id} has already ended and cannot be canceled.`);
    }
    return anthropicJson(store.toWire(record, now, origin(c)));
  });

  app.delete("/v1/messages/batches/:id", async (c) => {
    const now = c.get("now");
    const record = store.get(c.req.param("id"));
    if (!record) return notFound();
    await store.advance(record, now);
    if (!store.delete(record, now)) {
      return invalid(
        `Message batch ${record.id} is ${statusAt(record, now)} and cannot be deleted until it has ended; cancel it first.`,
      );
    }
    return anthropicJson({ id: record.id, type: "message_batch_deleted" });
  });

  app.get("/v1/messages/batches/:id/results", async (c) => {
    const record = store.get(c.req.param("id"));
    if (!record) return notFound();
    await store.advance(record, c.get("now"));
    if (record.results === undefined) {
      return invalid(
        `Message batch ${record.id} has not ended yet; its results are available once processing_status is "ended".`,
      );
    }
    // The SDK asks for `application/binary` and streams the body line by line.
    return new Response(record.results, {
      headers: { "content-type": "application/binary", "request-id": anthropicIds.requestId() },
    });
  });
}
