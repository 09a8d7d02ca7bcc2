/** Small helpers for Gemini's JSON: field names in either case, RFC 3339 times, ids. */
import { randomToken } from "../ids.js";
import { isObject } from "../message-text.js";

export { isObject };

export type Json = Record<string, unknown>;

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * A field given in camelCase or snake_case, as the real API accepts both. Only the names the
 * emulator reads are looked up, so user-named things (schema properties, metadata) keep theirs.
 */
export function field(object: unknown, camelName: string): unknown {
  if (!isObject(object)) return undefined;
  const value = object[camelName];
  return value !== undefined ? value : object[snakeCase(camelName)];
}

/** Google's timestamps carry nanoseconds; emulated time has milliseconds, padded the same way. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms)).toISOString().replace(/Z$/, "000000Z");
}

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Id shapes of the real API: `batches/7h9w4gzuqot3...` (36), `files/85nave4ld71j` (12). */
export const googleIds = {
  batch: () => randomToken(36, LOWER_ALNUM),
  file: () => randomToken(12, LOWER_ALNUM),
  responseId: () => randomToken(23, URL_SAFE),
};

/** Opaque page tokens, as the real ones are (base64 of an internal cursor). */
export function encodePageToken(position: number): string {
  return btoa(`emulator-page:${position}`);
}

export function decodePageToken(token: string): number | undefined {
  try {
    const match = /^emulator-page:(\d+)$/.exec(atob(token));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `pageSize`: unset or 0 means the default, larger values are clamped to the maximum (as
 * Google's list methods do); a negative or non-integer value is an error.
 */
export function parsePageSize(
  raw: string | undefined,
  fallback: number,
  max: number,
): number | string {
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw))
    return `Invalid value for pageSize: "${raw}" is not a non-negative integer.`;
  const value = Number(raw);
  return value === 0 ? fallback : Math.min(value, max);
}

export type GoogleApiVersion = "v1beta" | "v1";

export const API_VERSIONS: readonly GoogleApiVersion[] = ["v1beta", "v1"];

/** `now` is read once per request so every part of an answer describes the same moment. */
export type GoogleEnv = { Variables: { now: number } };
