import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { type InputIssue, InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { ProviderApiError } from "../../errors/provider-api-error.js";
import { StructuredBatchError } from "../../errors/structured-batch-error.js";
import type { BatchStatus } from "../../results/types.js";
import { readEnv } from "../../util/env.js";
import { redact, redactErrorChain } from "../../util/redact.js";
import { metadataShapeIssues } from "../check-metadata.js";
import { retryHarmless } from "../create-batch-once.js";
import type {
  DeleteReport,
  ListOptions,
  ProviderClientOptions,
  ProviderOutcome,
  SubmitOptions,
} from "../types.js";
import { BEDROCK_ENV, type BedrockProviderOptions } from "./bedrock-provider-options.js";
import { bedrockOptionIssues } from "./check-bedrock-options.js";
import type { AwsSdkModule } from "./import-aws-sdks.js";
import { type BedrockClients, loadBedrockClients } from "./load-bedrock-clients.js";
import { type BedrockJob, mapBedrockJobStatus } from "./map-bedrock-job-status.js";
import { deleteJobObjects, readOutcomes } from "./read-bedrock-results.js";
import { parseS3Uri, type S3Location } from "./s3-location.js";
import { submitBedrockJob } from "./submit-bedrock-job.js";

/**
 * What the Bedrock adapter does over the network, loaded (with the AWS SDKs) the first time a
 * processor talks to Bedrock: the core stays small.
 */
export class BedrockOperations {
  readonly #options: ProviderClientOptions;
  readonly #settings: BedrockProviderOptions;
  readonly #model: string;
  readonly #minRecords: number;
  readonly #sdks: { bedrock: AwsSdkModule; s3: AwsSdkModule };
  #clients: Promise<BedrockClients> | undefined;
  #secrets: string[] = [];

  constructor(
    model: string,
    options: ProviderClientOptions,
    settings: BedrockProviderOptions,
    minRecords: number,
    sdks: { bedrock: AwsSdkModule; s3: AwsSdkModule },
  ) {
    this.#sdks = sdks;
    this.#model = model;
    this.#options = options;
    this.#settings = settings;
    this.#minRecords = minRecords;
    const issues = bedrockOptionIssues(settings);
    if (issues.length > 0) throw new InvalidArgumentError(issues);
  }

  #sdk(): Promise<BedrockClients> {
    this.#clients ??= loadBedrockClients(this.#options, this.#settings, this.#sdks).then(
      (clients) => {
        this.#secrets = clients.secrets;
        return clients;
      },
    );
    return this.#clients;
  }

  /** A read (or a stop, which may be repeated): sent again after a 429, a 5xx or a lost answer. */
  #read = <R>(operation: string, fn: () => Promise<R>): Promise<R> =>
    retryHarmless(() => this.#call(operation, fn));

  /** One SDK call; its error becomes a `ProviderApiError` naming the operation, secrets removed. */
  #call = async <R>(operation: string, fn: () => Promise<R>): Promise<R> => {
    try {
      return await fn();
    } catch (error) {
      throw this.#wrap(operation, error);
    }
  };

  #wrap(operation: string, error: unknown): Error {
    if (error instanceof StructuredBatchError) return error;
    redactErrorChain(error, this.#secrets);
    const e = error as {
      name?: unknown;
      message?: unknown;
      $metadata?: { httpStatusCode?: unknown };
    };
    // A 2xx whose body broke is no HTTP error: left without a status, it reads as unclear.
    const code = e?.$metadata?.httpStatusCode;
    const status = typeof code === "number" && code >= 400 ? code : undefined;
    const name = typeof e?.name === "string" && e.name !== "Error" ? `${e.name}: ` : "";
    const message = redact(
      `${name}${typeof e?.message === "string" ? e.message : String(error)}`,
      this.#secrets,
    );
    return new ProviderApiError("bedrock", operation, message, {
      ...(typeof status === "number" && { status }),
      cause: error,
    });
  }

  #setting(name: "roleArn" | "s3Uri", env: string): string {
    const value = this.#settings[name] ?? readEnv(env);
    if (value === undefined || value.trim() === "") {
      throw new InvalidArgumentError(
        [
          {
            code: "missing_bedrock_setting",
            path: ["bedrock", name],
            message:
              name === "roleArn"
                ? `no service role for the batch job: pass bedrock: { roleArn } or set ${env} (an IAM role Bedrock may assume to read and write the bucket)`
                : `no S3 location for the batch files: pass bedrock: { s3Uri: "s3://bucket/prefix/" } or set ${env}`,
          },
        ],
        { code: "missing_bedrock_setting" },
      );
    }
    return value;
  }

  /**
   * Uploads the records to S3 and creates the job. Everything that can be refused is refused
   * before the first request: too few records (Bedrock's minimum), metadata that cannot be
   * tags, a missing role or location.
   */
  async submit(batch: BatchBuffer, options: SubmitOptions): Promise<string> {
    const issues: InputIssue[] = [...metadataShapeIssues(options.metadata)];
    if (batch.requestCount < this.#minRecords) {
      issues.push({
        code: "too_few_records",
        path: ["batch"],
        message: `has ${batch.requestCount} records; a Bedrock batch inference job takes at least ${this.#minRecords} (quota "Minimum number of records per batch inference job"; set bedrock.quotas.minRecordsPerJob if your account's differs)`,
      });
    }
    const tags = Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value }));
    tags.forEach(({ key, value }) => {
      // Tag rules (Bedrock `Tag`): key 1 to 128 characters, value up to 256.
      if (key.length < 1 || key.length > 128 || String(value).length > 256) {
        issues.push({
          code: "invalid_metadata",
          path: ["metadata", key],
          message: "Bedrock job tags take keys of 1 to 128 characters and values of at most 256",
        });
      }
    });
    if (issues.length > 0) throw new InvalidArgumentError(issues);
    const roleArn = this.#setting("roleArn", BEDROCK_ENV.roleArn);
    const base = parseS3Uri(this.#setting("s3Uri", BEDROCK_ENV.s3Uri), ["bedrock", "s3Uri"]);
    const output: S3Location =
      this.#settings.outputS3Uri !== undefined
        ? parseS3Uri(this.#settings.outputS3Uri, ["bedrock", "outputS3Uri"])
        : { bucket: base.bucket, prefix: `${base.prefix}output/` };
    const clients = await this.#sdk();
    return submitBedrockJob(clients, {
      batch,
      modelId: this.#model,
      roleArn,
      input: { bucket: base.bucket, prefix: `${base.prefix}input/` },
      output,
      timeoutHours: this.#settings.timeoutHours,
      tags,
      logger: this.#options.logger,
      call: this.#call,
      read: this.#read,
    });
  }

  async #job(jobArn: string): Promise<BedrockJob> {
    const clients = await this.#sdk();
    return (await this.#read("retrieve batch", () =>
      clients.bedrock.send(new clients.commands.GetModelInvocationJob({ jobIdentifier: jobArn })),
    )) as BedrockJob;
  }

  async getStatus(batchId: string): Promise<BatchStatus> {
    return mapBedrockJobStatus(await this.#job(batchId));
  }

  #context() {
    return {
      sdk: () => this.#sdk(),
      job: (id: string) => this.#job(id),
      call: this.#read,
      wrap: (operation: string, error: unknown) => this.#wrap(operation, error),
      logger: this.#options.logger,
    };
  }

  /** Newest first, following `nextToken` pages of up to 1,000 jobs. */
  async list(options: ListOptions): Promise<BatchStatus[]> {
    const limit = options.limit ?? 20;
    const out: BatchStatus[] = [];
    if (limit <= 0) return out;
    const clients = await this.#sdk();
    let nextToken: string | undefined;
    do {
      const page = (await this.#read("list batches", () =>
        clients.bedrock.send(
          new clients.commands.ListModelInvocationJobs({
            maxResults: Math.min(limit - out.length, 1000),
            sortBy: "CreationTime",
            sortOrder: "Descending",
            ...(nextToken !== undefined && { nextToken }),
          }),
        ),
      )) as { invocationJobSummaries?: BedrockJob[]; nextToken?: string };
      for (const job of page.invocationJobSummaries ?? []) {
        if (out.length < limit) out.push(mapBedrockJobStatus(job));
      }
      nextToken = page.nextToken;
    } while (nextToken && out.length < limit);
    return out;
  }

  async cancel(batchId: string): Promise<BatchStatus> {
    const clients = await this.#sdk();
    await this.#read("cancel batch", () =>
      clients.bedrock.send(new clients.commands.StopModelInvocationJob({ jobIdentifier: batchId })),
    );
    return this.getStatus(batchId);
  }

  /**
   * Bedrock has no call that deletes a job: it stays in the job list. What can go is deleted:
   * the input file this library wrote and the output files Bedrock wrote for the job.
   */
  async delete(batchId: string): Promise<DeleteReport> {
    return deleteJobObjects(this.#context(), batchId);
  }

  async *readBatches(
    batchId: string,
    mapped: boolean,
  ): AsyncIterable<ProviderOutcome[] & string[]> {
    yield* readOutcomes(this.#context(), batchId, mapped);
  }
}
