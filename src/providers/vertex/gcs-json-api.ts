import type { GcsLocation } from "./gcs-uri.js";
import { kit } from "./vertex-kit.js";

/**
 * Cloud Storage through its JSON API (cloud.google.com/storage/docs/json_api), with the same
 * OAuth token the Vertex SDK uses. Chosen over `@google-cloud/storage`: that client is Node-only
 * (Node streams, `fs`, gaxios), several MB with its dependencies, takes no custom `fetch` (so no
 * in-process emulator), and the four calls needed here are plain HTTP: a media upload from the
 * in-memory buffer, a list, a media download read as a web stream, and a delete.
 */
export interface GcsAccess {
  /** Without a trailing slash: `https://storage.googleapis.com`. */
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  /** `Authorization: Bearer ...` (and a quota project, when the credentials name one). */
  headers(): Promise<Record<string, string>>;
  /** Removed from every error message. */
  secrets: readonly (string | undefined)[];
}

export interface GcsObject {
  name: string;
  size: number;
}

const objectPath = (l: GcsLocation) =>
  `/storage/v1/b/${encodeURIComponent(l.bucket)}/o/${encodeURIComponent(l.name)}`;

/** One JSON API call; a non-2xx answer becomes a `kit.ProviderApiError` with GCS's message. */
async function gcsFetch(
  gcs: GcsAccess,
  operation: string,
  pathAndQuery: string,
  init: { method: "GET" | "POST" | "DELETE"; body?: Blob; contentType?: string } = {
    method: "GET",
  },
): Promise<Response> {
  const url = `${gcs.baseUrl}${pathAndQuery}`;
  // Reads and deletes are repeated after a 429, a 5xx or a lost connection; an upload is too,
  // by its caller, since writing the same object again is harmless.
  const attempts = init.method === "POST" ? 1 : 3;
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    let failure: unknown;
    try {
      const headers = await gcs.headers();
      if (init.contentType) headers["content-type"] = init.contentType;
      // Called detached: some runtimes reject a fetch invoked as a method of another object.
      const fetch = gcs.fetch;
      response = await fetch(url, {
        method: init.method,
        headers,
        ...(init.body !== undefined && { body: init.body }),
      });
    } catch (error) {
      // No credentials (or another error of this library) will not appear on a second try.
      if (error instanceof kit.StructuredBatchError) throw error;
      failure = kit.toProviderApiError("vertex", operation, error, gcs.secrets);
    }
    if (response?.ok) return response;
    if (response) {
      const text = await response.text().catch(() => "");
      const detail = kit.redact(kit.describeGeminiError(text) || response.statusText, gcs.secrets);
      failure = new kit.ProviderApiError("vertex", operation, detail, {
        status: response.status,
        cause: { headers: response.headers },
      });
    }
    const status = response?.status;
    const transient = status === undefined || status === 429 || status >= 500;
    if (!transient || attempt >= attempts) throw failure;
    await kit.sleep(Math.min(kit.retryAfterMs(failure) ?? 250 * 2 ** (attempt - 1), 30_000));
  }
}

/**
 * A single-request media upload (`uploadType=media`, good for objects up to 5 TB): the body is
 * the buffer's chunks as a Blob, never a temporary file.
 */
export async function uploadObject(
  gcs: GcsAccess,
  location: GcsLocation,
  body: Blob,
  operation = "upload batch file",
): Promise<void> {
  const query = `uploadType=media&name=${encodeURIComponent(location.name)}`;
  const response = await gcsFetch(
    gcs,
    operation,
    `/upload/storage/v1/b/${encodeURIComponent(location.bucket)}/o?${query}`,
    { method: "POST", body, contentType: "application/jsonl" },
  );
  await response.body?.cancel();
}

/** Every object under `prefix/`, in name order (the JSON API lists lexicographically). */
export async function listObjects(
  gcs: GcsAccess,
  prefix: GcsLocation,
  operation = "list output files",
): Promise<GcsObject[]> {
  const out: GcsObject[] = [];
  let pageToken: string | undefined;
  do {
    const query = new URLSearchParams({ prefix: `${prefix.name}/` });
    if (pageToken) query.set("pageToken", pageToken);
    const response = await gcsFetch(
      gcs,
      operation,
      `/storage/v1/b/${encodeURIComponent(prefix.bucket)}/o?${query}`,
    );
    const page = (await response.json()) as {
      items?: { name?: string; size?: string | number }[];
      nextPageToken?: string;
    };
    for (const item of page.items ?? []) {
      if (typeof item.name === "string")
        out.push({ name: item.name, size: Number(item.size ?? 0) });
    }
    pageToken = page.nextPageToken || undefined;
  } while (pageToken !== undefined);
  return out;
}

/** The object's bytes as a web stream (`alt=media`): read line by line, never held whole. */
export async function openObject(
  gcs: GcsAccess,
  location: GcsLocation,
  operation: string,
): Promise<ReadableStream<Uint8Array> | null> {
  return (await gcsFetch(gcs, operation, `${objectPath(location)}?alt=media`)).body;
}

/** Deletes an object; false when it was already gone. */
export async function deleteObject(
  gcs: GcsAccess,
  location: GcsLocation,
  operation: string,
): Promise<boolean> {
  try {
    const response = await gcsFetch(gcs, operation, objectPath(location), { method: "DELETE" });
    await response.body?.cancel();
    return true;
  } catch (error) {
    if (error instanceof kit.ProviderApiError && error.status === 404) return false;
    throw error;
  }
}
