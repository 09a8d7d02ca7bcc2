import { BatchFailedError } from "../../errors/batch-failed-error.js";
import { BatchNotFinishedError } from "../../errors/batch-not-finished-error.js";
import { StructuredBatchError } from "../../errors/structured-batch-error.js";
import { isTerminalStatus } from "../../results/types.js";
import type { Logger } from "../../util/logger.js";
import { redact } from "../../util/redact.js";
import type { DeleteReport, ProviderOutcome } from "../types.js";
import type { BedrockClients } from "./load-bedrock-clients.js";
import { type BedrockJob, mapBedrockJobStatus } from "./map-bedrock-job-status.js";
import { mapBedrockResultLine } from "./map-bedrock-result-line.js";
import { jobObjects, outputLines, unprocessedRecords } from "./read-bedrock-output.js";
import { JOB_NAME_PREFIX } from "./submit-bedrock-job.js";

/** What the reading and deleting code needs of the adapter. */
export interface BedrockContext {
  sdk(): Promise<BedrockClients>;
  job(id: string): Promise<BedrockJob>;
  call<R>(operation: string, fn: () => Promise<R>): Promise<R>;
  wrap(operation: string, error: unknown): Error;
  logger: Logger | undefined;
}

/** The job, once it has ended with output to read; throws a typed error otherwise. */
async function endedJob(ctx: BedrockContext, jobArn: string) {
  const job = await ctx.job(jobArn);
  const status = mapBedrockJobStatus(job);
  if (!isTerminalStatus(status.status)) {
    throw new BatchNotFinishedError(jobArn, status.status, status.rawStatus);
  }
  if (status.status === "failed") throw new BatchFailedError(jobArn, status.errors);
  const objects = jobObjects(job);
  if (!objects) {
    throw new StructuredBatchError(
      "batch_without_output",
      `Job ${jobArn} has no S3 input or output location to read results from.`,
    );
  }
  return { status, objects };
}

/**
 * Streams the job's output file from S3, mapped (`mapped`) or as raw lines. After a stopped or
 * expired job, the records the output lacks are read from the input file and reported as
 * cancelled or expired (mapped outcomes only: raw lines are what Bedrock wrote).
 */
export async function* readOutcomes(
  ctx: BedrockContext,
  jobArn: string,
  mapped: boolean,
): AsyncGenerator<ProviderOutcome[] & string[]> {
  const { status, objects } = await endedJob(ctx, jobArn);
  const clients = await ctx.sdk();
  const unfinished = status.status === "cancelled" || status.status === "expired";
  const seen = new Set<string>();
  try {
    const lines = outputLines(clients, ctx.call, objects, unfinished, (error, delivered) =>
      ctx.logger?.warn?.("bedrock results download broke; downloading again", {
        batchId: jobArn,
        linesDelivered: delivered,
        error: redact(String((error as Error)?.message)),
      }),
    );
    for await (const batch of lines) {
      if (!mapped) {
        yield batch.map(({ line }) => line) as never;
        continue;
      }
      const outcomes = batch.map(({ line, lineNumber }) => mapBedrockResultLine(line, lineNumber));
      if (unfinished) for (const o of outcomes) seen.add(o.customId);
      yield outcomes as never;
    }
    if (mapped && unfinished) {
      const kind = status.status as "cancelled" | "expired";
      for await (const batch of unprocessedRecords(clients, ctx.call, objects, seen, kind)) {
        yield batch as never;
      }
    }
  } catch (error) {
    throw ctx.wrap(`download results of ${jobArn}`, error);
  }
}

function isMissing(error: unknown): boolean {
  const cause = (error as { cause?: { name?: unknown } })?.cause;
  return (error as { status?: unknown })?.status === 404 || cause?.name === "NoSuchKey";
}

/**
 * Bedrock keeps every job (there is no DeleteModelInvocationJob): this deletes the S3 objects
 * of an ended job, the output and manifest Bedrock wrote and the input file when this library
 * wrote it (a job named `structured-batch-...`), and says the job itself stays.
 */
export async function deleteJobObjects(ctx: BedrockContext, jobArn: string): Promise<DeleteReport> {
  const job = await ctx.job(jobArn);
  const status = mapBedrockJobStatus(job);
  if (!isTerminalStatus(status.status)) {
    throw new StructuredBatchError(
      "batch_running",
      `Batch ${jobArn} is still running (status "${status.rawStatus}"): cancel it and wait until it has ended before deleting it.`,
    );
  }
  const objects = jobObjects(job);
  const clients = await ctx.sdk();
  const targets = objects ? [objects.output, objects.manifest] : [];
  if (objects && job.jobName?.startsWith(JOB_NAME_PREFIX)) targets.push(objects.input);
  const deletedFiles: string[] = [];
  for (const target of targets) {
    const uri = `s3://${target.bucket}/${target.key}`;
    try {
      await ctx.call(`delete ${uri}`, () =>
        clients.s3.send(
          new clients.commands.DeleteObject({ Bucket: target.bucket, Key: target.key }),
        ),
      );
      deletedFiles.push(uri);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
  ctx.logger?.info?.("bedrock batch files deleted; the job itself stays", {
    batchId: jobArn,
    files: deletedFiles.length,
  });
  return {
    id: jobArn,
    batchDeleted: false,
    deletedFiles,
    note: "Bedrock has no call to delete a batch inference job: the job stays listed; its S3 input and output files were deleted.",
  };
}
