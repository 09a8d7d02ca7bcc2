import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { deleteObject, uploadObject } from "./gcs-json-api.js";
import { type GcsLocation, gcsUri } from "./gcs-uri.js";

import type { VertexCallConfig, VertexConnection } from "./load-vertex-client.js";
import { type VertexJob, vertexInputUri } from "./map-vertex-job-status.js";
import { kit } from "./vertex-kit.js";

/** Runs one call with the adapter's connection, wrapping its errors (see `VertexProvider`). */
export type VertexCall = <R>(
  operation: string,
  fn: (connection: VertexConnection, config: VertexCallConfig) => Promise<R>,
) => Promise<R>;

/**
 * The display name (Vertex requires one): `metadata.displayName`, else `metadata.description`,
 * else `structured-batch <time>`, as for Gemini; Vertex caps it at 128 characters. Other keys
 * are ignored, and `warn` says which.
 */
export function vertexDisplayName(
  metadata: Record<string, string> | undefined,
  warn: (message: string) => void,
): string {
  const shape = kit.metadataShapeIssues(metadata);
  if (shape.length > 0) throw new kit.InvalidArgumentError(shape);
  const used = ["displayName", "description"].find((k) => metadata?.[k] !== undefined);
  const name = used === undefined ? undefined : metadata?.[used];
  const max = kit.VERTEX_DISPLAY_NAME_MAX_LENGTH;
  if (
    used !== undefined &&
    (typeof name !== "string" || name.trim() === "" || kit.charCount(name, max) > max)
  ) {
    throw new kit.InvalidArgumentError([
      {
        code:
          typeof name === "string" && name.trim() !== ""
            ? "metadata_value_too_long"
            : "invalid_metadata_value",
        path: ["metadata", used],
        message: `becomes the job's display name: a non-empty string of at most ${max} characters (Vertex's cap)`,
      },
    ]);
  }
  const ignored = Object.keys(metadata ?? {}).filter((k) => k !== used);
  if (ignored.length > 0) {
    warn(
      `Vertex batch prediction jobs keep only a display name; metadata ignored: ${ignored.join(", ")}`,
    );
  }
  return name ?? `structured-batch ${new Date().toISOString()}`;
}

/** The `name` of the job the API created. */
function resourceName(created: { name?: string } | undefined): string {
  if (typeof created?.name === "string" && created.name !== "") return created.name;
  throw new kit.ProviderApiError("vertex", "create batch", "the answer has no job name", {});
}

/** A folder of its own for each submission: `<prefix>/structured-batch/<time>-<random>`. */
export function runFolder(base: GcsLocation): GcsLocation {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  const prefix = base.name === "" ? "" : `${base.name}/`;
  return { bucket: base.bucket, name: `${prefix}structured-batch/${stamp}-${random}` };
}

/**
 * Writes the buffer to Cloud Storage as the job's input (straight from memory), then creates the
 * batch prediction job reading it and writing under `output/` beside it; returns the job name.
 */
export async function submitVertexBatch(
  call: VertexCall,
  model: string,
  batch: BatchBuffer,
  displayName: string,
  base: GcsLocation,
): Promise<{ name: string; input: GcsLocation }> {
  const folder = runFolder(base);
  const input: GcsLocation = { bucket: folder.bucket, name: `${folder.name}/input.jsonl` };
  const inputUri = gcsUri(input);
  const dest = `${gcsUri(folder)}/output/`;
  // Writing the same object again is harmless: retried after a 429, a 5xx or a lost connection.
  await kit.retryHarmless(
    () => call("upload batch file", ({ gcs }) => uploadObject(gcs, input, batch.toBlob())),
    { baseDelayMs: 250 },
  );
  const startedAt = Date.now();
  try {
    const name = await kit.createBatchOnce({
      provider: "vertex",
      create: () =>
        call("create batch", async ({ sdk }, config) =>
          resourceName(
            await sdk.batches.create({
              model,
              src: inputUri,
              config: { ...config, displayName, dest },
            }),
          ),
        ),
      // The input object belongs to this submission alone, so it names the job exactly.
      findCreated: () => findJobsReading(call, inputUri, startedAt),
    });
    return { name, input };
  } catch (error) {
    // Nothing half-made left behind; after an ambiguous failure the input stays, since a job
    // may be reading it.
    if (kit.classifyCreateFailure(error) === "fatal") {
      await call("delete batch file", ({ gcs }) =>
        deleteObject(gcs, input, "delete batch file"),
      ).catch(() => undefined);
    }
    throw error;
  }
}

/** Jobs created since `startedAt` (less a minute of clock skew) that read `inputUri`. */
async function findJobsReading(
  call: VertexCall,
  inputUri: string,
  startedAt: number,
): Promise<string[]> {
  return call("list batches", async ({ sdk }, config) => {
    const found: string[] = [];
    let seen = 0;
    for await (const job of await sdk.batches.list({ config: { ...config, pageSize: 100 } })) {
      const j = job as VertexJob;
      if (Date.parse(j.createTime ?? "") < startedAt - 60_000) continue;
      if (vertexInputUri(j) === inputUri && j.name) found.push(j.name);
      // Newest first: a page or two covers every job made since the call.
      if (++seen >= 200) break;
    }
    return found;
  });
}
