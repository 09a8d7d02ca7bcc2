import { secureHeaders } from "hono/secure-headers";

/**
 * Hono's `secureHeaders` as the project's pages (the job dashboard, the emulator console) need
 * it: scripts, styles, images and requests from the page's own origin only (user data that
 * slipped into markup could not run), no framing, no sniffing, no referrer. HSTS is left to the
 * server a dashboard is mounted in: a local page served over HTTP has no use for it, and a
 * mounted one must not set it for its host's whole domain.
 */
export function pageSecurityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      // 'self', not 'none': a mounted dashboard says where its relative URLs start with <base>.
      baseUri: ["'self'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    strictTransportSecurity: false,
  });
}
