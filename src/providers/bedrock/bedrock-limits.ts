import type { ProviderLimits } from "../types.js";

/**
 * Amazon Bedrock batch inference quotas (defaults; each is a Service Quota an account may have
 * raised, so each can be set in `bedrock.quotas`). Sources: "Format and upload your batch
 * inference data" (docs.aws.amazon.com/bedrock/latest/userguide/batch-inference-data.html)
 * names the quotas: "Minimum number of records per batch inference job", "Records per input
 * file per batch inference job", "Records per batch inference job", "Batch inference input file
 * size", "Batch inference job size"; their default values are in the Amazon Bedrock quotas
 * table (docs.aws.amazon.com/general/latest/gr/bedrock.html#limits_bedrock): 100 records
 * minimum and 50,000 records per file and per job for most models, 1 GB per input file (not
 * adjustable) and 5 GB per job. This library writes one input file per job, so the file caps
 * are the job's.
 */
export const BEDROCK_DEFAULT_QUOTAS = {
  minRecordsPerJob: 100,
  maxRecordsPerJob: 50_000,
  /** "GB" read as the smaller, decimal gigabyte. */
  maxInputFileBytes: 1_000_000_000,
} as const;

/**
 * The docs give `recordId` no rule beyond "alphanumeric string" in their examples
 * (batch-inference-data.html); ids are kept to the safe subset that every Bedrock example and
 * the other providers accept: 1 to 64 letters, digits, "_" or "-".
 */
export const BEDROCK_RECORD_ID_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

export function bedrockLimits(quotas: {
  maxRecordsPerJob: number;
  maxInputFileBytes: number;
}): ProviderLimits {
  return {
    maxRequests: quotas.maxRecordsPerJob,
    maxBytes: quotas.maxInputFileBytes,
    customIdMaxLength: 64,
    customIdPattern: BEDROCK_RECORD_ID_PATTERN,
    customIdRule: '1 to 64 letters, digits, "_" or "-" (^[a-zA-Z0-9_-]{1,64}$)',
  };
}

/**
 * A job is named by its ARN (what CreateModelInvocationJob returns) or its 12-character id,
 * the forms GetModelInvocationJob's `jobIdentifier` takes (API reference pattern
 * `((arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-invocation-job/)?[a-z0-9]{12})`).
 */
export const BEDROCK_JOB_ID_PATTERN =
  /^(?:arn:aws(?:-[^:/]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-invocation-job\/)?[a-z0-9]{12}$/;

/** The job id: the last segment of the ARN. */
export function jobIdOf(jobArn: string): string {
  return jobArn.slice(jobArn.lastIndexOf("/") + 1);
}

/** Default of `timeoutDurationInHours` (API reference: 24 to 168, default 168). */
export const BEDROCK_TIMEOUT_HOURS = { min: 24, max: 168 } as const;
