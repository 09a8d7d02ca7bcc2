/** AWS credentials as the SDK takes them; never printed. */
export interface BedrockCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * Amazon Bedrock settings of a processor (`BatchProcessorOptions.bedrock`). Credentials come
 * from the AWS SDK's default provider chain (environment, shared config/SSO profile, container
 * or instance role) unless given here.
 */
export interface BedrockProviderOptions {
  /**
   * The AWS region of the jobs and the bucket. Default: `AWS_REGION`, then `AWS_DEFAULT_REGION`.
   * @example { region: "us-east-1" }
   */
  region?: string;
  /**
   * The service role Bedrock assumes to read the input from S3 and write the output
   * (CreateModelInvocationJob `roleArn`). Default: `BEDROCK_BATCH_ROLE_ARN`.
   * @example { roleArn: "arn:aws:iam::123456789012:role/BedrockBatch" }
   */
  roleArn?: string;
  /**
   * Where batches go: `s3://bucket/prefix/`. Each batch's input is written under
   * `<prefix>/input/` and Bedrock writes its output under `<prefix>/output/<job id>/`.
   * Default: `BEDROCK_BATCH_S3_URI`.
   * @example { s3Uri: "s3://my-bucket/structured-batch/" }
   */
  s3Uri?: string;
  /**
   * Where Bedrock writes the output, when not under `s3Uri` (e.g. another bucket).
   * Default: `<s3Uri>output/`.
   * @example { outputS3Uri: "s3://my-results/bedrock/" }
   */
  outputS3Uri?: string;
  /**
   * Credentials to use instead of the default chain.
   * @example { credentials: { accessKeyId: "AKIA...", secretAccessKey: "..." } }
   */
  credentials?: BedrockCredentials;
  /**
   * The Bedrock control-plane endpoint, for an emulator or a VPC endpoint. Default: the SDK's
   * (`AWS_ENDPOINT_URL_BEDROCK` is read by the SDK itself).
   * @example { endpoint: "http://127.0.0.1:8080/bedrock" }
   */
  endpoint?: string;
  /**
   * The S3 endpoint, addressed path-style (`<endpoint>/<bucket>/<key>`). Default: the SDK's
   * (`AWS_ENDPOINT_URL_S3`).
   * @example { s3Endpoint: "http://127.0.0.1:8080/s3" }
   */
  s3Endpoint?: string;
  /**
   * A configured `BedrockClient` / `S3Client` of `@aws-sdk/client-bedrock` /
   * `@aws-sdk/client-s3` (proxies, custom credentials); the other is built from these settings.
   * @example { bedrockClient: new BedrockClient({ region: "eu-west-1" }) }
   */
  bedrockClient?: unknown;
  /** @example { s3Client: new S3Client({ region: "eu-west-1" }) } */
  s3Client?: unknown;
  /**
   * Hours after which Bedrock stops an unfinished job (`timeoutDurationInHours`, 24 to 168).
   * Default: Bedrock's (168).
   * @example { timeoutHours: 24 }
   */
  timeoutHours?: number;
  /**
   * Your account's values of the batch inference Service Quotas, when raised from the defaults
   * (100 records minimum, 50,000 records and 1 GB per job): a batch below the minimum is refused
   * before anything is sent, one above a maximum is split into several jobs. The minimum is
   * also read from `BEDROCK_BATCH_MIN_RECORDS_PER_JOB`.
   * @example { quotas: { maxRecordsPerJob: 100_000, minRecordsPerJob: 100 } }
   */
  quotas?: { minRecordsPerJob?: number; maxRecordsPerJob?: number; maxInputFileBytes?: number };
}

/** Environment variables the settings are read from when not given. */
export const BEDROCK_ENV = {
  roleArn: "BEDROCK_BATCH_ROLE_ARN",
  s3Uri: "BEDROCK_BATCH_S3_URI",
  region: ["AWS_REGION", "AWS_DEFAULT_REGION"],
  /** An origin serving Bedrock at `/bedrock` and S3 at `/s3` (the emulator): like `baseURL`. */
  baseURL: "BEDROCK_BATCH_BASE_URL",
  /** `quotas.minRecordsPerJob`, for the CLI and the environment of a deployed function. */
  minRecordsPerJob: "BEDROCK_BATCH_MIN_RECORDS_PER_JOB",
} as const;

export const BEDROCK_OPTION_KEYS = new Set([
  "region",
  "roleArn",
  "s3Uri",
  "outputS3Uri",
  "credentials",
  "endpoint",
  "s3Endpoint",
  "bedrockClient",
  "s3Client",
  "timeoutHours",
  "quotas",
]);
