import type { ProviderClientOptions } from "../types.js";

/**
 * What `vertex/` needs beside credentials: the project and location the batch prediction jobs
 * run in, and the Cloud Storage folder their input and output go to.
 */
export interface VertexSettings {
  /**
   * The Google Cloud project (default: `GOOGLE_CLOUD_PROJECT`, as the SDK reads it).
   * @example { vertex: { project: "my-project" } }
   */
  project?: string;
  /**
   * The region the jobs run in (default: `GOOGLE_CLOUD_LOCATION`, else `global`, as the SDK
   * does). The bucket should be in the same region or multi-region.
   * @example { vertex: { location: "us-central1" } }
   */
  location?: string;
  /**
   * A Cloud Storage folder, `gs://bucket/prefix` (default: `VERTEX_GCS_URI`). Each batch writes
   * its input to `<prefix>/structured-batch/<run>/input.jsonl` straight from memory and asks
   * Vertex to write its output under `<prefix>/structured-batch/<run>/output/`.
   * @example { vertex: { gcsUri: "gs://my-bucket/batches" } }
   */
  gcsUri?: string;
  /**
   * Passed to the SDK (and so to google-auth-library's `GoogleAuth`) instead of Application
   * Default Credentials: `{ keyFile }`, `{ credentials }`, `{ authClient }`. The
   * `cloud-platform` scope is added when no scopes are given.
   * @example { vertex: { googleAuthOptions: { keyFile: "./service-account.json" } } }
   */
  googleAuthOptions?: Record<string, unknown>;
  /**
   * Vertex API version (default `v1`).
   * @example { vertex: { apiVersion: "v1beta1" } }
   */
  apiVersion?: string;
  /**
   * Base URL of the Cloud Storage JSON API (default: `STORAGE_EMULATOR_HOST`, else
   * https://storage.googleapis.com). For a GCS emulator, or this library's emulator at `/gcs`.
   * @example { vertex: { storageBaseURL: "http://127.0.0.1:8787/gcs" } }
   */
  storageBaseURL?: string;
}

/** The keys of `VertexSettings`, for the unknown-option check when a processor is made. */
export const VERTEX_SETTING_KEYS: ReadonlySet<string> = new Set([
  "project",
  "location",
  "gcsUri",
  "googleAuthOptions",
  "apiVersion",
  "storageBaseURL",
]);

/** Options of `createVertexProvider`: the common ones plus `VertexSettings`. */
export interface VertexProviderOptions extends ProviderClientOptions, VertexSettings {}
