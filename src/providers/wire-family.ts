import type { ProviderId } from "./types.js";

/**
 * Services that write another provider's batch lines and results: Azure, Groq and Together
 * OpenAI's (files + batches, OpenAI's line and result shapes), Vertex AI the Gemini API's.
 */
const WIRE_OF: Readonly<Record<string, "openai" | "google">> = {
  azure: "openai",
  groq: "openai",
  together: "openai",
  vertex: "google",
};

/** The request and result shapes a provider's batches use. */
export type WireFamily = Exclude<ProviderId, "azure" | "groq" | "together" | "vertex">;

/** Which shapes `provider` reads and writes (its lines, result lines, usage). */
export function wireFamily(provider: ProviderId): WireFamily {
  return WIRE_OF[provider] ?? (provider as WireFamily);
}
