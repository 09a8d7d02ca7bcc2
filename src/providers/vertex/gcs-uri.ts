import type { InputIssue } from "../../errors/invalid-argument-error.js";

/** A Cloud Storage location: a bucket and an object name (or a prefix, without trailing `/`). */
export interface GcsLocation {
  bucket: string;
  name: string;
}

// Bucket names: 3-63 characters of lowercase letters, digits, "-", "_" and "." (up to 222 with
// dots), starting and ending with a letter or digit (cloud.google.com/storage/docs/buckets#naming).
const BUCKET = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

/** `gs://bucket/some/prefix/` -> `{ bucket, name: "some/prefix" }`; undefined if it is not one. */
export function parseGcsUri(uri: string): GcsLocation | undefined {
  const match = /^gs:\/\/([^/]+)(?:\/(.*))?$/.exec(uri);
  if (!match || !BUCKET.test(match[1]!)) return undefined;
  const name = (match[2] ?? "").replace(/\/+$/, "");
  // Object names are at most 1024 bytes of UTF-8 without control characters; `.` and `..`
  // segments would be resolved away by some clients.
  if (/[\p{Cc}]/u.test(name) || name.split("/").some((s) => s === "." || s === "..")) {
    return undefined;
  }
  if (new TextEncoder().encode(name).byteLength > 900) return undefined;
  return { bucket: match[1]!, name };
}

/** `gs://bucket/name`. */
export function gcsUri(location: GcsLocation): string {
  return `gs://${location.bucket}/${location.name}`;
}

/** What is wrong with a `gcsUri` setting, if anything. */
export function gcsUriIssue(value: unknown, path: string[]): InputIssue | undefined {
  if (typeof value === "string" && parseGcsUri(value) !== undefined) return undefined;
  return {
    code: "invalid_gcs_uri",
    path,
    message: `must be a Cloud Storage folder such as "gs://my-bucket/batches" (a valid bucket name, no control characters or "."/".." segments), got ${typeof value === "string" ? JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value) : typeof value}`,
  };
}
