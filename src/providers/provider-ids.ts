/**
 * Every provider the library reaches, in the order messages and the CLI list them. The one list:
 * the `ProviderId` type, the CLI's `--provider` choices, the handle decoder and the emulator's
 * fault rules are all made from it, so a new provider is added here once.
 */
export const PROVIDER_IDS = [
  "openai",
  "anthropic",
  "google",
  "mistral",
  "azure",
  "groq",
  "bedrock",
  "vertex",
  "together",
] as const;

export type ProviderId = (typeof PROVIDER_IDS)[number];
