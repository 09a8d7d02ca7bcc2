import type { ProviderId } from "./types.js";

/** Services that speak OpenAI's batch wire (files + batches, OpenAI's line and result shapes). */
const OPENAI_WIRE: ReadonlySet<string> = new Set(["azure", "groq", "together"]);

/** The request and result shapes a provider's batches use: Azure, Groq and Together write OpenAI's. */
export type WireFamily = Exclude<ProviderId, "azure" | "groq" | "together">;

/** Which shapes `provider` reads and writes (its lines, result lines, usage). */
export function wireFamily(provider: ProviderId): WireFamily {
  return OPENAI_WIRE.has(provider) ? "openai" : (provider as WireFamily);
}
