import Anthropic from "@anthropic-ai/sdk";
import { createEmulator } from "../../index.js";
import type { Emulator, EmulatorOptions, EmulatorServer } from "../../types.js";

export const ZERO_PHASES = { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 };

export interface AnthropicHarness {
  emulator: Emulator;
  server: EmulatorServer;
  client: Anthropic;
  close(): Promise<void>;
}

/** An emulator on a free port of 127.0.0.1 and the official SDK (1.x) pointed at it. */
export async function startAnthropicHarness(
  options: EmulatorOptions = {},
): Promise<AnthropicHarness> {
  const emulator = createEmulator({ phases: ZERO_PHASES, ...options });
  const server = await emulator.listen({ port: 0 });
  // No retries: a 5xx or 529 from the emulator is a thing to see, not to paper over.
  const client = new Anthropic({ apiKey: "test-key", baseURL: server.url, maxRetries: 0 });
  return { emulator, server, client, close: () => server.close() };
}

/** A non-strict schema as Zod writes it for `{name, age, email, nickname?}`. */
export const USER_SCHEMA = {
  type: "object",
  properties: {
    name: { type: "string" },
    age: { type: "integer" },
    email: { type: "string" },
    nickname: { type: "string" },
  },
  required: ["name", "age", "email"],
};

export const QUICK_START = [
  "John Doe is 25 years old and his email is john@example.com",
  "Jane Smith, age 30, can be reached at jane.smith@company.com",
  "Bob Wilson (28) - bob.wilson@email.com",
];

export interface ItemOptions {
  model?: string;
  system?: string;
  /** Forced tool use with this input schema. */
  tool?: Record<string, unknown>;
  /** Native structured output with this schema. */
  outputSchema?: Record<string, unknown>;
  extra?: Record<string, unknown>;
}

/** One `{custom_id, params}` item as the library writes it. */
export function item(customId: string, text: string, options: ItemOptions = {}) {
  const params: Record<string, unknown> = {
    model: options.model ?? "claude-opus-5",
    max_tokens: 150,
    messages: [{ role: "user", content: text }],
  };
  if (options.system) params.system = options.system;
  if (options.tool) {
    params.tools = [{ name: "User", description: "The user", input_schema: options.tool }];
    params.tool_choice = { type: "tool", name: "User" };
  }
  if (options.outputSchema) {
    params.output_config = { format: { type: "json_schema", schema: options.outputSchema } };
  }
  Object.assign(params, options.extra);
  // Cast: tests also send params the SDK's 1.x types no longer have (temperature).
  return { custom_id: customId, params } as unknown as Anthropic.Messages.BatchCreateParams.Request;
}

export async function readResults(client: Anthropic, batchId: string) {
  const rows: Anthropic.Messages.MessageBatchIndividualResponse[] = [];
  for await (const row of await client.messages.batches.results(batchId)) rows.push(row);
  return rows;
}

/** A request with the older SDKs' headers (`x-api-key`, 2023-06-01), or any others. */
export function rawFetch(
  server: EmulatorServer,
  path: string,
  init: RequestInit & { headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    ...init,
    headers: {
      "x-api-key": "test-key",
      "anthropic-version": "2023-06-01",
      "content-type": "application/json",
      ...init.headers,
    },
  });
}
