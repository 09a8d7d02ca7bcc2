import type { NumberedLine } from "../../batch/read-lines.js";
import { readLineBatches } from "../../batch/read-lines.js";
import { readLineBatchesResumable } from "../../batch/read-lines-resumable.js";
import type { ProviderOutcome } from "../types.js";
import { jobIdOf } from "./bedrock-limits.js";
import type { BedrockClients } from "./load-bedrock-clients.js";
import type { BedrockJob } from "./map-bedrock-job-status.js";
import { parseS3Uri, type S3Location } from "./s3-location.js";

/** The S3 objects of a job: its input file and what Bedrock writes for it. */
export interface JobObjects {
  input: S3Location & { key: string };
  /** `<output prefix>/<job id>/<input file name>.out` */
  output: { bucket: string; key: string };
  /** `<output prefix>/<job id>/manifest.json.out` */
  manifest: { bucket: string; key: string };
}

/**
 * Where a job's files are. The output layout is Bedrock's: "Amazon Bedrock generates an output
 * JSONL file for each input JSONL file" and "a manifest.json.out file"
 * (docs.aws.amazon.com/bedrock/latest/userguide/batch-inference-results.html), written under
 * the output prefix in a folder named after the job id, the output file named after the input
 * file plus `.out` (as observed by users: BerriAI/litellm#16186, PR #26834).
 */
export function jobObjects(job: BedrockJob): JobObjects | undefined {
  const inputUri = job.inputDataConfig?.s3InputDataConfig?.s3Uri;
  const outputUri = job.outputDataConfig?.s3OutputDataConfig?.s3Uri;
  if (!inputUri || !outputUri || !job.jobArn) return undefined;
  const input = parseS3Uri(inputUri, ["inputDataConfig"]);
  const key = input.prefix.replace(/\/$/, "");
  const fileName = key.slice(key.lastIndexOf("/") + 1);
  const output = parseS3Uri(outputUri, ["outputDataConfig"]);
  const folder = `${output.prefix}${jobIdOf(job.jobArn)}/`;
  return {
    input: { ...input, key },
    output: { bucket: output.bucket, key: `${folder}${fileName}.out` },
    manifest: { bucket: output.bucket, key: `${folder}manifest.json.out` },
  };
}

function isMissingObject(error: unknown): boolean {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } } | null;
  return e?.name === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404;
}

type Call = <R>(operation: string, fn: () => Promise<R>) => Promise<R>;

/** A GetObject body as a web stream, or null when the object does not exist and may not. */
async function openObject(
  clients: BedrockClients,
  call: Call,
  location: { bucket: string; key: string },
  missingIsEmpty: boolean,
): Promise<ReadableStream<Uint8Array> | null> {
  const object = (await call(`download ${location.key}`, async () => {
    try {
      return await clients.s3.send(
        new clients.commands.GetObject({ Bucket: location.bucket, Key: location.key }),
      );
    } catch (error) {
      if (missingIsEmpty && isMissingObject(error)) return undefined;
      throw error;
    }
  })) as { Body?: { transformToWebStream(): ReadableStream<Uint8Array> } } | undefined;
  return object?.Body?.transformToWebStream() ?? null;
}

/**
 * The output file's lines, streamed from S3 (downloaded again from where it broke, should the
 * connection drop). A stopped or expired job may have written no output at all: that is an
 * empty file, not an error.
 */
export function outputLines(
  clients: BedrockClients,
  call: Call,
  objects: JobObjects,
  mayBeMissing: boolean,
  onRetry: (error: unknown, delivered: number) => void,
): AsyncIterable<NumberedLine[]> {
  return readLineBatchesResumable(() => openObject(clients, call, objects.output, mayBeMissing), {
    onRetry,
  });
}

/**
 * Outcomes for the records of the input file that the output left out: Bedrock writes only the
 * records it processed, so those of a stopped job were cancelled and those of an expired job
 * expired. One pass over the input file, streamed; `seen` holds the ids the output had.
 */
export async function* unprocessedRecords(
  clients: BedrockClients,
  call: Call,
  objects: JobObjects,
  seen: ReadonlySet<string>,
  kind: "cancelled" | "expired",
): AsyncIterable<ProviderOutcome[]> {
  const body = await openObject(clients, call, objects.input, true);
  if (!body) return;
  const message =
    kind === "cancelled"
      ? "The job was stopped before this record was processed."
      : "The job timed out before this record was processed.";
  for await (const batch of readLineBatches(body)) {
    const out: ProviderOutcome[] = [];
    for (const { line } of batch) {
      let recordId: unknown;
      try {
        recordId = (JSON.parse(line) as { recordId?: unknown }).recordId;
      } catch {
        continue;
      }
      if (typeof recordId !== "string" || seen.has(recordId)) continue;
      out.push({
        kind: "error",
        customId: recordId,
        errorType: kind,
        errorMessage: message,
        raw: null,
      });
    }
    if (out.length > 0) yield out;
  }
}
