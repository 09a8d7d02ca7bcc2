import Anthropic from "@anthropic-ai/sdk";
import { BedrockClient } from "@aws-sdk/client-bedrock";
import { S3Client } from "@aws-sdk/client-s3";
import { GoogleGenAI } from "@google/genai";
import { Mistral } from "@mistralai/mistralai";
import { OAuth2Client } from "google-auth-library";
import OpenAI, { AzureOpenAI } from "openai";
import type { FaultMatch } from "../../src/emulator/index.js";
import type { BatchProcessorOptions, ProviderId } from "../../src/index.js";

/** How the conformance suite reaches each adapter on the emulator. */
export interface ConformanceProvider {
  id: ProviderId;
  /** Name in test titles: the provider, and the endpoint when it has several. */
  name: string;
  /** The batch endpoint the configuration sends to, where the provider has several. */
  endpoint?: string;
  model: string;
  options(serverUrl: string): BatchProcessorOptions;
  /** Whether deleting removes the batch object itself (OpenAI can only delete its files). */
  deletesBatchObject: boolean;
  /** Files `deleteBatch` removes per batch when it cannot delete the batch itself (default 2). */
  deletedFilesPerBatch?: number;
  /** Whether the provider has a status before processing starts (Anthropic starts in_progress). */
  hasPendingPhase: boolean;
  /**
   * The HTTP calls that send the requests, create the batch and download its results, and the
   * status read (default: a GET of `.../batches/<id>`).
   */
  calls: { upload: FaultMatch; create: FaultMatch; download: FaultMatch; poll?: FaultMatch };
  /** Options that send the batch the way `calls` describes (Gemini: as a file). */
  fileOptions?: BatchProcessorOptions;
  /** Options every processor of this configuration gets (OpenAI: the Responses endpoint). */
  endpointOptions?: BatchProcessorOptions;
  /** A client of the provider's own SDK for the server at `serverUrl`, to pass as `client`. */
  client(serverUrl: string): unknown;
  /** Options the provider needs beside a `client` (Vertex: its Cloud Storage folder). */
  clientOptions?(serverUrl: string): BatchProcessorOptions;
  /** Where the key is read from when none is given; the first is named when none is set. */
  keyEnv: string[];
  /** What a key the provider does not know gets: the HTTP status, and the call the error names. */
  rejectedKey: { status: number; call: string };
  /** A line of a results file as the provider writes it: `u1` answered with A, 3, a@b. */
  resultLine: string;
  /**
   * What a model's refusal comes back as, where the provider has no refusal signal (Mistral:
   * no refusal field and no content-filter finish reason, so the words are a `parse_error`).
   */
  refusalAs?: "parse_error";
  /** The variable the provider's base URL (Azure: endpoint) is read from, where not the id's. */
  baseUrlEnv?: string;
  /**
   * The options with `key` as the credential, for a provider that takes no `apiKey` (Bedrock:
   * AWS credentials). Default: `{ ...options, apiKey: key }`.
   */
  withKey?(options: BatchProcessorOptions, key: string): BatchProcessorOptions;
  /** The options without any credential. Default: `apiKey` left out. */
  withoutKey?(options: BatchProcessorOptions): BatchProcessorOptions;
}

/** An OpenAI chat-completions result line (Azure and Groq write the same). */
const CHAT_RESULT_LINE = JSON.stringify({
  id: "batch_req_1",
  custom_id: "u1",
  response: {
    status_code: 200,
    request_id: "r",
    body: {
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: '{"name":"A","age":3,"email":"a@b"}' },
          finish_reason: "stop",
        },
      ],
    },
  },
  error: null,
});

/** `options` with `key` as the credential, the provider's way. */
export function optionsWithKey(
  provider: ConformanceProvider,
  options: BatchProcessorOptions,
  key: string,
): BatchProcessorOptions {
  return provider.withKey ? provider.withKey(options, key) : { ...options, apiKey: key };
}

/** `options` without any credential, the provider's way. */
export function optionsWithoutKey(
  provider: ConformanceProvider,
  options: BatchProcessorOptions,
): BatchProcessorOptions {
  if (provider.withoutKey) return provider.withoutKey(options);
  const { apiKey: _, ...keyless } = options;
  return keyless;
}

