import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { PROVIDER_IDS } from "../providers/provider-ids.js";
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
  if (data?.v !== 1) {
    throw invalidHandle(
      `has an unknown version ${JSON.stringify(data?.v)}; this version of structured-batch reads version 1`,
    );
  }
  if (!isHandleData(data)) {
    throw invalidHandle("is not a readable structured-batch handle (cut or altered?)");
  }
  return data;
}

/**
 * Reads a handle for a processor of `provider`; `undefined` for a plain provider batch id.
 * @throws InvalidArgumentError when the handle is unreadable or was made for another provider.
 */
export function decodeBatchHandleFor(
  handle: string,
  provider: ProviderId,
): BatchHandleData | undefined {
  const data = decodeBatchHandle(handle);
  if (data && data.provider !== provider) {
    throw new InvalidArgumentError(
      [
        {
          code: "provider_mismatch",
          path: ["handle"],
          message: `was made for ${data.provider} batches, but this processor reads ${provider}`,
        },
      ],
      { code: "invalid_handle" },
    );
  }
  return data;
}

function invalidHandle(message: string): InvalidArgumentError {
  return new InvalidArgumentError([{ code: "invalid_handle", path: ["handle"], message }], {
    code: "invalid_handle",
  });
}

const PROVIDERS: readonly string[] = PROVIDER_IDS;

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function isPart(value: unknown): value is HandlePart {
  const part = value as HandlePart | null;
  return (
    typeof part === "object" &&
    part !== null &&
    typeof part.id === "string" &&
    part.id !== "" &&
    isCount(part.first) &&
    isCount(part.count)
  );
}

/** Every field a reader relies on, so a damaged handle fails here and not at the provider. */
function isHandleData(data: BatchHandleData): boolean {
  return (
    PROVIDERS.includes(data.provider) &&
    isCount(data.total) &&
    typeof data.defaultIds === "boolean" &&
    Array.isArray(data.layers) &&
    data.layers.length > 0 &&
    data.layers.every((layer) => Array.isArray(layer) && layer.every(isPart)) &&
    data.layers[0]!.length > 0
  );
}

/** Every provider batch id a handle (or a plain id) refers to, newest layer last. */
export function handleBatchIds(handle: string): string[] {
  const data = decodeBatchHandle(handle);
  return data ? data.layers.flat().map((p) => p.id) : [handle];
}
