import type { Command } from "commander";
import type { BatchProcessorOptions } from "../../processor/batch-processor-options.js";
import type { ProviderId } from "../../providers/types.js";
import { UsageError } from "./exit-codes.js";

/** `--vertex-project`, `--vertex-location`, `--gcs-uri`: what vertex/ models need beside credentials. */
export interface VertexFlags {
  vertexProject?: string;
  vertexLocation?: string;
  gcsUri?: string;
}

/** Adds the Vertex AI flags; each falls back to its environment variable, as the library does. */
export function addVertexOptions(command: Command): Command {
  return command
    .option(
      "--vertex-project <id>",
      "vertex/: the Google Cloud project (else GOOGLE_CLOUD_PROJECT)",
    )
    .option(
      "--vertex-location <location>",
      "vertex/: the region the jobs run in (else GOOGLE_CLOUD_LOCATION, else global)",
    )
    .option(
      "--gcs-uri <gs://bucket/prefix>",
      "vertex/: the Cloud Storage folder for batch input and output (else VERTEX_GCS_URI)",
    );
}

/** The processor's `vertex` option from the flags; the flags are refused for another provider. */
export function vertexOption(
  flags: VertexFlags,
  provider: ProviderId,
): Pick<BatchProcessorOptions, "vertex"> {
  const vertex = {
    ...(flags.vertexProject !== undefined && { project: flags.vertexProject }),
    ...(flags.vertexLocation !== undefined && { location: flags.vertexLocation }),
    ...(flags.gcsUri !== undefined && { gcsUri: flags.gcsUri }),
  };
  if (Object.keys(vertex).length === 0) return {};
  if (provider !== "vertex") {
    throw new UsageError(
      `--vertex-project, --vertex-location and --gcs-uri apply to Vertex AI models, not ${provider}`,
      "Leave them out, or use a vertex/ model",
    );
  }
  return { vertex };
}
