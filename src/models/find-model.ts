import { claudeModelOf } from "../providers/bedrock/bedrock-model-id.js";
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

/**
 * The family a model belongs to, or `undefined` when the catalog does not know it. Azure runs
 * OpenAI's models: an Azure model (the deployment's `azure.model`, or a deployment named after
 * its model) finds OpenAI's rows.
 */
export function findModel(provider: ProviderId, model: string): ModelCapabilities | undefined {
  // A Bedrock Claude id (`anthropic.claude-...-v1:0`, `us.`/`eu.`/`global.` inference
  // profiles) has the capabilities of the Claude model it names.
  if (provider === "bedrock") {
    const claude = claudeModelOf(model);
    return claude === undefined ? undefined : findModel("anthropic", claude);
  }
  // Azure runs OpenAI's models and Vertex AI the Gemini models: their names find the same rows.
  const id = catalogModelId(provider, model);
  const owner = provider === "azure" ? "openai" : provider === "vertex" ? "google" : provider;
  return MODEL_CATALOG.find((entry) => entry.provider === owner && entry.match.test(id));
}
