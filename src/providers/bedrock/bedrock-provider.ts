import type { BatchBuffer } from "../../batch/batch-buffer.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { UnsupportedSchemaError } from "../../errors/unsupported-schema-error.js";
import { findModel } from "../../models/find-model.js";
import type { BatchStatus } from "../../results/types.js";
import type { ResolvedSchema } from "../../schema/types.js";
import { readEnv } from "../../util/env.js";
import { prepareAnthropicSchema } from "../anthropic/prepare-anthropic-schema.js";
import type {
  BatchProviderAdapter,
  DeleteReport,
  GenerationParams,
  ListOptions,
  PreparedOutputSchema,
  ProviderClientOptions,
  ProviderOutcome,
  SubmitOptions,
} from "../types.js";
import { BEDROCK_DEFAULT_QUOTAS, bedrockLimits } from "./bedrock-limits.js";
import { claudeModelOf } from "./bedrock-model-id.js";
import type { BedrockOperations } from "./bedrock-operations.js";
import { BEDROCK_ENV, type BedrockProviderOptions } from "./bedrock-provider-options.js";
import { buildBedrockLineEncoder } from "./build-bedrock-line-encoder.js";
import { importAwsSdks } from "./import-aws-sdks.js";
import { mapBedrockResultLine } from "./map-bedrock-result-line.js";

function minRecordsFromEnv(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError([
      {
        code: "invalid_limits",
        path: ["env", BEDROCK_ENV.minRecordsPerJob],
        message: `must be a whole number >= 1, got ${JSON.stringify(value)}`,
      },
    ]);
  }
  return n;
}

class BedrockProvider implements BatchProviderAdapter {
  readonly id = "bedrock" as const;
  readonly model: string;
  readonly limits;
  readonly #options: ProviderClientOptions;
  readonly #settings: BedrockProviderOptions;
  readonly #minRecords: number;
  readonly #claude: string | undefined;
  #ops: Promise<BedrockOperations> | undefined;

  constructor(model: string, options: ProviderClientOptions, settings: BedrockProviderOptions) {
    if (options.apiKey !== undefined) {
      // Never quoted: it is a secret.
      throw new InvalidArgumentError([
        {
          code: "unsupported_option",
          path: ["apiKey"],
          message:
            "Bedrock batch jobs and their S3 files are signed with AWS credentials, not an API key: leave apiKey out and use the default AWS chain (AWS_ACCESS_KEY_ID, AWS_PROFILE, ...) or bedrock: { credentials }",
        },
      ]);
    }
    this.model = model;
    this.#options = options;
    this.#settings = settings;
    const envMin = readEnv(BEDROCK_ENV.minRecordsPerJob);
    const quotas = {
      ...BEDROCK_DEFAULT_QUOTAS,
      ...(envMin !== undefined && { minRecordsPerJob: minRecordsFromEnv(envMin) }),
      ...settings.quotas,
    };
    this.#minRecords = quotas.minRecordsPerJob;
    this.limits = bedrockLimits(quotas);
    this.#claude = claudeModelOf(model);
  }

  prepareSchema<T>(schema: ResolvedSchema<T>): PreparedOutputSchema<T> {
    const caps = findModel("bedrock", this.model);
    if (caps?.forcedToolUse === false) {
      throw new UnsupportedSchemaError(
        `${this.model} (${caps.family}) refuses forced tool use, the structured output this library sends to Claude on Bedrock`,
        "#",
      );
    }
    return prepareAnthropicSchema(schema);
  }

  createLineEncoder(
    output: PreparedOutputSchema<unknown>,
    params: GenerationParams,
    warn: (message: string) => void,
  ) {
    // Checked when requests are built, not when the processor is made: status, results and
    // list work for a job of any model.
    if (this.#claude === undefined) {
      throw new InvalidArgumentError(
        [
          {
            code: "unsupported_model",
            path: ["model"],
            message: `bedrock/${this.model} is not a Claude model id: this library writes Claude (Anthropic Messages) request bodies for Bedrock, e.g. bedrock/anthropic.claude-haiku-4-5-20251001-v1:0 or bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0`,
          },
        ],
        { code: "unsupported_model" },
      );
    }
    return buildBedrockLineEncoder(this.#claude, output, params, warn);
  }

  #operations(): Promise<BedrockOperations> {
    this.#ops ??= Promise.all([import("./bedrock-operations.js"), importAwsSdks()]).then(
      ([m, sdks]) =>
        new m.BedrockOperations(this.model, this.#options, this.#settings, this.#minRecords, sdks),
    );
    return this.#ops;
  }

  /**
   * Uploads the records to S3 and creates the job. Everything that can be refused is refused
   * before the first request: too few records (Bedrock's minimum), metadata that cannot be
   * tags, a missing role or location.
   */
  async submit(batch: BatchBuffer, options: SubmitOptions): Promise<string> {
    return (await this.#operations()).submit(batch, options);
  }

  async getStatus(batchId: string): Promise<BatchStatus> {
    return (await this.#operations()).getStatus(batchId);
  }

  async *readResultBatches(batchId: string): AsyncIterable<ProviderOutcome[]> {
    yield* (await this.#operations()).readBatches(batchId, true);
  }

  async *readRawLineBatches(batchId: string): AsyncIterable<string[]> {
    yield* (await this.#operations()).readBatches(batchId, false);
  }

  parseResultLine(line: string, lineNumber: number): ProviderOutcome {
    return mapBedrockResultLine(line, lineNumber);
  }

  async list(options: ListOptions): Promise<BatchStatus[]> {
    return (await this.#operations()).list(options);
  }

  async cancel(batchId: string): Promise<BatchStatus> {
    return (await this.#operations()).cancel(batchId);
  }

  /** Bedrock keeps every job: only its S3 files are deleted (see `deleteJobObjects`). */
  async delete(batchId: string): Promise<DeleteReport> {
    return (await this.#operations()).delete(batchId);
  }
}

/**
 * The Amazon Bedrock batch inference adapter (`bedrock/<model id>`): Claude model ids and
 * inference profiles, records written to S3 from memory, jobs through the AWS SDK v3.
 */
export function createBedrockProvider(
  model: string,
  options: ProviderClientOptions = {},
  settings: BedrockProviderOptions = {},
): BatchProviderAdapter {
  return new BedrockProvider(model, options, settings);
}
