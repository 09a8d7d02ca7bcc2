import type { ProviderId } from "../providers/types.js";

/** Counts the tokens of one piece of text, and says how. */
export interface TextTokenCounter {
  count(text: string): number;
  /** `exact: ...` when the provider's own tokenizer is used, else `approximate: ...`. */
  counting: string;
}

/**
 * Tokens a chat format adds around each message (role and separators) and once to prime the
 * reply: 3 and 3 in OpenAI's published counting recipe (openai-cookbook, "How to count tokens
 * with tiktoken"). The same figures are used for the other providers, as part of the estimate.
 */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_REPLY = 3;

/** OpenAI models before gpt-4o use cl100k_base; gpt-4o, gpt-4.1, gpt-5 and o-series o200k_base. */
function openAIEncoding(model: string): "cl100k_base" | "o200k_base" {
  const id = model.startsWith("ft:") ? model.slice(3) : model;
  return /^(gpt-3\.5|gpt-4(?!o|\.\d)|text-embedding)/.test(id) ? "cl100k_base" : "o200k_base";
}

/** Special-token text (`<|endoftext|>`) in user input is counted as text, never refused. */
const ENCODE_OPTIONS = { disallowedSpecial: new Set<string>() };

/** UTF-8 bytes of a string without allocating them. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Bytes per token of the approximations. No tokenizer of current Claude or Gemini models is
 * published: Google documents "a token is about 4 characters" for Gemini; Claude's tokenizer
 * cuts English text finer, so 3.5 is used. Counted in UTF-8 bytes, not characters, so that
 * scripts of several bytes per character (CJK, ...) are not counted as a quarter of their tokens.
 * Exact counts need the providers' token-counting endpoints (Anthropic `count_tokens`, Gemini
 * `countTokens`), which this estimate does not call.
 */
export const APPROXIMATE_BYTES_PER_TOKEN: Readonly<
  Record<Exclude<ProviderId, "openai" | "azure">, number>
> = {
  anthropic: 3.5,
  google: 4,
  // Mistral's Tekken tokenizer is published for its open models only; 4 as for Gemini.
  mistral: 4,
  // Groq serves open models (Llama, Qwen, ...), whose tokenizers are not loaded here: the same
  // four bytes a token as Gemini's rule.
  groq: 4,
  // Claude on Bedrock: Claude's rule.
  bedrock: 3.5,
  // The same Gemini models on Vertex AI.
  vertex: 4,
  // Together serves open models too: the same rule.
  together: 4,
};

/** Why a provider's tokens are approximated, in the estimate's `counting` label. */
const TOKENIZER_GAP: Readonly<Record<keyof typeof APPROXIMATE_BYTES_PER_TOKEN, string>> = {
  anthropic: "no public Claude tokenizer",
  bedrock: "no public Claude tokenizer",
  google: "no public Gemini tokenizer",
  vertex: "no public Gemini tokenizer",
  mistral: "no public Mistral tokenizer",
  groq: "the model's tokenizer is not loaded",
  together: "the model's tokenizer is not loaded",
};

/** The counter for a provider's model: gpt-tokenizer for OpenAI, a stated rule for the others. */
export async function loadTextTokenCounter(
  provider: ProviderId,
  model: string,
): Promise<TextTokenCounter> {
  // Azure runs OpenAI's models: the same tokenizer.
  if (provider === "openai" || provider === "azure") {
    const encoding = openAIEncoding(model);
    // Loaded only here: the tokenizer's tables stay out of the core bundle.
    const { countTokens } =
      encoding === "o200k_base"
        ? await import("gpt-tokenizer/encoding/o200k_base")
        : await import("gpt-tokenizer/encoding/cl100k_base");
    return {
      count: (text) => (text === "" ? 0 : countTokens(text, ENCODE_OPTIONS)),
      counting: `exact: ${encoding} (gpt-tokenizer)`,
    };
  }
  const perToken = APPROXIMATE_BYTES_PER_TOKEN[provider];
  return {
    count: (text) => Math.ceil(utf8Length(text) / perToken),
    counting: `approximate: UTF-8 bytes / ${perToken} (${TOKENIZER_GAP[provider]})`,
  };
}
