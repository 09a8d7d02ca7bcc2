import { Hono } from "hono";
import type { EmulatorContext } from "../context.js";
import { openaiAuth } from "./auth.js";
import { registerBatchRoutes } from "./batch-routes.js";
import { OpenAIBatchStore } from "./batch-store.js";
import type { OpenAIEnv } from "./env.js";
import { registerFileRoutes } from "./file-routes.js";

const PATHS = ["/v1/files", "/v1/files/*", "/v1/batches", "/v1/batches/*"];

/**
 * The OpenAI Files and Batch routes. Middleware is bound to these paths only, because other
 * providers' routes (Anthropic's /v1/messages/batches) live under /v1 too.
 */
export function registerOpenAIRoutes(app: Hono, ctx: EmulatorContext): OpenAIBatchStore {
  const store = new OpenAIBatchStore(ctx);
  const openai = new Hono<OpenAIEnv>();
  const auth = openaiAuth(ctx.apiKeys);
  for (const path of PATHS) {
    openai.use(path, auth);
    // State is lazy: bring every batch up to now first, so result files exist before they are
    // listed or fetched.
    openai.use(path, async (c, next) => {
      const now = ctx.clock.now();
      c.set("now", now);
      await store.advanceAll(now);
      await next();
    });
  }
  registerFileRoutes(openai, ctx);
  registerBatchRoutes(openai, store);
  app.route("/", openai);
  return store;
}
