import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { ProviderId } from "../providers/types.js";

/** One provider batch within a handle: its id and which requests (by input position) it holds. */
export interface HandlePart {
  id: string;
  /** Position of its first request in the original input. */
  first: number;
  count: number;
}

/**
 * What a multi-part handle carries, so a later invocation (another serverless function) can
 * resume with the handle alone. `layers[0]` is the original submission; each later layer is a
 * resubmission whose results replace the earlier ones for the same custom ids.
 */
export interface BatchHandleData {
  v: 1;
  provider: ProviderId;
  /** Requests in the original submission. */
  total: number;
  /** Whether the ids are the defaults `request-0..total-1` (then missing ones are known). */
  defaultIds: boolean;
  layers: HandlePart[][];
}

const PREFIX = "sbh1_";

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** A handle string: `sbh1_` + base64url JSON. Plain provider ids never start with it. */
export function encodeBatchHandle(data: BatchHandleData): string {
  return PREFIX + toBase64Url(JSON.stringify(data));
}

/** Reads a handle; `undefined` for a plain provider batch id. */
export function decodeBatchHandle(handle: string): BatchHandleData | undefined {
  if (typeof handle !== "string" || !handle.startsWith(PREFIX)) return undefined;
  let data: BatchHandleData;
  try {
    data = JSON.parse(fromBase64Url(handle.slice(PREFIX.length)));
  } catch (cause) {
    throw new InvalidArgumentError(
      [
        {
          code: "invalid_handle",
          path: ["handle"],
          message: "is not a readable structured-batch handle (cut or altered?)",
        },
      ],
      { cause, code: "invalid_handle" },
    );
  }
  if (data?.v !== 1 || !Array.isArray(data.layers) || data.layers.length === 0) {
    throw new InvalidArgumentError(
      [
        {
          code: "invalid_handle",
          path: ["handle"],
          message: `has an unknown version ${JSON.stringify(data?.v)}; this version of structured-batch reads version 1`,
        },
      ],
      { code: "invalid_handle" },
    );
  }
  return data;
}

/** Every provider batch id a handle (or a plain id) refers to, newest layer last. */
export function handleBatchIds(handle: string): string[] {
  const data = decodeBatchHandle(handle);
  return data ? data.layers.flat().map((p) => p.id) : [handle];
}
