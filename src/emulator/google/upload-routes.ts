import type { Context, Hono } from "hono";
import type { EmulatorContext } from "../context.js";
import { randomToken } from "../ids.js";
import { googleError, googleJson, invalidArgument } from "./errors.js";
import type { GoogleFiles } from "./files.js";
import { API_VERSIONS, field, type GoogleApiVersion, type GoogleEnv, isObject } from "./wire.js";

/** A resumable upload between `start` and `finalize`. */
interface UploadSession {
  version: GoogleApiVersion;
  id: string | undefined;
  displayName: string | undefined;
  mimeType: string;
  declaredBytes: number | undefined;
  chunks: Uint8Array[];
  received: number;
}

const FILE_ID = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

// Sent by the real API with every start reply; clients may size chunks by it.
const GRANULARITY = String(256 * 1024);

/**
 * The resumable upload protocol as @google/genai drives it: `start` answers with an upload URL
 * (the SDK keeps its path and query and swaps in its own host), then chunks arrive with
 * `X-Goog-Upload-Offset`, the last one with `upload, finalize`. The upload id in the URL is the
 * credential for the chunks, as on the real service, so they need no API key.
 */
export class UploadRoutes {
  private readonly sessions = new Map<string, UploadSession>();

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly files: GoogleFiles,
  ) {}

  clear(): void {
    this.sessions.clear();
  }

  register(app: Hono<GoogleEnv>): void {
    for (const version of API_VERSIONS) {
      app.post(`/upload/${version}/files`, (c) => {
        const uploadId = c.req.query("upload_id");
        return uploadId === undefined ? this.start(c, version) : this.chunk(c, uploadId);
      });
    }
  }

  private async start(c: Context<GoogleEnv>, version: GoogleApiVersion): Promise<Response> {
    const protocol = c.req.header("x-goog-upload-protocol")?.toLowerCase();
    const command = c.req.header("x-goog-upload-command")?.toLowerCase();
    if (protocol !== "resumable" || command !== "start") {
      // Multipart and raw media uploads exist on the real API; the emulator has only this one.
      return invalidArgument(
        "The emulator supports resumable uploads only: send X-Goog-Upload-Protocol: resumable and X-Goog-Upload-Command: start.",
      );
    }
    const text = await c.req.text();
    let body: unknown = {};
    if (text.trim() !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        return invalidArgument("Invalid JSON payload received.");
      }
    }
    const file = field(body, "file") ?? {};
    if (!isObject(file)) return invalidArgument("Invalid value at 'file': expected an object.");
    const declared = c.req.header("x-goog-upload-header-content-length");
    const declaredBytes = declared === undefined ? undefined : Number(declared);
    if (declaredBytes !== undefined && !(Number.isInteger(declaredBytes) && declaredBytes >= 0)) {
      return invalidArgument(`Invalid X-Goog-Upload-Header-Content-Length: ${declared}.`);
    }
    const limit = this.ctx.google.limits.maxFileBytes;
    if (declaredBytes !== undefined && declaredBytes > limit) {
      return invalidArgument(`The file is larger than the maximum of ${limit} bytes.`);
    }
    const id = parseName(field(file, "name"));
    if (id instanceof Response) return id;
    if (id !== undefined && this.files.exists(id)) {
      return googleError(409, `A file named files/${id} already exists.`, "ALREADY_EXISTS");
    }
    const displayName = field(file, "displayName");
    const mimeType =
      stringOrUndefined(field(file, "mimeType")) ??
      c.req.header("x-goog-upload-header-content-type") ??
      "application/octet-stream";
    const uploadId = randomToken(64);
    this.sessions.set(uploadId, {
      version,
      id,
      displayName: stringOrUndefined(displayName),
      mimeType,
      declaredBytes,
      chunks: [],
      received: 0,
    });
    const url = new URL(c.req.url);
    const uploadUrl = `${url.origin}/upload/${version}/files?upload_id=${uploadId}&upload_protocol=resumable`;
    return new Response(null, {
      status: 200,
      headers: {
        "x-goog-upload-status": "active",
        "x-goog-upload-url": uploadUrl,
        "x-goog-upload-control-url": uploadUrl,
        "x-goog-upload-chunk-granularity": GRANULARITY,
      },
    });
  }

  private async chunk(c: Context<GoogleEnv>, uploadId: string): Promise<Response> {
    const session = this.sessions.get(uploadId);
    if (!session)
      return googleError(404, "No active upload session for this upload_id.", "NOT_FOUND");
    const commands = (c.req.header("x-goog-upload-command") ?? "")
      .toLowerCase()
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (commands.includes("cancel")) {
      this.sessions.delete(uploadId);
      return new Response(null, { status: 200, headers: { "x-goog-upload-status": "cancelled" } });
    }
    if (commands.includes("query")) return active(session);
    if (!commands.includes("upload") && !commands.includes("finalize")) {
      return invalidArgument(
        "X-Goog-Upload-Command must be upload, finalize, 'upload, finalize', query or cancel.",
      );
    }
    if (commands.includes("upload")) {
      const offset = c.req.header("x-goog-upload-offset");
      if (offset === undefined || !/^\d+$/.test(offset) || Number(offset) !== session.received) {
        return invalidArgument(
          `Invalid X-Goog-Upload-Offset: expected ${session.received}, got ${offset ?? "none"}.`,
        );
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const limit = Math.min(
        session.declaredBytes ?? Infinity,
        this.ctx.google.limits.maxFileBytes,
      );
      if (session.received + bytes.byteLength > limit) {
        return invalidArgument(
          `The upload exceeds its declared or allowed size of ${limit} bytes.`,
        );
      }
      session.chunks.push(bytes);
      session.received += bytes.byteLength;
    }
    if (!commands.includes("finalize")) return active(session);
    if (session.declaredBytes !== undefined && session.received !== session.declaredBytes) {
      return invalidArgument(
        `The upload ended after ${session.received} of the ${session.declaredBytes} declared bytes.`,
      );
    }
    this.sessions.delete(uploadId);
    const stored = await this.files.add(
      {
        id: session.id,
        displayName: session.displayName,
        mimeType: session.mimeType,
        bytes: concat(session.chunks, session.received),
        source: "UPLOADED",
        purpose: "upload",
      },
      c.get("now"),
    );
    const origin = new URL(c.req.url).origin;
    return googleJson(
      { file: this.files.toWire(stored, origin, session.version) },
      { "x-goog-upload-status": "final" },
    );
  }
}

function active(session: UploadSession): Response {
  return new Response(null, {
    status: 200,
    headers: {
      "x-goog-upload-status": "active",
      "x-goog-upload-size-received": String(session.received),
    },
  });
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** An optional caller-chosen name: `files/<id>`, up to 40 lowercase alphanumerics or dashes. */
function parseName(value: unknown): string | undefined | Response {
  if (value === undefined || value === "") return undefined;
  const id = typeof value === "string" && value.startsWith("files/") ? value.slice(6) : undefined;
  if (id === undefined || !FILE_ID.test(id)) {
    return invalidArgument(
      "Invalid file name: expected files/<id> with up to 40 lowercase letters, digits or dashes, not starting or ending with a dash.",
    );
  }
  return id;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
