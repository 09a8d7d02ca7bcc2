import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
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
  /** Whether the provider has a status before processing starts (Anthropic starts in_progress). */
  hasPendingPhase: boolean;
  /** The HTTP calls that send the requests, create the batch and download its results. */
  calls: { upload: FaultMatch; create: FaultMatch; download: FaultMatch };
  /** Options that send the batch the way `calls` describes (Gemini: as a file). */
  fileOptions?: BatchProcessorOptions;
  /** Options every processor of this configuration gets (OpenAI: the Responses endpoint). */
  endpointOptions?: BatchProcessorOptions;
  /** A client of the provider's own SDK for the server at `serverUrl`, to pass as `client`. */
  client(serverUrl: string): unknown;
  /** Where the key is read from when none is given; the first is named when none is set. */
  keyEnv: string[];
  /** What a key the provider does not know gets: the HTTP status, and the call the error names. */
  rejectedKey: { status: number; call: string };
  /** A line of a results file as the provider writes it: `u1` answered with A, 3, a@b. */
  resultLine: string;
  /** The variable the provider's base URL (Azure: endpoint) is read from, where not the id's. */
  baseUrlEnv?: string;
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

/** Each way a provider sends its requests: Gemini inline (the default here) and as a file. */
export function sendModes(
  provider: ConformanceProvider,
): { mode: string; options?: BatchProcessorOptions }[] {
  if (provider.endpointOptions) return [{ mode: "default", options: provider.endpointOptions }];
  return provider.fileOptions
    ? [{ mode: "inline" }, { mode: "file", options: provider.fileOptions }]
    : [{ mode: "default" }];
}
