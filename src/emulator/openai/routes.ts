import { Hono } from "hono";
import type { EmulatorContext } from "../context.js";
import { registerBatchRoutes } from "./batch-routes.js";
import { OpenAIBatchStore } from "./batch-store.js";
import type { OpenAIEnv } from "./env.js";
import { registerFileRoutes } from "./file-routes.js";
import { type EmulatedWireService, openAIService } from "./wire-service.js";

const PATHS = ["/files", "/files/*", "/batches", "/batches/*"];

/**
 * The Files and Batch routes of one OpenAI-wire service, under its base path. Middleware is
 * bound to these paths only, because other providers' routes (Anthropic's /v1/messages/batches)
 * live under /v1 too.
 */
export function registerOpenAIWireRoutes(
  app: Hono,
  ctx: EmulatorContext,
  service: EmulatedWireService,
): OpenAIBatchStore {
  const store = new OpenAIBatchStore(ctx, service);
  const routes = new Hono<OpenAIEnv>();
  for (const path of PATHS) {
    for (const guard of service.guard) routes.use(path, guard);
    // State is lazy: bring every batch up to now first, so result files exist before they are
    // listed or fetched.
    routes.use(path, async (c, next) => {
      const now = ctx.clock.now();
      c.set("now", now);
      await store.advanceAll(now);
      await next();
    });
  }
  registerFileRoutes(routes, ctx, service);
  registerBatchRoutes(routes, store, service, ctx);
  app.route(service.base, routes);
  return store;
}

/** The OpenAI Files and Batch routes, at /v1. */
export function registerOpenAIRoutes(app: Hono, ctx: EmulatorContext): OpenAIBatchStore {
  return registerOpenAIWireRoutes(app, ctx, openAIService(ctx));
}
