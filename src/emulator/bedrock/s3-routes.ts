import type { Context, Hono } from "hono";
import type { EmulatorContext } from "../context.js";
import { randomHex } from "../ids.js";
import { awsAuth, type BedrockEnv } from "./auth.js";
import { s3Error } from "./errors.js";
import { decodeAwsChunked, type S3Store } from "./s3-store.js";

/** `/s3/<bucket>/<key>` (path-style), the key decoded as S3 decodes it. */
function target(c: Context<BedrockEnv>): { bucket: string; key: string } | undefined {
  const path = new URL(c.req.url).pathname;
  const match = /^\/s3\/([^/]+)\/(.+)$/.exec(path);
  if (!match) return undefined;
  try {
    return { bucket: decodeURIComponent(match[1]!), key: decodeURIComponent(match[2]!) };
  } catch {
    return undefined;
  }
}

const noSuchKey = (key: string) =>
  s3Error(404, "NoSuchKey", "The specified key does not exist.", { Key: key });

/**
 * The S3 object calls the Bedrock adapter makes, path-style under `/s3` (a client given
 * `endpoint: url + "/s3", forcePathStyle: true` sends there): PutObject, GetObject (the body
 * streamed back), HeadObject and DeleteObject (204 whether or not the key existed, as S3 does).
 */
export function registerS3Routes(app: Hono<BedrockEnv>, store: S3Store, ctx: EmulatorContext) {
  app.use("/s3/*", awsAuth("s3", ctx.apiKeys));

  app.put("/s3/:bucket/*", async (c) => {
    const where = target(c);
    if (!where) return s3Error(400, "InvalidRequest", "A key is required.");
    let body: Uint8Array<ArrayBuffer> = new Uint8Array(await c.req.arrayBuffer());
    const encoding = c.req.header("content-encoding") ?? "";
    const sha = c.req.header("x-amz-content-sha256") ?? "";
    if (encoding.includes("aws-chunked") || sha.startsWith("STREAMING-")) {
      const decoded = decodeAwsChunked(body);
      if (!decoded)
        return s3Error(400, "IncompleteBody", "The request body is not valid aws-chunked data.");
      body = decoded as Uint8Array<ArrayBuffer>;
    }
    const declared = c.req.header("x-amz-decoded-content-length");
    if (declared !== undefined && Number(declared) !== body.byteLength) {
      return s3Error(
        400,
        "IncompleteBody",
        "You did not provide the number of bytes specified by the Content-Length HTTP header.",
      );
    }
    store.put(where.bucket, where.key, body, ctx.clock.now());
    return new Response(null, { status: 200, headers: { etag: `"${randomHex(32)}"` } });
  });

  const read = (head: boolean) => async (c: Context<BedrockEnv>) => {
    const where = target(c);
    if (!where) return s3Error(400, "InvalidRequest", "A key is required.");
    const object = store.get(where.bucket, where.key);
    if (!object) return head ? new Response(null, { status: 404 }) : noSuchKey(where.key);
    const headers = {
      "content-type": "application/octet-stream",
      "content-length": String(object.body.byteLength),
      "last-modified": new Date(object.lastModified).toUTCString(),
    };
    return new Response(head ? null : (object.body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers,
    });
  };
  app.get("/s3/:bucket/*", read(false));
  app.on("HEAD", "/s3/:bucket/*", read(true));

  app.delete("/s3/:bucket/*", (c) => {
    const where = target(c);
    if (!where) return s3Error(400, "InvalidRequest", "A key is required.");
    store.delete(where.bucket, where.key);
    return new Response(null, { status: 204 });
  });
}
