import type { MiddlewareHandler } from "hono";

/** Refuses a `Host` that is not the dashboard's own (DNS rebinding), when hosts are given. */
export function hostGuard(allowed: readonly string[] | undefined): MiddlewareHandler {
  return async (c, next) => {
    // Read at each request: a server fills the list in once it knows its port.
    const host = (c.req.header("host") ?? "").toLowerCase();
    if (allowed !== undefined && !allowed.some((h) => h.toLowerCase() === host)) {
      return c.json({ error: { code: "host_not_allowed", message: "unknown Host header" } }, 403);
    }
    await next();
  };
}

/** The header every action request carries: a form or a plain cross-site request cannot. */
export const ACTION_HEADER = "x-structured-batch-action";

/**
 * An action (a POST) is taken only with the action header, and, when the browser says where it
 * comes from, from this same origin: another site's page cannot cancel a job.
 */
export const actionGuard: MiddlewareHandler = async (c, next) => {
  if (c.req.header(ACTION_HEADER) !== "1") {
    return c.json(
      { error: { code: "missing_action_header", message: `send ${ACTION_HEADER}: 1` } },
      403,
    );
  }
  const origin = c.req.header("origin");
  if (origin !== undefined && origin !== "null") {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== c.req.header("host")) {
      return c.json(
        { error: { code: "cross_origin", message: "cross-origin action refused" } },
        403,
      );
    }
  }
  await next();
};
