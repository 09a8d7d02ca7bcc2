import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import OpenAI, { toFile } from "openai";

/** The official OpenAI, Anthropic and Gemini SDKs pointed at one emulator, without retries. */
export interface ThreeSdks {
  openai: OpenAI;
  anthropic: Anthropic;
  gemini: GoogleGenAI;
}

export function threeSdks(url: string, apiKey: string): ThreeSdks {
  return {
    openai: new OpenAI({ apiKey, baseURL: `${url}/v1`, maxRetries: 0 }),
    anthropic: new Anthropic({ apiKey, baseURL: url, maxRetries: 0 }),
    gemini: new GoogleGenAI({ apiKey, httpOptions: { baseUrl: url, apiVersion: "v1beta" } }),
  };
}

/** Uploads one chat line per id and creates a batch of them; returns the batch id. */
export async function openaiBatch(
  client: OpenAI,
  ids: string[],
  metadata?: Record<string, string>,
): Promise<string> {
  const lines = ids.map((id) =>
    JSON.stringify({
      custom_id: id,
      method: "POST",
      url: "/v1/chat/completions",
      body: { model: "gpt-4o-mini", messages: [{ role: "user", content: `hi ${id}` }] },
    }),
  );
  const file = await client.files.create({
    file: await toFile(new TextEncoder().encode(`${lines.join("\n")}\n`), "in.jsonl"),
    purpose: "batch",
  });
  const batch = await client.batches.create({
    input_file_id: file.id,
    endpoint: "/v1/chat/completions",
    completion_window: "24h",
    ...(metadata ? { metadata } : {}),
  });
  return batch.id;
}

export async function anthropicBatch(client: Anthropic, ids: string[]): Promise<string> {
  const batch = await client.messages.batches.create({
    requests: ids.map((id) => ({
      custom_id: id,
      params: {
        model: "claude-sonnet-4-5",
        max_tokens: 100,
        messages: [{ role: "user", content: `hi ${id}` }],
      },
    })),
  });
  return batch.id;
}

/** An inline Gemini batch; returns its name (`batches/...`). */
export async function geminiBatch(
  ai: GoogleGenAI,
  keys: string[],
  displayName?: string,
): Promise<string> {
  const job = await ai.batches.create({
    model: "gemini-2.5-flash",
    src: keys.map((key) => ({
      contents: [{ role: "user", parts: [{ text: `hi ${key}` }] }],
      metadata: { key },
    })),
    ...(displayName !== undefined ? { config: { displayName } } : {}),
  });
  return job.name!;
}
