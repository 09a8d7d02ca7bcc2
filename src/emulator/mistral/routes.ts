import { Hono } from "hono";
import type { EmulatorContext } from "../context.js";
import { mistralAuth } from "./auth.js";
import { isMistralPath, MISTRAL_PREFIX, mistralError } from "./errors.js";
import { registerMistralFileRoutes } from "./file-routes.js";
import { registerMistralJobRoutes } from "./job-routes.js";
import { MistralJobStore } from "./job-store.js";

export type MistralEnv = { Variables: { now: number } };

/**
 * Mistral's Files and Batch jobs routes, under `/mistral` so that they never meet OpenAI's
 * `/v1/files`: the official SDK given `serverURL: url + "/mistral"` sends its `/v1/...` paths
 * here.
 */
export function registerMistralRoutes(app: Hono, ctx: EmulatorContext): MistralJobStore {
  const store = new MistralJobStore(ctx);
  const mistral = new Hono<MistralEnv>();
  mistral.use("*", mistralAuth(ctx.apiKeys));
  // State is lazy: bring every job up to now first, so result files exist before they are fetched.
  mistral.use("*", async (c, next) => {
    const now = ctx.clock.now();
    c.set("now", now);
    await store.advanceAll(now);
    await next();
  });
  registerMistralFileRoutes(mistral, ctx);
  registerMistralJobRoutes(mistral, store);
  app.route(MISTRAL_PREFIX, mistral);
  return store;
}

/** A 404 in Mistral's envelope for a path under the prefix that no route serves. */
export function mistralNotFound(url: string): Response | undefined {
  const path = new URL(url).pathname;
  return isMistralPath(path) ? mistralError(404, "Not Found") : undefined;
}

export function mistralServerError(url: string, error: unknown): Response | undefined {
  if (!isMistralPath(new URL(url).pathname)) return undefined;
  const reason = error instanceof Error ? error.message : String(error);
  return mistralError(500, `The emulator failed to handle the request: ${reason}`);
}
