import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { ProviderApiError } from "../../errors/provider-api-error.js";
import type { Logger } from "../../util/logger.js";
import { metadataShapeIssues } from "../check-metadata.js";
import { classifyCreateFailure, createBatchOnce } from "../create-batch-once.js";
import type { MistralClientLike } from "./load-mistral-client.js";
import type { MistralBatchJob } from "./map-mistral-batch-status.js";
import { MISTRAL_CHAT_ENDPOINT, MISTRAL_TIMEOUT_HOURS } from "./mistral-limits.js";

/** Runs one SDK call, wrapping its errors (see `MistralProvider`). */
export type MistralCall = <R>(
  operation: string,
  fn: (client: MistralClientLike) => Promise<R>,
) => Promise<R>;

/**
 * The metadata key holding a token unique to one submission, so that a create call whose answer
 * was lost can be told apart from any other job when it is looked for (inline jobs have no input
 * file to recognise them by). It is left out of `BatchStatus.metadata`.
 */
export const SUBMISSION_KEY = "structured_batch_submission";

// The create call's own retries are off: createBatchOnce decides, after looking for the job.
const NO_RETRIES = { retries: { strategy: "none" } } as const;

export interface SubmitMistralOptions {
  call: MistralCall;
  client: MistralClientLike;
  model: string;
  batch: BatchBuffer;
  metadata: Record<string, string> | undefined;
  inline: boolean;
  logger: Logger | undefined;
}

/** Mistral metadata is string to string (SDK 2.7.0 `CreateBatchJobRequest.metadata`). */
export function checkMistralMetadata(metadata: unknown): void {
  const issues = metadataShapeIssues(metadata);
  if (issues.length === 0 && metadata && Object.hasOwn(metadata, SUBMISSION_KEY)) {
    issues.push({
      code: "reserved_metadata_key",
      path: ["metadata", SUBMISSION_KEY],
      message: "is set by structured-batch to recognise its own submissions",
    });
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
}

/**
 * Creates the job: inline (`requests`, the lines parsed back into `{ customId, body }`, which is
 * what the SDK takes) or from an uploaded JSONL file (`purpose: "batch"`, then `inputFiles`).
 * Returns the job id.
 */
export async function submitMistralBatch(options: SubmitMistralOptions): Promise<string> {
  const { call, client, model, batch, inline, logger } = options;
  const token = crypto.randomUUID();
  const metadata = { ...options.metadata, [SUBMISSION_KEY]: token };
  const source = inline
    ? { requests: inlineRequests(batch) }
    : {
        inputFiles: [
          (
            await call("upload batch file", (c) =>
              c.files.upload({
                file: new File([batch.toBlob()], "batch.jsonl", { type: "application/jsonl" }),
                purpose: "batch",
              }),
            )
          ).id,
        ],
      };
  const startedAt = Date.now();
  try {
    return await createBatchOnce({
      provider: "mistral",
      logger,
      create: () =>
        call("create batch", async (c) => {
          const job = (await c.batch.jobs.create(
            {
              ...source,
              endpoint: MISTRAL_CHAT_ENDPOINT,
              model,
              metadata,
              timeoutHours: MISTRAL_TIMEOUT_HOURS,
            },
            NO_RETRIES,
          )) as MistralBatchJob;
          if (typeof job?.id !== "string" || job.id === "") {
            throw new ProviderApiError("mistral", "create batch", "the answer has no job id", {});
          }
          return job.id;
        }),
      findCreated: () =>
        call("list batches", async (c) => {
          const page = await c.batch.jobs.list({ page: 0, pageSize: 100, orderBy: "-created" });
          return ((page.data ?? []) as MistralBatchJob[])
            .filter((job) => (job.createdAt ?? job.created_at ?? 0) * 1000 >= startedAt - 60_000)
            .filter((job) => job.metadata?.[SUBMISSION_KEY] === token)
            .map((job) => job.id);
        }),
    });
  } catch (error) {
    // Nothing half-made left behind: no job uses the uploaded file (an ambiguous failure keeps
    // it, since a job may be reading it).
    const fileId = source.inputFiles?.[0];
    if (fileId !== undefined && classifyCreateFailure(error) === "fatal") {
      await client.files.delete({ fileId }).catch(() => undefined);
    }
    throw error;
  }
}

/** The buffer's lines as the SDK's inline requests (`custom_id` -> `customId`). */
function inlineRequests(batch: BatchBuffer): { customId: string; body: Record<string, unknown> }[] {
  const out: { customId: string; body: Record<string, unknown> }[] = [];
  for (const raw of batch.lines()) {
    // A file read from disk may start with a byte-order mark or end its lines with \r\n.
    const line = (out.length === 0 ? raw.replace(/^\uFEFF/, "") : raw).replace(/\r$/, "");
    if (line.trim() === "") continue;
    const parsed = JSON.parse(line) as { custom_id: string; body: Record<string, unknown> };
    out.push({ customId: parsed.custom_id, body: parsed.body });
  }
  return out;
}
