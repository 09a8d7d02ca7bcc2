import type { BedrockProviderOptions } from "../providers/bedrock/bedrock-provider-options.js";
import type { GenerationParams } from "../providers/types.js";
import type { VertexSettings } from "../providers/vertex/vertex-provider-options.js";
import type { Logger } from "../util/logger.js";

/** Options of `new BatchProcessor(model, schema, options)`. */
export interface BatchProcessorOptions {
  /**
   * A configured official SDK client for the provider (Azure OpenAI, a proxy, custom fetch).
   * When given, `apiKey`, `baseURL` and `fetch` are not used.
   * @example new BatchProcessor("openai/gpt-4o-mini", User, { client: new OpenAI({ baseURL }) })
   */
  client?: unknown;
  /**
   * API key; defaults to the provider's environment variable (`OPENAI_API_KEY`, ...).
   * @example { apiKey: process.env.MY_OPENAI_KEY }
   */
  apiKey?: string;
  /**
   * API base URL; defaults to the provider's environment variable (`OPENAI_BASE_URL`, ...) or
   * the SDK's default. For OpenAI it includes `/v1`.
   * @example { baseURL: "http://127.0.0.1:8787/v1" }
   */
  baseURL?: string;
  /**
   * The `fetch` the SDK uses, e.g. an in-process emulator's.
   * @example { fetch: createEmulator().fetch, apiKey: "test" }
   */
  fetch?: typeof globalThis.fetch;
  /**
   * Receives what the library does (batch created, files deleted). Silent by default.
   * @example { logger: console }
   */
  logger?: Logger;
  /**
   * Name of the schema sent to the provider (`[a-zA-Z0-9_-]{1,64}`); defaults to the schema's
   * `title`, else `response`.
   * @example { schemaName: "user" }
   */
  schemaName?: string;
  /**
   * Keep each provider result line as `raw` on the results (default true). On a success read
   * from a results file the line is kept as text and parsed when `raw` is first read (an
   * accessor: `Object.keys` and spreads do not list it; `JSON.stringify` writes it).
   * @example { includeRaw: false } // no raw at all
   */
  includeRaw?: boolean;
  /**
   * Gemini settings: the API version (default `v1beta`, where batch mode lives) and the size up
   * to which a batch is sent inline (default 19,000,000 bytes; above it the JSONL is uploaded).
   * @example { google: { inlineMaxBytes: 0 } } // always upload a file
   */
  google?: { apiVersion?: string; inlineMaxBytes?: number };
  /**
   * Anthropic settings. `structuredOutput` chooses how the schema is asked for:
   * - `"tool"` (default): forced tool use, the schema as a tool's `input_schema`. It works on
   *   every Claude model whose thinking can be off, and takes any JSON Schema whose root is an
   *   object, but the API refuses extended thinking with it. Models that always think (Opus 5.5,
   *   Fable 5 and 5.1) refuse forced tool use: for them the default is `"native"`.
   * - `"native"`: `output_config.format` (JSON schema; the JSON comes back as text). Only models
   *   with structured output have it (Claude 4.5, Opus 4.1 and the 5.x models: a catalog model
   *   without it is refused), and it takes a JSON-schema subset (records, recursive and untyped
   *   schemas are refused when the processor is created; bounds and lengths are described to the
   *   model and checked on each answer). It combines with thinking (`reasoning.budgetTokens`).
   * @example { anthropic: { structuredOutput: "native" } } // then { reasoning: { budgetTokens: 2048 }, maxTokens: 8000 }
   */
  anthropic?: { structuredOutput?: "tool" | "native" };
  /**
   * OpenAI settings: the batch endpoint the requests are written for. Chat completions
   * (`/v1/chat/completions`, the default) or the Responses API (`/v1/responses`: structured
   * output through `text.format`, `max_output_tokens`, `reasoning.effort`; the only endpoint of
   * Responses-only models such as `gpt-5-pro`, `o3-pro`, `codex-mini-latest`). Results read the
   * same from either. A batch file built for one endpoint is submitted to it whichever this is.
   * @example { openai: { endpoint: "/v1/responses" } }
   */
  openai?: { endpoint?: "/v1/chat/completions" | "/v1/responses" };
  /**
   * Mistral settings: the size (bytes of JSONL) up to which a batch goes inline in the create
   * call (`requests`, default 10 MB); above it the JSONL is uploaded as a file
   * (`purpose: "batch"`). The key comes from `MISTRAL_API_KEY` or `apiKey`, the host from
   * `MISTRAL_BASE_URL` or `baseURL` (without `/v1`).
   * @example { mistral: { inlineMaxBytes: 0 } } // always upload a file
   */
  mistral?: { inlineMaxBytes?: number };
  /**
   * Azure OpenAI settings (`azure/<deployment>`): the resource `endpoint` (else `baseURL`, else
   * AZURE_OPENAI_ENDPOINT), the `apiVersion` (else OPENAI_API_VERSION, else `2024-10-21`), an
   * Entra ID `azureADTokenProvider` instead of a key (AZURE_OPENAI_API_KEY), the `model` the
   * deployment runs (for parameter rules and prices), and the upload's `fileExpirySeconds`.
   * @example { azure: { endpoint: "https://my-resource.openai.azure.com", model: "gpt-4o-mini" } }
   */
  azure?: import("../providers/azure/azure-provider-options.js").AzureProviderOptions;
  /**
   * Amazon Bedrock settings (`bedrock/<model id>`): region, the service role and the S3
   * location of the batch files (each also read from the environment: `AWS_REGION`,
   * `BEDROCK_BATCH_ROLE_ARN`, `BEDROCK_BATCH_S3_URI`), endpoints, clients and your account's
   * quotas. Credentials come from the AWS SDK's default chain unless given.
   * @example { bedrock: { region: "us-east-1", roleArn: "arn:aws:iam::123456789012:role/BedrockBatch", s3Uri: "s3://my-bucket/batches/" } }
   */
  bedrock?: BedrockProviderOptions;
  /**
   * Vertex AI settings (`vertex/<model>`): the Google Cloud project and location (default
   * `GOOGLE_CLOUD_PROJECT`, `GOOGLE_CLOUD_LOCATION` or `global`), the Cloud Storage folder for
   * the batch input and output (default `VERTEX_GCS_URI`), and credentials other than
   * Application Default Credentials (`googleAuthOptions`). For `vertex/`, `apiKey` is taken as
   * an OAuth 2.0 access token (what `gcloud auth print-access-token` prints) and `baseURL` is
   * the Vertex API's host (default `GOOGLE_VERTEX_BASE_URL` or the SDK's regional one).
   * @example { vertex: { project: "my-project", location: "us-central1", gcsUri: "gs://my-bucket/batches" } }
   */
  vertex?: VertexSettings;
  /**
   * Per-batch limits to split at, below the provider's own (defaults: the provider's limits,
   * bytes with 5% headroom). A larger batch is submitted as several provider batches under one
   * handle.
   * @example { limits: { maxRequests: 10_000 } }
   */
  limits?: { maxRequests?: number; maxBytes?: number };
  /**
   * The most a batch may cost, in USD: `submitBatch` estimates it first (see `estimateCost`:
   * input counted, every request's output at its `maxTokens`) and throws
   * `CostLimitExceededError` before anything is sent when the estimate is over, or when the
   * model has no price (give one with `price`). Streamed parts are checked one by one: the part
   * that would go over is refused, the ones before it are sent.
   * @example { maxCost: 25 } // refuse any batch that could cost more than $25
   */
  maxCost?: number;
  /**
   * Prices per million tokens, as paid for batch requests (no discount is applied), used instead
   * of the price dataset by `estimateCost`, `maxCost` and `results.summary.cost`. Needed for a
   * model the dataset does not know, or a negotiated price.
   * @example { price: { inputPerMillion: 0.125, outputPerMillion: 1 } }
   */
  price?: import("../cost/cost-types.js").ExplicitPrice;
}

