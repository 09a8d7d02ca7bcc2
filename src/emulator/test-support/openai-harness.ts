import OpenAI, { toFile } from "openai";
import { createEmulator } from "../index.js";
import type { Emulator, EmulatorOptions, EmulatorServer } from "../types.js";

export const ZERO_PHASES = { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 };

export interface OpenAIHarness {
  emulator: Emulator;
  server: EmulatorServer;
  client: OpenAI;
  close(): Promise<void>;
}

/** An emulator on a free port of 127.0.0.1 and the official SDK pointed at it. */
export async function startOpenAIHarness(options: EmulatorOptions = {}): Promise<OpenAIHarness> {
  const emulator = createEmulator({ phases: ZERO_PHASES, ...options });
  const server = await emulator.listen({ port: 0 });
  // No retries: a 5xx from the emulator is a bug to see, not to paper over.
  const client = new OpenAI({ apiKey: "test-key", baseURL: `${server.url}/v1`, maxRetries: 0 });
  return { emulator, server, client, close: () => server.close() };
}

export const STRICT_USER_SCHEMA = {
  type: "object",
  properties: {
    name: { type: "string" },
    age: { type: "integer" },
    email: { type: "string" },
  },
  required: ["name", "age", "email"],
  additionalProperties: false,
};

export interface ChatLineOptions {
  model?: string;
  schema?: Record<string, unknown>;
  url?: string;
  system?: string;
}

/** One input line as the library writes it for chat completions. */
export function chatLine(customId: string, text: string, options: ChatLineOptions = {}) {
  const messages = [
    ...(options.system ? [{ role: "system", content: options.system }] : []),
    { role: "user", content: text },
  ];
  return {
    custom_id: customId,
    method: "POST",
    url: options.url ?? "/v1/chat/completions",
    body: {
      model: options.model ?? "gpt-4o-mini",
      messages,
      max_completion_tokens: 150,
      ...(options.schema
        ? {
            response_format: {
              type: "json_schema",
              json_schema: { name: "user", schema: options.schema, strict: true },
            },
          }
        : {}),
    },
  };
}

export function toJsonl(lines: unknown[]): string {
  return `${lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n")}\n`;
}

export async function upload(client: OpenAI, content: string, filename = "batch.jsonl") {
  const bytes = new TextEncoder().encode(content);
  return client.files.create({
    file: await toFile(bytes, filename, { type: "application/jsonl" }),
    purpose: "batch",
  });
}

/** Uploads the lines and creates a chat-completions batch from them. */
export async function submit(client: OpenAI, lines: unknown[], endpoint = "/v1/chat/completions") {
  const file = await upload(client, toJsonl(lines));
  return client.batches.create({
    input_file_id: file.id,
    endpoint: endpoint as "/v1/chat/completions",
    completion_window: "24h",
  });
}

export async function readText(client: OpenAI, fileId: string): Promise<string> {
  const response = await client.files.content(fileId);
  return response.text();
}

export async function readJsonl(client: OpenAI, fileId: string | null | undefined): Promise<any[]> {
  if (!fileId) return [];
  const text = await readText(client, fileId);
  return text
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l));
}
