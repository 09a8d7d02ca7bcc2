import { AZURE_CHAT_URL } from "./azure/azure-limits.js";
import { OPENAI_CHAT_ENDPOINT, OPENAI_ENDPOINTS } from "./openai/openai-limits.js";
import type { ProviderId } from "./types.js";
import { wireFamily } from "./wire-family.js";

/** The line `url`s each OpenAI-wire service takes (Azure names the endpoint without `/v1`). */
const WIRE_URLS: Partial<Record<ProviderId, readonly string[]>> = {
  openai: OPENAI_ENDPOINTS,
  azure: [AZURE_CHAT_URL],
  groq: [OPENAI_CHAT_ENDPOINT],
  together: [OPENAI_CHAT_ENDPOINT],
};

type Line = Record<string, unknown>;

const isObject = (value: unknown): value is Line =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Which provider's request shape a parsed batch line has, if any. */
export function providerOfBatchLine(line: Line): ProviderId | undefined {
  if ("method" in line && "url" in line && "body" in line) return "openai";
  if ("params" in line) return "anthropic";
  if ("request" in line && "key" in line) return "google";
  // Mistral: `{ custom_id, body }` without OpenAI's method and url.
  if ("custom_id" in line && "body" in line && !("url" in line)) return "mistral";
  if ("recordId" in line && "modelInput" in line) return "bedrock";
  return undefined;
}

/**
 * Whether a line of `built`'s shape goes to `provider`: the services that speak another's wire
 * take its lines, and Together also documents Mistral's bare `{ custom_id, body }`.
 */
export function lineShapeFits(built: ProviderId, provider: ProviderId): boolean {
  return built === wireFamily(provider) || (built === "mistral" && provider === "together");
}

/**
 * Checks one line of a batch file given to `submitBatch` (a file written by `filePath` or by
 * the CLI, or by hand) against what the provider takes, so a file built for another provider,
 * or edited into a shape the provider refuses, fails here rather than at the provider.
 * @returns what is wrong, or `undefined`.
 */
export function batchLineProblem(line: unknown, provider: ProviderId): string | undefined {
  if (!isObject(line)) return "is not a JSON object";
  const built = providerOfBatchLine(line);
  if (built !== undefined && !lineShapeFits(built, provider)) {
    return `was built for ${built}, but this processor submits to ${provider}`;
  }
  switch (wireFamily(provider)) {
    case "openai": {
      if (typeof line.custom_id !== "string") return 'has no string "custom_id"';
      // Together's documented lines are `{ custom_id, body }` (docs.together.ai/docs/
      // batch-inference); `method` and `url`, when written, must still be right.
      const bare = provider === "together" && !("method" in line) && !("url" in line);
      if (!bare && line.method !== "POST") return '"method" must be "POST"';
      const urls = WIRE_URLS[provider] ?? OPENAI_ENDPOINTS;
      if (!bare && !urls.includes(line.url as never)) {
        return `"url" must be ${urls.map((e) => `"${e}"`).join(" or ")}${provider === "openai" ? "" : ` (${provider})`}`;
      }
      if (!isObject(line.body) || typeof line.body.model !== "string") {
        return '"body" must be an object with a "model"';
      }
      return undefined;
    }
    case "anthropic": {
      if (typeof line.custom_id !== "string") return 'has no string "custom_id"';
      const params = line.params;
      if (
        !isObject(params) ||
        typeof params.model !== "string" ||
        !Array.isArray(params.messages)
      ) {
        return '"params" must be an object with "model" and "messages"';
      }
      if (!(Number.isSafeInteger(params.max_tokens) && (params.max_tokens as number) >= 1)) {
        return '"params.max_tokens" must be an integer >= 1 (Anthropic requires it)';
      }
      return undefined;
    }
    case "bedrock": {
      if (typeof line.recordId !== "string") return 'has no string "recordId"';
      const input = line.modelInput;
      if (!isObject(input) || !Array.isArray(input.messages)) {
        return '"modelInput" must be an object with "messages" (a Claude Messages body)';
      }
      if (!(Number.isSafeInteger(input.max_tokens) && (input.max_tokens as number) >= 1)) {
        return '"modelInput.max_tokens" must be an integer >= 1 (Claude requires it)';
      }
      return undefined;
    }
    case "google": {
      if (typeof line.key !== "string") return 'has no string "key"';
      if (!isObject(line.request) || !Array.isArray(line.request.contents)) {
        return '"request" must be an object with "contents"';
      }
      return undefined;
    }
    case "mistral": {
      if (typeof line.custom_id !== "string") return 'has no string "custom_id"';
      if (!isObject(line.body) || !Array.isArray(line.body.messages)) {
        return '"body" must be an object with "messages"';
      }
      return undefined;
    }
  }
}

/** OpenAI runs one model per batch: the model of a line that differs from the first line's. */
export function openAILineModel(line: unknown): string | undefined {
  return isObject(line) && isObject(line.body) && typeof line.body.model === "string"
    ? line.body.model
    : undefined;
}