const BEDROCK_SETTINGS = {
  region: "us-east-1",
  roleArn: "arn:aws:iam::123456789012:role/ConformanceBedrockBatch",
  s3Uri: "s3://conformance-bucket/batches/",
  // Bedrock's default quota is 100 records per job; the scenarios send a handful.
  quotas: { minRecordsPerJob: 1 },
};
const AWS_TEST_CREDENTIALS = { accessKeyId: "AKIATESTKEY", secretAccessKey: "test-secret" };

export const CONFORMANCE_PROVIDERS: ConformanceProvider[] = [
  {
    id: "openai",
    name: "openai",
    model: "openai/gpt-4o-mini",
    options: (url) => ({ apiKey: "test-key", baseURL: `${url}/v1` }),
    deletesBatchObject: false,
    hasPendingPhase: true,
    calls: {
      upload: { method: "POST", path: "/v1/files" },
      create: { method: "POST", path: "/v1/batches" },
      download: { method: "GET", path: /^\/v1\/files\/[^/]+\/content$/ },
    },
    client: (url) => new OpenAI({ apiKey: "k", baseURL: `${url}/v1` }),
    keyEnv: ["OPENAI_API_KEY"],
    // The requests go up as a file before the batch is created.
    rejectedKey: { status: 401, call: "upload batch file" },
    resultLine: JSON.stringify({
      id: "batch_req_1",
      custom_id: "u1",
      response: {
        status_code: 200,
        request_id: "r",
        body: {
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: '{"name":"A","age":3,"email":"a@b"}' },
              finish_reason: "stop",
            },
          ],
        },
      },
      error: null,
    }),
  },
  // The same adapter on the Responses API: every scenario again, on /v1/responses.
  {
    id: "openai",
    name: "openai on /v1/responses",
    endpoint: "/v1/responses",
    model: "openai/gpt-4o-mini",
    options: (url) => ({
      apiKey: "test-key",
      baseURL: `${url}/v1`,
      openai: { endpoint: "/v1/responses" },
    }),
    endpointOptions: { openai: { endpoint: "/v1/responses" } },
    deletesBatchObject: false,
    hasPendingPhase: true,
    calls: {
      upload: { method: "POST", path: "/v1/files" },
      create: { method: "POST", path: "/v1/batches" },
      download: { method: "GET", path: /^\/v1\/files\/[^/]+\/content$/ },
    },
    client: (url) => new OpenAI({ apiKey: "k", baseURL: `${url}/v1` }),
    keyEnv: ["OPENAI_API_KEY"],
    rejectedKey: { status: 401, call: "upload batch file" },
    resultLine: JSON.stringify({
      id: "batch_req_1",
      custom_id: "u1",
      response: {
        status_code: 200,
        request_id: "r",
        body: {
          id: "resp_1",
          object: "response",
          status: "completed",
          output: [
            {
              type: "message",
              role: "assistant",
              content: [{ type: "output_text", text: '{"name":"A","age":3,"email":"a@b"}' }],
            },
          ],
        },
      },
      error: null,
    }),
  },
  {
    id: "anthropic",
    name: "anthropic",
    model: "anthropic/claude-haiku-4-5",
    options: (url) => ({ apiKey: "test-key", baseURL: url }),
    deletesBatchObject: true,
    hasPendingPhase: false,
    // The requests travel inline, in the create call itself.
    calls: {
      upload: { method: "POST", path: "/v1/messages/batches" },
      create: { method: "POST", path: "/v1/messages/batches" },
      download: { method: "GET", path: /\/results$/ },
    },
    // Anthropic's baseURL has no /v1: the SDK's paths start with it.
    client: (url) => new Anthropic({ apiKey: "k", baseURL: url }),
    keyEnv: ["ANTHROPIC_API_KEY"],
    rejectedKey: { status: 401, call: "create batch" },
    resultLine: JSON.stringify({
      custom_id: "u1",
      result: {
        type: "succeeded",
        message: {
          content: [
            {
              type: "tool_use",
              id: "t",
              name: "response",
              input: { name: "A", age: 3, email: "a@b" },
            },
          ],
          stop_reason: "tool_use",
          usage: { input_tokens: 3, output_tokens: 4 },
        },
      },
    }),
  },
  {
    // The same adapter with native structured output (output_config.format): every scenario
    // again, the answers arriving as JSON text instead of tool input.
    id: "anthropic",
    name: "anthropic with native structured output",
    model: "anthropic/claude-haiku-4-5",
    options: (url) => ({
      apiKey: "test-key",
      baseURL: url,
      anthropic: { structuredOutput: "native" },
    }),
    deletesBatchObject: true,
    hasPendingPhase: false,
    calls: {
      upload: { method: "POST", path: "/v1/messages/batches" },
      create: { method: "POST", path: "/v1/messages/batches" },
      download: { method: "GET", path: /\/results$/ },
    },
    client: (url) => new Anthropic({ apiKey: "k", baseURL: url }),
    keyEnv: ["ANTHROPIC_API_KEY"],
    rejectedKey: { status: 401, call: "create batch" },
    resultLine: JSON.stringify({
      custom_id: "u1",
      result: {
        type: "succeeded",
        message: {
          content: [{ type: "text", text: '{"name":"A","age":3,"email":"a@b"}' }],
          stop_reason: "end_turn",
          usage: { input_tokens: 3, output_tokens: 4 },
        },
      },
    }),
  },
  {
    id: "google",
    name: "google",
    model: "google/gemini-2.5-flash",
    options: (url) => ({ apiKey: "test-key", baseURL: url }),
    deletesBatchObject: true,
    hasPendingPhase: true,
    calls: {
      upload: { method: "POST", path: /^\/upload\// },
      create: { method: "POST", path: /:batchGenerateContent$/ },
      download: { method: "GET", path: /:download$/ },
    },
    fileOptions: { google: { inlineMaxBytes: 0 } },
    client: (url) => new GoogleGenAI({ apiKey: "k", httpOptions: { baseUrl: url } }),
    keyEnv: ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
    // Gemini answers an unknown key with 400 INVALID_ARGUMENT, as the real service does.
    rejectedKey: { status: 400, call: "create batch" },
    resultLine: JSON.stringify({
      key: "u1",
      response: {
        candidates: [
          {
            content: { parts: [{ text: '{"name":"A","age":3,"email":"a@b"}' }] },
            finishReason: "STOP",
          },
        ],
      },
    }),
  },
  {
    id: "mistral",
    name: "mistral",
    model: "mistral/mistral-small-latest",
    // The emulator serves Mistral under /mistral; the SDK's paths start with /v1.
    options: (url) => ({ apiKey: "test-key", baseURL: `${url}/mistral` }),
    deletesBatchObject: true,
    hasPendingPhase: true,
    calls: {
      upload: { method: "POST", path: "/mistral/v1/files" },
      create: { method: "POST", path: "/mistral/v1/batch/jobs" },
      download: { method: "GET", path: /^\/mistral\/v1\/files\/[^/]+\/content$/ },
      poll: { method: "GET", path: /^\/mistral\/v1\/batch\/jobs\/[^/]+$/ },
    },
    fileOptions: { mistral: { inlineMaxBytes: 0 } },
    client: (url) => new Mistral({ apiKey: "k", serverURL: `${url}/mistral` }),
    keyEnv: ["MISTRAL_API_KEY"],
    // Small batches travel inline, in the create call itself.
    rejectedKey: { status: 401, call: "create batch" },
    refusalAs: "parse_error",
    resultLine: JSON.stringify({
      id: "batch-1",
      custom_id: "u1",
      response: {
        status_code: 200,
        body: {
          id: "c1",
          object: "chat.completion",
          model: "mistral-small-latest",
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: '{"name":"A","age":3,"email":"a@b"}' },
              finish_reason: "stop",
            },
          ],
          usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
        },
      },
      error: null,
    }),
  },
  {
    // Azure OpenAI Global Batch through the SDK's AzureOpenAI client: api-key header,
    // api-version query, `/chat/completions` lines naming the deployment.
    id: "azure",
    name: "azure",
    model: "azure/gpt-4o-mini",
    options: (url) => ({ apiKey: "test-key", baseURL: `${url}/azure` }),
    deletesBatchObject: false,
    hasPendingPhase: true,
    calls: {
      upload: { method: "POST", path: "/azure/openai/files" },
      create: { method: "POST", path: "/azure/openai/batches" },
      download: { method: "GET", path: /^\/azure\/openai\/files\/[^/]+\/content$/ },
    },
    client: (url) =>
      new AzureOpenAI({ apiKey: "k", endpoint: `${url}/azure`, apiVersion: "2024-10-21" }),
    keyEnv: ["AZURE_OPENAI_API_KEY"],
    baseUrlEnv: "AZURE_OPENAI_ENDPOINT",
    // Azure's gateway answers an unknown key with 401 before the upload is read.
    rejectedKey: { status: 401, call: "upload batch file" },
    resultLine: CHAT_RESULT_LINE,
  },
  {
    // Groq on the OpenAI client with its base URL: chat completions only, OpenAI's shapes.
    id: "groq",
    name: "groq",
    model: "groq/llama-3.1-8b-instant",
    options: (url) => ({ apiKey: "test-key", baseURL: `${url}/groq/openai/v1` }),
    deletesBatchObject: false,
    hasPendingPhase: true,
    calls: {
      upload: { method: "POST", path: "/groq/openai/v1/files" },
      create: { method: "POST", path: "/groq/openai/v1/batches" },
      download: { method: "GET", path: /^\/groq\/openai\/v1\/files\/[^/]+\/content$/ },
    },
    client: (url) => new OpenAI({ apiKey: "k", baseURL: `${url}/groq/openai/v1` }),
    keyEnv: ["GROQ_API_KEY"],
    baseUrlEnv: "GROQ_BASE_URL",
    rejectedKey: { status: 401, call: "upload batch file" },
    resultLine: CHAT_RESULT_LINE,
  },
  {
    id: "bedrock",
    name: "bedrock",
    model: "bedrock/anthropic.claude-haiku-4-5-20251001-v1:0",
    options: (url) => ({
      baseURL: url,
      bedrock: { ...BEDROCK_SETTINGS, credentials: AWS_TEST_CREDENTIALS },
    }),
    // The role, location and quotas every processor needs, also with a client passed in.
    endpointOptions: { bedrock: { ...BEDROCK_SETTINGS, credentials: AWS_TEST_CREDENTIALS } },
    deletesBatchObject: false,
    // The input file, the output file and the manifest.
    deletedFilesPerBatch: 3,
    hasPendingPhase: true,
    // The records go to S3 (PutObject), then the job is created; results come back from S3.
    calls: {
      upload: { method: "PUT", path: /^\/s3\/.+\.jsonl$/ },
      create: { method: "POST", path: "/bedrock/model-invocation-job" },
      download: { method: "GET", path: /^\/s3\/.+\.jsonl\.out$/ },
      poll: { method: "GET", path: /^\/bedrock\/model-invocation-job\/[^/]+$/ },
    },
    client: (url) => ({
      bedrock: new BedrockClient({
        region: "us-east-1",
        endpoint: `${url}/bedrock`,
        credentials: AWS_TEST_CREDENTIALS,
      }),
      s3: new S3Client({
        region: "us-east-1",
        endpoint: `${url}/s3`,
        forcePathStyle: true,
        credentials: AWS_TEST_CREDENTIALS,
      }),
    }),
    keyEnv: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"],
    // S3 answers an unknown access key id with 403 InvalidAccessKeyId; the upload comes first.
    rejectedKey: { status: 403, call: "upload batch file" },
    withKey: (options, key) => ({
      ...options,
      bedrock: { ...options.bedrock, credentials: { accessKeyId: key, secretAccessKey: key } },
    }),
    withoutKey: (options) => {
      const { credentials: _, ...bedrock } = options.bedrock ?? {};
      return { ...options, bedrock };
    },
    resultLine: JSON.stringify({
      recordId: "u1",
      modelInput: { anthropic_version: "bedrock-2023-05-31", max_tokens: 50, messages: [] },
      modelOutput: {
        id: "msg_1",
        type: "message",
        role: "assistant",
        content: [
          {
            type: "tool_use",
            id: "t",
            name: "response",
            input: { name: "A", age: 3, email: "a@b" },
          },
        ],
        stop_reason: "tool_use",
        usage: { input_tokens: 3, output_tokens: 4 },
      },
    }),
  },
  {
    // Vertex AI batch prediction: the requests go to Cloud Storage (/gcs), the job to /vertex.
    // `apiKey` is an OAuth access token for vertex/; without one, Application Default
    // Credentials are asked (see METADATA_SERVER_DETECTION below).
    id: "vertex",
    name: "vertex",
    model: "vertex/gemini-2.5-flash",
    options: (url) => ({
      apiKey: "test-token",
      baseURL: `${url}/vertex`,
      vertex: vertexSettings(url),
    }),
    deletesBatchObject: true,
    hasPendingPhase: true,
    calls: {
      upload: { method: "POST", path: /^\/gcs\/upload\/storage\/v1\/b\/[^/]+\/o$/ },
      create: { method: "POST", path: /\/batchPredictionJobs$/ },
      download: { method: "GET", path: /^\/gcs\/storage\/v1\/b\/[^/]+\/o\/.+/ },
      poll: { method: "GET", path: /\/batchPredictionJobs\/\d+$/ },
    },
    // The SDK with a real google-auth-library client holding a fixed token: no credential
    // lookup, no metadata server, no network beyond the emulator.
    client: (url) => {
      const authClient = new OAuth2Client();
      authClient.setCredentials({ access_token: "k", expiry_date: Date.now() + 3_600_000 });
      return new GoogleGenAI({
        vertexai: true,
        project: "test-project",
        location: "us-central1",
        googleAuthOptions: { authClient },
        httpOptions: { baseUrl: `${url}/vertex` },
      });
    },
    clientOptions: (url) => ({ vertex: vertexSettings(url) }),
    keyEnv: ["GOOGLE_APPLICATION_CREDENTIALS"],
    // Cloud Storage answers an unknown token with 401 (`authError`), before the job exists.
    rejectedKey: { status: 401, call: "upload batch file" },
    resultLine: JSON.stringify({
      key: "u1",
      request: { contents: [{ role: "user", parts: [{ text: "x" }] }] },
      status: "",
      processed_time: "2026-12-06T05:00:00.000+00:00",
      response: {
        candidates: [
          {
            content: { role: "model", parts: [{ text: '{"name":"A","age":3,"email":"a@b"}' }] },
            finishReason: "STOP",
          },
        ],
      },
    }),
  },
  {
    // Together AI on the OpenAI client with its base URL: uploads at /files/upload, `{ job }` on
    // create, upper-case statuses, counts from the files; OpenAI's result lines.
    id: "together",
    name: "together",
    model: "together/meta-llama/Llama-3.3-70B-Instruct-Turbo",
    options: (url) => ({ apiKey: "test-key", baseURL: `${url}/together/v1` }),
    deletesBatchObject: false,
    hasPendingPhase: true,
    calls: {
      upload: { method: "POST", path: "/together/v1/files/upload" },
      create: { method: "POST", path: "/together/v1/batches" },
      download: { method: "GET", path: /^\/together\/v1\/files\/[^/]+\/content$/ },
    },
    client: (url) => new OpenAI({ apiKey: "k", baseURL: `${url}/together/v1` }),
    keyEnv: ["TOGETHER_API_KEY"],
    baseUrlEnv: "TOGETHER_BASE_URL",
    rejectedKey: { status: 401, call: "upload batch file" },
    resultLine: CHAT_RESULT_LINE,
  },
];

/** Where the Vertex configuration keeps its batches, on the emulator at `url`. */
function vertexSettings(url: string) {
  return {
    project: "test-project",
    location: "us-central1",
    gcsUri: "gs://test-bucket/batches",
    storageBaseURL: `${url}/gcs`,
  };
}

// Application Default Credentials would otherwise probe the GCE metadata server (a network
// call, seconds of waiting) when the Vertex configuration runs without a token.
process.env.METADATA_SERVER_DETECTION ??= "none";

/** Each way a provider sends its requests: Gemini inline (the default here) and as a file. */
export function sendModes(
  provider: ConformanceProvider,
): { mode: string; options?: BatchProcessorOptions }[] {
  if (provider.endpointOptions) return [{ mode: "default", options: provider.endpointOptions }];
  return provider.fileOptions
    ? [{ mode: "inline" }, { mode: "file", options: provider.fileOptions }]
    : [{ mode: "default" }];
}
