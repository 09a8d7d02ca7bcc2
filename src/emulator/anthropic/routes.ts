import { Hono } from "hono";
import type { EmulatorContext } from "../context.js";
import { anthropicAuth } from "./auth.js";
import { registerBatchRoutes } from "./batch-routes.js";
import { AnthropicBatchStore } from "./batch-store.js";
import type { AnthropicEnv } from "./env.js";
import { anthropicError } from "./errors.js";

const PATHS = ["/v1/messages/batches", "/v1/messages/batches/*"];

/** Paths answered in Anthropic's error envelope, also when no route matches. */
export function isAnthropicPath(pathname: string): boolean {
  return pathname === "/v1/messages" || pathname.startsWith("/v1/messages/");
}

/** The app's notFound answer for Anthropic paths (wording observed); undefined for others. */
export function anthropicNotFound(url: string): Response | undefined {
  if (!isAnthropicPath(new URL(url).pathname)) return undefined;
  return anthropicError("not_found_error", "Not found");
}

/** The app's onError answer for Anthropic paths; undefined for others. */
export function anthropicServerError(url: string, error: unknown): Response | undefined {
  if (!isAnthropicPath(new URL(url).pathname)) return undefined;
  // A bug of the emulator, not of the client: say so instead of imitating a provider outage.
  const reason = error instanceof Error ? error.message : String(error);
  return anthropicError("api_error", `The emulator failed to handle the request: ${reason}`);
}

/**
 * The Message Batches routes. Middleware is bound to these paths only, because OpenAI's routes
 * live under /v1 too.
 */
export function registerAnthropicRoutes(app: Hono, ctx: EmulatorContext): AnthropicBatchStore {
  const store = new AnthropicBatchStore(ctx);
  const anthropic = new Hono<AnthropicEnv>();
  const auth = anthropicAuth(ctx.apiKeys);
  for (const path of PATHS) {
    anthropic.use(path, auth);
    // State is lazy: bring every batch up to now first, so lists and results are current.
    anthropic.use(path, async (c, next) => {
      const now = ctx.clock.now();
      c.set("now", now);
      await store.advanceAll(now);
      await next();
    });
  }
  registerBatchRoutes(anthropic, store, ctx);
  app.route("/", anthropic);
  return store;
}