/** Options of `createBatchFromMessages`. */
export interface CreateBatchOptions extends GenerationParams {
  /**
   * `null` or absent: build in memory and return a `BatchBuffer`. A path: write the JSONL there
   * atomically (Node, Bun, Deno) and return the path.
   * @example { filePath: "./batch.jsonl" }
   */
  filePath?: string | null;
  /**
   * One id per conversation, unique; defaults to `request-0`, `request-1`, ...
   * @example { customIds: ["user-17", "user-18"] }
   */
  customIds?:
    | readonly string[]
    | ((index: number, conversation: import("../messages/types.js").Conversation) => string);
  /**
   * Build the batch as parts within the provider's limits, one at a time as they are consumed
   * (for very large or streamed input); pass the result to `submitBatch`.
   * @example await processor.submitBatch(await processor.createBatchFromMessages(cursor, { stream: true }))
   */
  stream?: boolean;
}

/** Options of `waitForCompletion`. */
export interface WaitOptions {
  /**
   * Shortest time between two status checks (default 5000 ms); the wait starts there, backs
   * off while nothing moves and comes back to it when the counts move.
   * @example { pollIntervalMs: 30_000 }
   */
  pollIntervalMs?: number;
  /**
   * Longest time between two status checks (default 60 s, or `pollIntervalMs` if larger).
   * @example { maxPollIntervalMs: 300_000 }
   */
  maxPollIntervalMs?: number;
  /**
   * How much the interval grows after each check without movement (default 1.5).
   * @example { backoffFactor: 2 }
   */
  backoffFactor?: number;
  /**
   * Give up waiting after this long (the batch keeps running): throws `WaitTimeoutError`.
   * @example { timeoutMs: 3_600_000 }
   */
  timeoutMs?: number;
  /**
   * Stops waiting when aborted (the batch keeps running).
   * @example { signal: AbortSignal.timeout(60_000) }
   */
  signal?: AbortSignal;
  /**
   * Warn through the logger when the counts have not moved for this long (default 30 min).
   * @example { stallWarningMs: 6 * 3_600_000 }
   */
  stallWarningMs?: number;
  /**
   * Called with each status read, plus `elapsedMs` and `stalledForMs`.
   * @example { onProgress: (p) => console.log(p.status, p.requestCounts, p.elapsedMs) }
   */
  onProgress?: (progress: import("./wait-for-batch.js").WaitProgress) => void;
}
