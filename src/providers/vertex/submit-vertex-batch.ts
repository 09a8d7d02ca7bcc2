import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { charCount } from "../check-metadata.js";
import { classifyCreateFailure, createBatchOnce, retryHarmless } from "../create-batch-once.js";
import { geminiDisplayName, resourceName } from "../google/submit-gemini-batch.js";
import { deleteObject, uploadObject } from "./gcs-json-api.js";
import { type GcsLocation, gcsUri } from "./gcs-uri.js";
import type { VertexCallConfig, VertexConnection } from "./load-vertex-client.js";
import { type VertexJob, vertexInputUri } from "./map-vertex-job-status.js";
import { VERTEX_DISPLAY_NAME_MAX_LENGTH } from "./vertex-limits.js";

/** Runs one call with the adapter's connection, wrapping its errors (see `VertexProvider`). */
export type VertexCall = <R>(
  operation: string,
  fn: (connection: VertexConnection, config: VertexCallConfig) => Promise<R>,
) => Promise<R>;

/**
 * The display name (Vertex requires one): `metadata.displayName`, else `metadata.description`,
 * else `structured-batch <time>`, as for Gemini; Vertex caps it at 128 characters.
 */
export function vertexDisplayName(
  metadata: Record<string, string> | undefined,
  warn: (message: string) => void,
): string {
  const name = geminiDisplayName(metadata, (m) => warn(m.replace(/^Gemini/, "Vertex")));
  if (charCount(name, VERTEX_DISPLAY_NAME_MAX_LENGTH) > VERTEX_DISPLAY_NAME_MAX_LENGTH) {
    const used = metadata?.displayName !== undefined ? "displayName" : "description";
    throw new InvalidArgumentError([
      {
        code: "metadata_value_too_long",
        path: ["metadata", used],
        message: `becomes the job's display name, which Vertex caps at ${VERTEX_DISPLAY_NAME_MAX_LENGTH} characters; this one has ${[...name].length}`,
      },
    ]);
  }
  return name;
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
  await retryHarmless(
    () => call("upload batch file", ({ gcs }) => uploadObject(gcs, input, batch.toBlob())),
    { baseDelayMs: 250 },
  );
  const startedAt = Date.now();
  try {
    const name = await createBatchOnce({
      provider: "vertex",
      create: () =>
        call("create batch", async ({ sdk }, config) =>
          resourceName(
            await sdk.batches.create({
              model,
              src: inputUri,
              config: { ...config, displayName, dest },
            }),
            "create batch",
          ),
        ),
      // The input object belongs to this submission alone, so it names the job exactly.
      findCreated: () => findJobsReading(call, inputUri, startedAt),
    });
    return { name, input };
  } catch (error) {
    // Nothing half-made left behind; after an ambiguous failure the input stays, since a job
    // may be reading it.
    if (classifyCreateFailure(error) === "fatal") {
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
