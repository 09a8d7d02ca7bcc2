import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { bufferChunks, streamOfParts } from "../../batch/buffer-chunks.js";
import type { Logger } from "../../util/logger.js";
import { createBatchOnce } from "../create-batch-once.js";
import type { BedrockClients } from "./load-bedrock-clients.js";
import type { BedrockJob } from "./map-bedrock-job-status.js";
import { type S3Location, s3UriOf } from "./s3-location.js";

export interface SubmitJobInput {
  batch: BatchBuffer;
  modelId: string;
  roleArn: string;
  input: S3Location;
  output: S3Location;
  timeoutHours: number | undefined;
  tags: { key: string; value: string }[];
  logger: Logger | undefined;
  /** Runs one SDK call, turning its errors into `ProviderApiError`s naming the operation. */
  call: <R>(operation: string, fn: () => Promise<R>) => Promise<R>;
  /** The same, sent again after a 429, a 5xx or a lost answer (for calls safe to repeat). */
  read: <R>(operation: string, fn: () => Promise<R>) => Promise<R>;
}

/** Prefix of the job names (and input files) this library makes: see `deleteBatch`. */
export const JOB_NAME_PREFIX = "structured-batch-";

/**
 * A job name within CreateModelInvocationJob's rule (1 to 63 characters,
 * `[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\+\-\.]){0,63}`), unique enough to find the job by it.
 */
function jobName(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:TZ.]/g, "")
    .slice(0, 14);
  const random = Math.random().toString(36).slice(2, 10).padEnd(8, "0");
  return `${JOB_NAME_PREFIX}${stamp}-${random}`;
}

/** Joins the chunks once, for an S3 client of the caller's whose checksums need the bytes. */
function joined(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Writes the batch to S3 straight from the buffer (PutObject, no temporary file) and creates
 * the job (CreateModelInvocationJob). The create call carries a `clientRequestToken`, so a
 * repeat is answered with the same job, and after an unclear failure the job is also looked
 * for by its unique name before anything is sent again.
 */
export async function submitBedrockJob(
  clients: BedrockClients,
  input: SubmitJobInput,
): Promise<string> {
  const { batch, call } = input;
  const name = jobName(new Date());
  const key = `${input.input.prefix}${name}.jsonl`;
  const chunks = await bufferChunks(batch);
  // The SDK does not resend a streamed body; a rewrite of the same key is harmless, so the
  // upload is sent again here, a fresh stream each time.
  await input.read("upload batch file", () =>
    clients.s3.send(
      new clients.commands.PutObject({
        Bucket: input.input.bucket,
        Key: key,
        // A client built here sends the chunks as they are; another gets them joined once.
        Body: clients.ownS3 ? streamOfParts(chunks) : joined(chunks, batch.size),
        ContentLength: batch.size,
        ContentType: "application/jsonl",
      }),
    ),
  );
  input.logger?.info?.("bedrock batch input uploaded", {
    uri: s3UriOf(input.input, `${name}.jsonl`),
    bytes: batch.size,
    records: batch.requestCount,
  });
  const token = name.replace(/[^a-zA-Z0-9]/g, "");
  const jobArn = await createBatchOnce({
    provider: "bedrock",
    logger: input.logger,
    create: async () => {
      const created = (await call("create batch", () =>
        clients.bedrock.send(
          new clients.commands.CreateModelInvocationJob({
            jobName: name,
            modelId: input.modelId,
            roleArn: input.roleArn,
            clientRequestToken: token,
            inputDataConfig: {
              s3InputDataConfig: {
                s3Uri: s3UriOf(input.input, `${name}.jsonl`),
                s3InputFormat: "JSONL",
              },
            },
            outputDataConfig: { s3OutputDataConfig: { s3Uri: s3UriOf(input.output) } },
            ...(input.timeoutHours !== undefined && { timeoutDurationInHours: input.timeoutHours }),
            ...(input.tags.length > 0 && { tags: input.tags }),
          }),
        ),
      )) as { jobArn?: string };
      return created.jobArn ?? "";
    },
    findCreated: async () => {
      const found = (await input.read("list batches", () =>
        clients.bedrock.send(
          new clients.commands.ListModelInvocationJobs({ nameContains: name, maxResults: 10 }),
        ),
      )) as { invocationJobSummaries?: BedrockJob[] };
      return (found.invocationJobSummaries ?? [])
        .filter((job) => job.jobName === name && job.jobArn)
        .map((job) => job.jobArn!);
    },
  });
  input.logger?.info?.("bedrock batch created", { batchId: jobArn, records: batch.requestCount });
  return jobArn;
}
