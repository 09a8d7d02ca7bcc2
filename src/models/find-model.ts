import type { ProviderId } from "../providers/types.js";
import type { ModelCapabilities } from "./model-capabilities.js";
import { MODEL_CATALOG } from "./model-catalog.js";

/**
 * The model id the catalog is keyed on: Gemini's `models/` taken off, and for an OpenAI
 * fine-tune (`ft:gpt-4o-mini-2024-07-18:org::id`) the base model it was tuned from.
 */
export function catalogModelId(provider: ProviderId, model: string): string {
  if (provider === "google") return model.replace(/^models\//, "");
  if (provider === "vertex") return model.replace(/^publishers\/google\/models\//, "");
  if (provider === "openai" && model.startsWith("ft:")) return model.slice(3).split(":")[0]!;
  return model;
}

/** The family a model belongs to, or `undefined` when the catalog does not know it. */
export function findModel(provider: ProviderId, model: string): ModelCapabilities | undefined {
  const id = catalogModelId(provider, model);
  // Vertex AI serves the Gemini models: its names find the same families as google/ ones.
  const owner = provider === "vertex" ? "google" : provider;
  return MODEL_CATALOG.find((entry) => entry.provider === owner && entry.match.test(id));
}
