import { GoogleGenAI } from "@google/genai";
import { createEmulator } from "../../index.js";
import type { Emulator, EmulatorOptions, EmulatorServer } from "../../types.js";

export const ZERO_PHASES = { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 };
export const API_KEY = "test-key";

export interface GoogleHarness {
  emulator: Emulator;
  server: EmulatorServer;
  ai: GoogleGenAI;
  /** Plain fetch on the emulator with the key, for what the SDK hides (states, batchStats). */
  rest(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** An emulator on a free port of 127.0.0.1 and the official SDK pointed at it. */
export async function startGoogleHarness(
  options: EmulatorOptions = {},
  apiVersion: "v1beta" | "v1" = "v1beta",
): Promise<GoogleHarness> {
  const emulator = createEmulator({ phases: ZERO_PHASES, ...options });
  const server = await emulator.listen({ port: 0 });
  const ai = new GoogleGenAI({ apiKey: API_KEY, httpOptions: { baseUrl: server.url, apiVersion } });
  const rest = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { "x-goog-api-key": API_KEY, ...(init.headers as Record<string, string>) },
    });
  return { emulator, server, ai, rest, close: () => server.close() };
}

export const USER_SCHEMA = {
  type: "object",
  properties: {
    name: { type: "string" },
    age: { type: "integer" },
    email: { type: "string" },
  },
  required: ["name", "age", "email"],
};

export const QUICK_START = [
  "John Doe is 25 years old and his email is john@example.com",
  "Jane Smith, age 30, can be reached at jane.smith@company.com",
  "Bob Wilson (28) - bob.wilson@email.com",
];

export interface RequestOptions {
  schema?: Record<string, unknown>;
  system?: string;
  maxOutputTokens?: number;
}

/** An inline request as `ai.batches.create({ src: [...] })` takes it. */
export function inlined(key: string, text: string, options: RequestOptions = {}) {
  return {
    contents: [{ role: "user", parts: [{ text }] }],
    metadata: { key },
    config: {
      ...(options.system ? { systemInstruction: options.system } : {}),
      ...(options.schema
        ? { responseMimeType: "application/json", responseJsonSchema: options.schema }
        : {}),
      ...(options.maxOutputTokens ? { maxOutputTokens: options.maxOutputTokens } : {}),
    },
  };
}

/** An input-file line, in snake_case as the docs' examples write it. */
export function fileLine(key: string, text: string, options: RequestOptions = {}) {
  return {
    key,
    request: {
      contents: [{ role: "user", parts: [{ text }] }],
      ...(options.system ? { system_instruction: { parts: [{ text: options.system }] } } : {}),
      generation_config: {
        ...(options.schema
          ? { response_mime_type: "application/json", response_json_schema: options.schema }
          : {}),
        ...(options.maxOutputTokens ? { max_output_tokens: options.maxOutputTokens } : {}),
      },
    },
  };
}

export function toJsonl(lines: unknown[]): string {
  return `${lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n")}\n`;
}

export async function uploadJsonl(ai: GoogleGenAI, lines: unknown[]): Promise<string> {
  const file = await ai.files.upload({
    file: new Blob([toJsonl(lines)]),
    config: { mimeType: "jsonl" },
  });
  return file.name!;
}

/** The raw Operation, as the REST API returns it (the SDK renames states and drops stats). */
export async function rawBatch(h: GoogleHarness, name: string): Promise<any> {
  const response = await h.rest(`/v1beta/${name}`);
  if (!response.ok) throw new Error(`GET ${name}: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function downloadLines(h: GoogleHarness, fileName: string): Promise<any[]> {
  const response = await h.rest(`/download/v1beta/${fileName}:download?alt=media`);
  if (!response.ok) throw new Error(`download ${fileName}: ${response.status}`);
  const text = await response.text();
  return text
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l));
}
