import type { ProviderId } from "./types.js";

/** The request and result shapes a provider's batches use: Azure and Groq write OpenAI's. */
export type WireFamily = "openai" | "anthropic" | "google";

/** Which shapes `provider` reads and writes (its lines, result lines, usage). */
export function wireFamily(provider: ProviderId): WireFamily {
  return provider === "anthropic" || provider === "google" ? provider : "openai";
}
